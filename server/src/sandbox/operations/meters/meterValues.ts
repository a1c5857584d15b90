import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { ItemError, ItemOutcome, answer, commonResults, errorMessage, kid, kids, mskDateTime, newGuid, nsiRefOf, str, txt } from '../common';
import { checkNsiRefs } from '../nsi/nsiStore';
import { CODES, checkReadingDate, err } from '../rules';
import { el, leaf, nsiRefXml } from '../xml';
import { MeterRow, MeterValue, ReadingRow, ValueKind, VerificationData, insertReading, meterByRoot, meterByVersion, meterFromRow, readingFromRow } from './meterStore';

/**
 * device-metering: readings (importMeteringDeviceValues) and their history
 * (exportMeteringDeviceHistory). A reading is accepted when its meter exists, is active and
 * measures that resource, and its date is inside the reading window (rules.ts, SRV007013).
 */

const VALUE_ELEMENT: Record<ValueKind, string> = { one: 'OneRateDeviceValue', electric: 'ElectricDeviceValue', volume: 'VolumeDeviceValue' };

interface Ctx {
  req: SandboxRequest;
  db: SandboxDb;
  org: string;
  now: string;
}

function valueOf(kind: ValueKind, e: XmlElement): MeterValue {
  if (kind === 'one') return { res: nsiRefOf(kid(e, 'MunicipalResource')), t1: txt(e, 'MeteringValue') ?? '0' };
  return { res: kind === 'volume' ? nsiRefOf(kid(e, 'MunicipalResource')) : undefined, t1: txt(e, 'MeteringValueT1') ?? '0', t2: txt(e, 'MeteringValueT2'), t3: txt(e, 'MeteringValueT3') };
}

/** Errors of one value against its meter: resource, NSI code. */
function valueErrors(c: Ctx, m: MeterRow, e: XmlElement, v: MeterValue): ItemError[] {
  const nsi = checkNsiRefs(c.db, e, { MunicipalResource: 2 });
  if (nsi.length) return nsi;
  if (v.res && !m.resourceCodes.includes(v.res.code)) {
    return [err(CODES.wrongValueKind, `Прибор учёта ${m.uniqueNumber} не учитывает ресурс с кодом ${v.res.code} (НСИ 2)`)];
  }
  return [];
}

function reading(c: Ctx, m: MeterRow, kind: 'current' | 'control', valueKind: ValueKind, e: XmlElement): ItemOutcome {
  const transportGuid = txt(e, 'TransportGUID') ?? '';
  const v = valueOf(valueKind, e);
  const date = txt(e, 'DateValue') ?? '';
  const errors = valueErrors(c, m, e, v);
  const dateError = checkReadingDate(date, c.req.receivedAt);
  if (dateError) errors.push(dateError);
  const period = kid(e, 'Period');
  const ym = period ? `${txt(period, 'Year')}-${String(txt(period, 'Month')).padStart(2, '0')}` : undefined;
  if (ym && ym !== date.slice(0, 7)) errors.push(err(CODES.readingPeriod, `Период показания ${ym} не совпадает с месяцем даты показания ${date}`));
  if (errors.length) return { transportGuid, errors };
  const guid = newGuid();
  insertReading(c.db, { guid, meterRoot: m.rootGuid, kind, date, transportGuid, period: ym ?? date.slice(0, 7), enteredAt: c.now, source: 'Поставщик информации', org: c.org, value: v });
  return { transportGuid, guid, updateDate: c.now };
}

