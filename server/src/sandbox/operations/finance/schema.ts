import type { SandboxDb } from '../../operationHandler';

/**
 * The finance services' own tables. Houses, premises, accounts, organisations and NSI items
 * belong to the house-management side (read, never written here). GUIDs are stored lower-case;
 * sums in kopecks; what an answer only repeats is kept as JSON or as the answer's own XML.
 */
const DDL = [
  // Bank accounts the stand knows (GIS fills an account's bank and recipient from its directory).
  `CREATE TABLE IF NOT EXISTS fin_bank_accounts (
     bik TEXT NOT NULL, account_number TEXT NOT NULL, org_ppa_guid TEXT, inn TEXT, kpp TEXT,
     recipient TEXT, bank_name TEXT, corr_account TEXT, oktmo TEXT,
     PRIMARY KEY (bik, account_number))`,
  // Mailing addresses and names of organisations, where the organisations table has none.
  `CREATE TABLE IF NOT EXISTS fin_org_details (
     org_ppa_guid TEXT PRIMARY KEY, inn TEXT, kpp TEXT, name TEXT, mailing_address TEXT)`,
  // NSI positions the finance services refer to and the stand knows besides nsi_items.
  `CREATE TABLE IF NOT EXISTS fin_nsi (guid TEXT PRIMARY KEY, registry TEXT, code TEXT, name TEXT)`,
  `CREATE TABLE IF NOT EXISTS payment_informations (
     guid TEXT PRIMARY KEY, org_ppa_guid TEXT, bik TEXT NOT NULL, account_number TEXT NOT NULL, updated_at TEXT,
     UNIQUE (org_ppa_guid, bik, account_number))`,
  `CREATE TABLE IF NOT EXISTS payment_documents (
     guid TEXT PRIMARY KEY, payment_document_id TEXT NOT NULL UNIQUE, org_ppa_guid TEXT,
     account_guid TEXT, account_number TEXT, account_numbers TEXT, unified_account_number TEXT, service_id TEXT,
     fias_house_guid TEXT, premises_number TEXT, year INTEGER NOT NULL, month INTEGER NOT NULL,
     number TEXT, state TEXT NOT NULL, body TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS payment_documents_period ON payment_documents (year, month)`,
  `CREATE TABLE IF NOT EXISTS payment_notifications (
     guid TEXT PRIMARY KEY, order_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, org_ppa_guid TEXT,
     order_date TEXT NOT NULL, amount INTEGER NOT NULL, payment_document_id TEXT, year INTEGER, month INTEGER,
     unified_account_number TEXT, account_number TEXT, service_id TEXT, body TEXT NOT NULL,
     created_at TEXT NOT NULL, cancellation_guid TEXT, cancellation_date TEXT, cancellation_comment TEXT,
     updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS acknowledgments (
     guid TEXT PRIMARY KEY, notification_guid TEXT NOT NULL, org_ppa_guid TEXT, payment_document_id TEXT,
     payment_document_number TEXT, service_kind TEXT NOT NULL, service_guid TEXT, service_code TEXT,
     service_name TEXT, amount INTEGER NOT NULL, reason TEXT, payment_information_guid TEXT,
     delay_year INTEGER, delay_month INTEGER, cancelled INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS acknowledgments_notification ON acknowledgments (notification_guid)`,
  `CREATE TABLE IF NOT EXISTS settlement_contracts (
     contract_root_guid TEXT PRIMARY KEY, contract_number TEXT, rso_org_root_guid TEXT, rso_org_ppa_guid TEXT,
     iku_org_root_guid TEXT, iku_org_ppa_guid TEXT)`,
  `CREATE TABLE IF NOT EXISTS settlements (
     guid TEXT PRIMARY KEY, contract_root_guid TEXT NOT NULL, org_ppa_guid TEXT, annulment_reason TEXT,
     updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS settlement_periods (
     settlement_guid TEXT NOT NULL, year INTEGER NOT NULL, month INTEGER NOT NULL, side TEXT NOT NULL,
     info_xml TEXT NOT NULL, status TEXT NOT NULL, annulment_reason TEXT, updated_at TEXT NOT NULL,
     PRIMARY KEY (settlement_guid, year, month, side))`,
  `CREATE TABLE IF NOT EXISTS debt_subrequests (
     subrequest_guid TEXT PRIMARY KEY, recipient_org_ppa_guid TEXT, request_guid TEXT NOT NULL,
     request_number TEXT NOT NULL, request_json TEXT NOT NULL, fias_house_guid TEXT, house_guid TEXT,
     hm_object_guid TEXT, status TEXT NOT NULL, sent_date TEXT NOT NULL, response_date TEXT NOT NULL,
     response_status TEXT NOT NULL, response_guid TEXT, response_xml TEXT, updated_at TEXT NOT NULL)`,
  // Debts already in the registry of debt information, referred to by debtGUID in answers.
  `CREATE TABLE IF NOT EXISTS debt_registry (debt_guid TEXT PRIMARY KEY, org_ppa_guid TEXT, debt_info_xml TEXT NOT NULL)`,
  // The organisations' employees who answer debt subrequests.
  `CREATE TABLE IF NOT EXISTS fin_executors (guid TEXT PRIMARY KEY, org_ppa_guid TEXT, fio TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS volume_quality_intervals (
     guid TEXT PRIMARY KEY, org_ppa_guid TEXT, base_kind TEXT, contract_root_guid TEXT, body TEXT NOT NULL,
     annulment_reason TEXT, updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS outage_reports (
     guid TEXT PRIMARY KEY, org_ppa_guid TEXT, body TEXT NOT NULL, annulment_reason TEXT, updated_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS fin_meta (key TEXT PRIMARY KEY, value TEXT)`,
];

export function createFinanceTables(db: SandboxDb): void {
  for (const sql of DDL) db.run(sql);
}
