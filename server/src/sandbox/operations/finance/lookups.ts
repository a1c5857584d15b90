import type { SqlValue } from '../../../journal/sqlEngine';
import type { XmlElement } from '../../../xml/xmlTree';
import type { SandboxDb } from '../../operationHandler';
import { E, ItemError } from './codes';
import { NS } from './ns';
import { txt } from './xml';

/**
 * What the finance services read from the house-management side's tables (houses, premises,
 * accounts, organizations, nsi_items) and from their own reference tables. GUIDs compare
 * case-insensitively.
 */

export interface Account {
  accountGuid: string;
  accountNumber?: string;
  unifiedAccountNumber?: string;
  serviceId?: string;
  fiasHouseGuid?: string;
  premisesGuid?: string;
  orgPPAGUID?: string;
  closed: boolean;
}

function str(v: SqlValue | undefined): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

function account(r: Record<string, SqlValue> | undefined): Account | undefined {
  if (!r) return undefined;
  const closed = r.closed;
  return {
    accountGuid: String(r.account_guid).toLowerCase(),
    accountNumber: str(r.account_number),
    unifiedAccountNumber: str(r.unified_account_number),
    serviceId: str(r.zhku_id),
    fiasHouseGuid: str(r.fias_house_guid)?.toLowerCase(),
    premisesGuid: str(r.premises_guid)?.toLowerCase(),
    orgPPAGUID: str(r.org_ppa_guid)?.toLowerCase(),
    closed: closed === 1 || closed === '1' || closed === 'true',
  };
}

export function accountByGuid(db: SandboxDb, guid: string): Account | undefined {
  return account(db.get('SELECT * FROM accounts WHERE lower(account_guid) = lower(?)', [guid]));
}

export function accountByServiceId(db: SandboxDb, serviceId: string): Account | undefined {
  return account(db.get('SELECT * FROM accounts WHERE zhku_id = ?', [serviceId]));
}

export function accountsByUnifiedNumber(db: SandboxDb, els: string): Account[] {
  return db.all('SELECT * FROM accounts WHERE unified_account_number = ?', [els]).map((r) => account(r)!);
}

export interface House {
  fiasHouseGuid: string;
  houseGuid?: string;
  address?: string;
  orgPPAGUID?: string;
}

function house(r: Record<string, SqlValue> | undefined): House | undefined {
  if (!r) return undefined;
  return {
    fiasHouseGuid: String(r.fias_house_guid).toLowerCase(),
    houseGuid: str(r.house_guid)?.toLowerCase(),
    address: str(r.address),
    orgPPAGUID: str(r.org_ppa_guid)?.toLowerCase(),
  };
}

export function houseByFias(db: SandboxDb, fias: string): House | undefined {
  return house(db.get('SELECT * FROM houses WHERE lower(fias_house_guid) = lower(?)', [fias]));
}

export function houseByGuid(db: SandboxDb, guid: string): House | undefined {
  return house(db.get('SELECT * FROM houses WHERE lower(house_guid) = lower(?)', [guid]));
}

export function premisesNumber(db: SandboxDb, premisesGuid: string | undefined): string | undefined {
  if (!premisesGuid) return undefined;
  return str(db.get('SELECT number FROM premises WHERE lower(premises_guid) = lower(?)', [premisesGuid])?.number);
}

export interface Organization {
  orgPPAGUID: string;
  orgRootGuid?: string;
  inn: string;
  kpp?: string;
  name: string;
  mailingAddress?: string;
}

/**
 * An organisation by orgPPAGUID: the registry's row, completed by the finance side's details; an
 * organisation the stand does not know still gets a name (answers need one).
 */
export function organization(db: SandboxDb, orgPPAGUID: string | undefined): Organization {
  const guid = (orgPPAGUID ?? '').toLowerCase();
  const reg = guid ? db.get('SELECT * FROM organizations WHERE lower(org_ppa_guid) = ?', [guid]) : undefined;
  const own = guid ? db.get('SELECT * FROM fin_org_details WHERE org_ppa_guid = ?', [guid]) : undefined;
  return {
    orgPPAGUID: guid,
    orgRootGuid: str(reg?.org_root_guid)?.toLowerCase(),
    inn: str(reg?.inn) ?? str(own?.inn) ?? '0000000000',
    kpp: str(reg?.kpp) ?? str(own?.kpp),
    name: str(reg?.short_name) ?? str(reg?.name) ?? str(own?.name) ?? `Организация ${guid || 'без идентификатора'}`,
    mailingAddress: str(own?.mailing_address) ?? str(reg?.address),
  };
}

export function orgPPAGUIDsOfRoot(db: SandboxDb, rootGuid: string): string[] {
  return db
    .all('SELECT org_ppa_guid FROM organizations WHERE lower(org_root_guid) = lower(?)', [rootGuid])
    .map((r) => String(r.org_ppa_guid).toLowerCase());
}

export interface NsiPosition {
  code: string;
  guid: string;
  name?: string;
}

/**
 * A position by GUID in one of the given registries (any registry when none is given): the NSI
 * the house-management side keeps (nsi_items), then the positions the finance services know.
 */
export function nsiByGuid(db: SandboxDb, guid: string, registries: readonly number[] = []): NsiPosition | undefined {
  const inList = registries.length ? ` AND CAST(registry AS TEXT) IN (${registries.map(() => '?').join(', ')})` : '';
  const regs = registries.map(String);
  const r =
    db.get(`SELECT code, guid, name FROM nsi_items WHERE lower(guid) = lower(?)${inList}`, [guid, ...regs]) ??
    db.get(`SELECT code, guid, name FROM fin_nsi WHERE guid = lower(?)${inList}`, [guid, ...regs]);
  return r ? { code: String(r.code), guid: String(r.guid).toLowerCase(), name: str(r.name) } : undefined;
}

/** Checks an nsiRef element (Code, GUID) against the NSI registries the field refers to. */
export function checkNsiRef(db: SandboxDb, ref: XmlElement | undefined, what: string, registries: readonly number[] = []): ItemError | undefined {
  if (!ref) return undefined;
  const code = txt(ref, NS.nsiBase, 'Code') ?? '';
  const guid = txt(ref, NS.nsiBase, 'GUID') ?? '';
  const known = nsiByGuid(db, guid, registries);
  if (!known) return E.nsiUnknown(what, code, guid, registries);
  if (known.code !== code) return E.nsiCodeMismatch(what, code, guid, known.code);
  return undefined;
}

/** A bank account from the stand's directory. */
export interface BankAccount {
  bik: string;
  accountNumber: string;
  orgPPAGUID?: string;
  inn?: string;
  kpp?: string;
  recipient?: string;
  bankName?: string;
  corrAccount?: string;
  oktmo?: string;
}

export function bankAccount(db: SandboxDb, bik: string, accountNumber: string): BankAccount | undefined {
  const r = db.get('SELECT * FROM fin_bank_accounts WHERE bik = ? AND account_number = ?', [bik, accountNumber]);
  if (!r) return undefined;
  return {
    bik,
    accountNumber,
    orgPPAGUID: str(r.org_ppa_guid),
    inn: str(r.inn),
    kpp: str(r.kpp),
    recipient: str(r.recipient),
    bankName: str(r.bank_name),
    corrAccount: str(r.corr_account),
    oktmo: str(r.oktmo),
  };
}