function verification(c: Ctx, m: MeterRow, valueKind: ValueKind, e: XmlElement): ItemOutcome {
  const transportGuid = txt(e, 'TransportGUID') ?? '';
  const start = kids(e, 'StartValue');
  const end = kids(e, 'EndValue');
  const errors = [...start, ...end].flatMap((x) => valueErrors(c, m, x, valueOf(valueKind, x)));
  const data: VerificationData = {
    startDate: txt(e, 'StartDateValue') ?? '',
    endDate: txt(e, 'EndDateValue') ?? '',
    sealDate: txt(e, 'SealDate') ?? '',
    start: start.map((x) => valueOf(valueKind, x)),
    end: end.map((x) => valueOf(valueKind, x)),
    planned: kid(e, 'PlannedVerification') ? true : undefined,
    reason: nsiRefOf(kid(e, 'VerificationReason')),
  };
  if (data.endDate < data.startDate) errors.push(err(CODES.readingPeriod, `Дата окончания поверки ${data.endDate} раньше даты её начала ${data.startDate}`));
  const dateError = checkReadingDate(data.endDate, c.req.receivedAt);
  if (dateError) errors.push(dateError);
  if (errors.length) return { transportGuid, errors };
  const guid = newGuid();
  insertReading(c.db, { guid, meterRoot: m.rootGuid, kind: 'verification', date: data.endDate, transportGuid, enteredAt: c.now, source: 'Поставщик информации', org: c.org, verification: data });
  return { transportGuid, guid, updateDate: c.now };
}

/** Every TransportGUID under a device's values: each gets the device's error. */
function transportGuids(e: XmlElement): string[] {
  const out: string[] = [];
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.local === 'TransportGUID') out.push(x.text.trim());
    else stack.push(...x.children);
  }
  return out.reverse();
}

const importMeteringDeviceValues: OperationHandler = {
  process(req, db) {
    const c: Ctx = { req, db, org: req.orgPPAGUID ?? req.senderId ?? '', now: mskDateTime(req.receivedAt) };
    const fias = txt(req.request, 'FIASHouseGuid');
    const out: ItemOutcome[] = [];
    for (const d of kids(req.request, 'MeteringDevicesValues')) {
      const root = txt(d, 'MeteringDeviceRootGUID');
      const version = txt(d, 'MeteringDeviceVersionGUID');
      const m = root ? meterByRoot(db, root) : meterByVersion(db, version ?? '');
      const values = d.children.find((x) => x.local.endsWith('DeviceValue'));
      let error: ItemError | undefined;
      if (!m) error = err(CODES.notFound, `Прибор учёта ${root ?? version} не найден в ГИС ЖКХ`);
      else if (fias && m.fias.toLowerCase() !== fias.toLowerCase()) error = err(CODES.notFound, `Прибор учёта ${m.uniqueNumber} не установлен в доме ФИАС ${fias}`);
      else if (m.archived) error = err(CODES.meterArchived, `Прибор учёта ${m.uniqueNumber} в архиве: показания не принимаются`);
      else if (values && values.local !== VALUE_ELEMENT[m.valueKind]) {
        error = err(CODES.wrongValueKind, `Для прибора учёта ${m.uniqueNumber} показания передаются в ${VALUE_ELEMENT[m.valueKind]}, а не в ${values.local}`);
      }
      if (error || !m || !values) {
        for (const t of transportGuids(d)) out.push({ transportGuid: t, errors: [error ?? err(CODES.notFound, 'Нет показаний')] });
        continue;
      }
      for (const e of kids(values, 'CurrentValue')) out.push(reading(c, m, 'current', m.valueKind, e));
      for (const e of kids(values, 'ControlValue')) out.push(reading(c, m, 'control', m.valueKind, e));
      for (const e of kids(values, 'VerificationValue')) out.push(verification(c, m, m.valueKind, e));
    }
    return answer(commonResults('dm', 'ImportResult', out));
  },
};

// ---- History ---------------------------------------------------------------------------------

