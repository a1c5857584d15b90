import type { SandboxDb } from '../operationHandler';

/**
 * The stand's domain tables. The first columns of houses, premises, accounts, meters, readings,
 * nsi_items and organizations are shared with the finance services and keep their names;
 * the rest serve this part. `data` columns hold JSON: field bags of request XML (see xml.ts) or
 * NSI fields, so an export gives back what an import put in.
 *
 * meters.metering_device_guid is the device's root GUID (MeteringDeviceRootGUID, stable across
 * versions; readings refer to it); root_guid repeats it; version_guid is the current version.
 * accounts.org_ppa_guid is the organisation that keeps the account. An organisation that is in the
 * register but has no account in GIS (registered = 0) still has a key in org_ppa_guid, never shown.
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS sandbox_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS fias_houses (fias_house_guid TEXT PRIMARY KEY, address TEXT, oktmo TEXT, region TEXT)`,
  `CREATE TABLE IF NOT EXISTS houses (
     fias_house_guid TEXT PRIMARY KEY, house_guid TEXT, unique_number TEXT, address TEXT, org_ppa_guid TEXT,
     updated_at TEXT, kind TEXT, data TEXT)`,
  `CREATE TABLE IF NOT EXISTS premises (
     premises_guid TEXT PRIMARY KEY, fias_house_guid TEXT, number TEXT, unique_number TEXT, kind TEXT,
     parent_guid TEXT, entrance_num TEXT, data TEXT, updated_at TEXT)`,
  `CREATE TABLE IF NOT EXISTS house_parts (
     guid TEXT PRIMARY KEY, fias_house_guid TEXT, kind TEXT, number TEXT, data TEXT, updated_at TEXT)`,
  `CREATE TABLE IF NOT EXISTS accounts (
     account_guid TEXT PRIMARY KEY, account_number TEXT, unified_account_number TEXT, zhku_id TEXT,
     fias_house_guid TEXT, premises_guid TEXT, org_ppa_guid TEXT, closed INTEGER DEFAULT 0, updated_at TEXT,
     account_kind TEXT, created_at TEXT, data TEXT, reasons TEXT)`,
  `CREATE TABLE IF NOT EXISTS meters (
     metering_device_guid TEXT PRIMARY KEY, root_guid TEXT, serial_number TEXT, model TEXT, fias_house_guid TEXT,
     account_guid TEXT, resource_code TEXT, archived INTEGER DEFAULT 0, updated_at TEXT,
     version_guid TEXT, version_number INTEGER DEFAULT 1, unique_number TEXT, org_ppa_guid TEXT,
     device_type_code TEXT, value_kind TEXT, resource_codes TEXT, premises_guid TEXT, commissioning_date TEXT,
     archive_reason TEXT, archived_at TEXT, replaced_by TEXT, data TEXT)`,
  `CREATE TABLE IF NOT EXISTS readings (
     reading_guid TEXT PRIMARY KEY, metering_device_guid TEXT, value TEXT, date TEXT, transport_guid TEXT,
     kind TEXT, value_t2 TEXT, value_t3 TEXT, resource_code TEXT, period TEXT, entered_at TEXT,
     source TEXT, org_ppa_guid TEXT, data TEXT)`,
  `CREATE TABLE IF NOT EXISTS nsi_registries (
     registry INTEGER PRIMARY KEY, name TEXT, list_group TEXT DEFAULT 'NSI', provider INTEGER DEFAULT 0, modified TEXT)`,
  `CREATE TABLE IF NOT EXISTS nsi_items (
     registry INTEGER, code TEXT, guid TEXT, name TEXT,
     org_ppa_guid TEXT, parent_code TEXT, is_actual INTEGER DEFAULT 1, modified TEXT, fields TEXT,
     PRIMARY KEY (registry, code))`,
  `CREATE TABLE IF NOT EXISTS organizations (
     org_ppa_guid TEXT PRIMARY KEY, org_root_guid TEXT, ogrn TEXT, inn TEXT, kpp TEXT, name TEXT,
     org_version_guid TEXT, kind TEXT, short_name TEXT, okopf TEXT, address TEXT, fias_house_guid TEXT,
     registration_date TEXT, last_editing_date TEXT, role_code TEXT, data_provider_guid TEXT,
     surname TEXT, first_name TEXT, patronymic TEXT, sex TEXT, registered INTEGER DEFAULT 1)`,
  `CREATE TABLE IF NOT EXISTS supply_contracts (
     contract_root_guid TEXT PRIMARY KEY, contract_guid TEXT, org_ppa_guid TEXT, number TEXT, signing_date TEXT,
     effective_date TEXT, completion_date TEXT, version_number INTEGER, version_status TEXT, houses TEXT,
     subjects TEXT, data TEXT, terminate TEXT, annulment TEXT, updated_at TEXT)`,
  `CREATE INDEX IF NOT EXISTS premises_house ON premises (fias_house_guid)`,
  `CREATE INDEX IF NOT EXISTS accounts_house ON accounts (fias_house_guid)`,
  `CREATE INDEX IF NOT EXISTS meters_house ON meters (fias_house_guid)`,
  `CREATE INDEX IF NOT EXISTS readings_meter ON readings (metering_device_guid)`,
];

export function createTables(db: SandboxDb): void {
  for (const sql of DDL) db.run(sql);
}
