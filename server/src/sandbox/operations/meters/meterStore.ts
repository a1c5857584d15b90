import type { SqlValue } from '../../../journal/sqlEngine';
import type { SandboxDb } from '../../operationHandler';
import { str } from '../common';
import { FieldBag, NsiRefData, parseBag } from '../xml';

/** Metering devices and their readings as the stand keeps them (see tables.ts). */

/** How the device's values are given: one value per resource, tariffs of electricity, or volume with tariffs. */
export type ValueKind = 'one' | 'electric' | 'volume';

export interface MeterRow {
  rootGuid: string;
  versionGuid: string;
  versionNumber: number;
  serial: string;
  model?: string;
  fias: string;
  accountGuid?: string;
  premisesGuid?: string;
  resourceCode?: string;
  resourceCodes: string[];
  deviceTypeCode: string;
  valueKind: ValueKind;
  uniqueNumber: string;
  org: string;
  archived: boolean;
  archiveReason?: string;
  archivedAt?: string;
  replacedBy?: string;
  commissioningDate?: string;
  updatedAt: string;
  card: FieldBag;
}

export function meterFromRow(r: Record<string, SqlValue>): MeterRow {
  return {
    rootGuid: String(r.metering_device_guid),
    versionGuid: String(r.version_guid),
    versionNumber: Number(r.version_number ?? 1),
    serial: String(r.serial_number ?? ''),
    model: str(r.model),
    fias: String(r.fias_house_guid),
    accountGuid: str(r.account_guid),
    premisesGuid: str(r.premises_guid),
    resourceCode: str(r.resource_code),
    resourceCodes: String(r.resource_codes ?? '')
      .split(',')
      .filter(Boolean),
    deviceTypeCode: String(r.device_type_code ?? '1'),
    valueKind: (str(r.value_kind) ?? 'one') as ValueKind,
    uniqueNumber: String(r.unique_number ?? ''),
    org: String(r.org_ppa_guid ?? ''),
    archived: Number(r.archived) === 1,
    archiveReason: str(r.archive_reason),
    archivedAt: str(r.archived_at),
    replacedBy: str(r.replaced_by),
    commissioningDate: str(r.commissioning_date),
    updatedAt: String(r.updated_at),
    card: parseBag(r.data),
  };
}

export function insertMeter(db: SandboxDb, m: MeterRow): void {
  db.run(
    `INSERT INTO meters (metering_device_guid, root_guid, serial_number, model, fias_house_guid, account_guid, resource_code, archived,
       updated_at, version_guid, version_number, unique_number, org_ppa_guid, device_type_code, value_kind, resource_codes, premises_guid,
       commissioning_date, archive_reason, archived_at, replaced_by, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      m.rootGuid,
      m.rootGuid,
      m.serial,
      m.model ?? null,
      m.fias,
      m.accountGuid ?? null,
      m.resourceCode ?? null,
      m.archived ? 1 : 0,
      m.updatedAt,
      m.versionGuid,
      m.versionNumber,
      m.uniqueNumber,
      m.org,
      m.deviceTypeCode,
      m.valueKind,
      m.resourceCodes.join(','),
      m.premisesGuid ?? null,
      m.commissioningDate ?? null,
      m.archiveReason ?? null,
      m.archivedAt ?? null,
      m.replacedBy ?? null,
      JSON.stringify(m.card),
    ],
  );
}

export function saveMeter(db: SandboxDb, m: MeterRow): void {
  db.run('DELETE FROM meters WHERE metering_device_guid = ?', [m.rootGuid]);
  insertMeter(db, m);
}

export function meterByRoot(db: SandboxDb, root: string): MeterRow | undefined {
  const r = db.get('SELECT * FROM meters WHERE lower(metering_device_guid) = lower(?)', [root]);
  return r ? meterFromRow(r) : undefined;
}

export function meterByVersion(db: SandboxDb, version: string): MeterRow | undefined {
  const r = db.get('SELECT * FROM meters WHERE lower(version_guid) = lower(?)', [version]);
  return r ? meterFromRow(r) : undefined;
}

/** One value of a reading: a resource (one-rate and volume devices) and up to three tariffs. */
export interface MeterValue {
  res?: NsiRefData;
  t1: string;
  t2?: string;
  t3?: string;
}

export type ReadingKind = 'base' | 'current' | 'control' | 'verification';

export interface VerificationData {
  startDate: string;
  endDate: string;
  sealDate: string;
  start: MeterValue[];
  end: MeterValue[];
  planned?: boolean;
  reason?: NsiRefData;
}

export interface ReadingRow {
  guid: string;
  meterRoot: string;
  kind: ReadingKind;
  /** Date of the reading (xs:date); for verification, its end date. */
  date: string;
  transportGuid?: string;
  period?: string;
  enteredAt: string;
  /** «Поставщик информации» or «Гражданин». */
  source: string;
  org?: string;
  value?: MeterValue;
  verification?: VerificationData;
}

export function insertReading(db: SandboxDb, r: ReadingRow): void {
  const v = r.value ?? r.verification?.end[0];
  db.run(
    `INSERT INTO readings (reading_guid, metering_device_guid, value, date, transport_guid, kind, value_t2, value_t3, resource_code,
       period, entered_at, source, org_ppa_guid, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.guid,
      r.meterRoot,
      v?.t1 ?? null,
      r.date,
      r.transportGuid ?? null,
      r.kind,
      v?.t2 ?? null,
      v?.t3 ?? null,
      v?.res?.code ?? null,
      r.period ?? null,
      r.enteredAt,
      r.source,
      r.org ?? null,
      JSON.stringify({ value: r.value, verification: r.verification }),
    ],
  );
}

export function readingFromRow(r: Record<string, SqlValue>): ReadingRow {
  const data = r.data ? (JSON.parse(String(r.data)) as { value?: MeterValue; verification?: VerificationData }) : {};
  return {
    guid: String(r.reading_guid),
    meterRoot: String(r.metering_device_guid),
    kind: String(r.kind) as ReadingKind,
    date: String(r.date),
    transportGuid: str(r.transport_guid),
    period: str(r.period),
    enteredAt: String(r.entered_at),
    source: String(r.source ?? 'Поставщик информации'),
    org: str(r.org_ppa_guid),
    value: data.value,
    verification: data.verification,
  };
}