/** The value part (resource, values) followed by who entered it and when. */
function exportedValue(kind: ValueKind, v: MeterValue, r: Pick<ReadingRow, 'source' | 'org' | 'enteredAt'>): string {
  const res = v.res ? el('mdb', 'MunicipalResource', nsiRefXml(v.res)) : '';
  const values =
    kind === 'one'
      ? leaf('mdb', 'MeteringValue', v.t1)
      : leaf('mdb', 'MeteringValueT1', v.t1) + leaf('mdb', 'MeteringValueT2', v.t2) + leaf('mdb', 'MeteringValueT3', v.t3);
  const origin = leaf('mdb', 'ReadingsSource', r.source) + leaf('mdb', 'orgPPAGUID', r.org) + leaf('mdb', 'EnterIntoSystem', r.enteredAt);
  return (kind === 'electric' ? '' : res) + values + origin;
}

function dateValue(date: string): string {
  return leaf('dm', 'DateValue', date.length === 10 ? `${date}T00:00:00+03:00` : date);
}

function periodXml(period: string | undefined): string {
  if (!period) return '';
  return el('dm', 'Period', leaf('base', 'Year', Number(period.slice(0, 4))) + leaf('base', 'Month', Number(period.slice(5, 7))));
}

function verificationXml(kind: ValueKind, r: ReadingRow): string {
  const v = r.verification!;
  const values = (name: string, list: MeterValue[]) => list.map((x) => el('dm', name, exportedValue(kind, x, r))).join('');
  return el(
    'dm',
    'VerificationValue',
    leaf('dm', 'StartDateValue', v.startDate) +
      leaf('dm', 'EndDateValue', v.endDate) +
      leaf('dm', 'SealDate', v.sealDate) +
      values('StartValue', kind === 'electric' ? v.start.slice(0, 1) : v.start) +
      values('EndValue', kind === 'electric' ? v.end.slice(0, 1) : v.end) +
      (v.planned ? leaf('dm', 'PlannedVerification', 'true') : v.reason ? el('dm', 'VerificationReason', nsiRefXml(v.reason)) : leaf('dm', 'PlannedVerification', 'true')),
  );
}

function historyXml(db: SandboxDb, m: MeterRow, readings: ReadingRow[]): string {
  const house = str(db.get('SELECT house_guid FROM houses WHERE lower(fias_house_guid) = lower(?)', [m.fias])?.house_guid);
  const kind = m.valueKind;
  const of = (k: string) => readings.filter((r) => r.kind === k).sort((a, b) => a.date.localeCompare(b.date) || a.enteredAt.localeCompare(b.enteredAt));
  const current = of('current')
    .map((r) => el('dm', 'CurrentValue', exportedValue(kind, r.value!, r) + dateValue(r.date) + periodXml(r.period)))
    .join('');
  const control = of('control')
    .map((r) => el('dm', 'ControlValue', exportedValue(kind, r.value!, r) + dateValue(r.date)))
    .join('');
  const verifications = of('verification')
    .map((r) => verificationXml(kind, r))
    .join('');
  const inner = current + control + verifications;
  let body: string;
  if (kind === 'volume') body = inner;
  else {
    const bases = of('base').slice(0, kind === 'electric' ? 1 : 3);
    body = bases.map((r) => el('dm', 'BaseValue', exportedValue(kind, r.value!, r))).join('') + (inner ? el('dm', 'Values', inner) : '');
  }
  const reason = m.archived && m.archiveReason ? (JSON.parse(m.archiveReason) as { code: string; guid: string; name?: string } | null) : null;
  return el(
    'dm',
    'exportMeteringDeviceHistoryResult',
    leaf('dm', 'MeteringDeviceRootGUID', m.rootGuid) +
      leaf('dm', 'HCSHouseGUID', house) +
      leaf('dm', 'FIASHouseGuid', m.fias) +
      el('dm', VALUE_ELEMENT[kind], body) +
      (reason ? el('dm', 'ArchivedValues', el('dm', 'ArchivingReason', nsiRefXml(reason))) : ''),
  );
}

/** Devices per page of the history (GIS pages by devices). */
export const HISTORY_PAGE_SIZE = 1000;

const exportMeteringDeviceHistory: OperationHandler = {
  process(req, db) {
    const r = req.request;
    const org = (req.orgPPAGUID ?? req.senderId ?? '').toLowerCase();
    const houses = kids(r, 'FIASHouseGuid').map((e) => e.text.trim().toLowerCase());
    const types = kids(r, 'MeteringDeviceType').map((e) => nsiRefOf(e)?.code);
    const resources = kids(r, 'MunicipalResource').map((e) => nsiRefOf(e)?.code);
    const roots = kids(r, 'MeteringDeviceRootGUID').map((e) => e.text.trim().toLowerCase());
    const archived = txt(r, 'SerchArchived') === 'true' || txt(r, 'SerchArchived') === '1';
    const managed = new Set(db.all('SELECT fias_house_guid FROM houses WHERE lower(org_ppa_guid) = ?', [org]).map((h) => String(h.fias_house_guid).toLowerCase()));
    const inRange = (v: string | undefined, from?: string, to?: string) => (!from || (!!v && v.slice(0, 10) >= from)) && (!to || (!!v && v.slice(0, 10) <= to));
    const after = txt(r, 'ExportMeteringDeviceRootGUID')?.toLowerCase();
    const meters = db
      .all('SELECT * FROM meters ORDER BY metering_device_guid')
      .map(meterFromRow)
      .filter(
        (m) =>
          (m.org.toLowerCase() === org || managed.has(m.fias.toLowerCase())) &&
          (houses.length === 0 || houses.includes(m.fias.toLowerCase())) &&
          (types.length === 0 || types.includes(m.deviceTypeCode)) &&
          (resources.length === 0 || m.resourceCodes.some((c) => resources.includes(c))) &&
          (roots.length === 0 || roots.includes(m.rootGuid.toLowerCase())) &&
          (archived || !m.archived) &&
          inRange(m.commissioningDate, txt(r, 'CommissioningDateFrom'), txt(r, 'CommissioningDateTo')) &&
          (!(txt(r, 'ArchiveDateFrom') || txt(r, 'ArchiveDateTo')) || inRange(m.archivedAt, txt(r, 'ArchiveDateFrom'), txt(r, 'ArchiveDateTo'))) &&
          (!after || m.rootGuid.toLowerCase() > after),
      );
    if (meters.length === 0) return errorMessage(CODES.nothingToExport, 'Приборы учёта по указанным критериям не найдены');
    const page = meters.slice(0, HISTORY_PAGE_SIZE);
    const from = txt(r, 'inputDateFrom');
    const to = txt(r, 'inputDateTo');
    const keep = (x: ReadingRow) => {
      if (x.kind === 'base') return true;
      const entered = x.enteredAt.slice(0, 10);
      if ((from && entered < from) || (to && entered > to)) return false;
      const person = x.source === 'Гражданин';
      if (person && txt(r, 'ExcludePersonAsDataSource') === 'true') return false;
      if (!person && x.org?.toLowerCase() === org && txt(r, 'ExcludeCurrentOrgAsDataSource') === 'true') return false;
      if (!person && x.org?.toLowerCase() !== org && txt(r, 'ExcludeOtherOrgAsDataSource') === 'true') return false;
      return true;
    };
    const results = page.map((m) =>
      historyXml(db, m, db.all('SELECT * FROM readings WHERE metering_device_guid = ?', [m.rootGuid]).map(readingFromRow).filter(keep)),
    );
    const last = meters.length <= HISTORY_PAGE_SIZE;
    const paged = el('dm', 'PagedOutput', last ? leaf('dm', 'LastPage', 'true') : leaf('dm', 'ExportMeteringDeviceRootGUID', page[page.length - 1].rootGuid));
    return answer(results.join('') + paged);
  },
};

export const meterValueHandlers: Record<string, OperationHandler> = {
  'device-metering/importMeteringDeviceValues': importMeteringDeviceValues,
  'device-metering/exportMeteringDeviceHistory': exportMeteringDeviceHistory,
};
