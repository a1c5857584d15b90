import type { SqlValue } from '../../../../journal/sqlEngine';
import type { SandboxDb } from '../../../operationHandler';
import type { PaymentDocumentBody } from './paymentDocumentModel';

/** Payment documents and the payment details (bank accounts) they are paid to. */

export type DocumentState = 'exposed' | 'draft' | 'withdrawn';

export interface PaymentDocument {
  guid: string;
  paymentDocumentId: string;
  orgPPAGUID?: string;
  accountGuid?: string;
  accountNumber?: string;
  unifiedAccountNumber?: string;
  serviceId?: string;
  fiasHouseGuid?: string;
  premisesNumber?: string;
  year: number;
  month: number;
  number?: string;
  state: DocumentState;
  body: PaymentDocumentBody;
  updatedAt: string;
}

const COLUMNS =
  'guid, payment_document_id, org_ppa_guid, account_guid, account_number, unified_account_number, service_id, ' +
  'fias_house_guid, premises_number, year, month, number, state, body, updated_at';

/**
 * The payer's account numbers a document carries (its account's and, per payment details, the
 * ones at each recipient, e.g. the heat supplier's 700214), as «,14-0127,700214,» for LIKE.
 */
export function accountNumbersOf(d: PaymentDocument): string {
  const all = [d.accountNumber, ...d.body.paymentInfos.map((p) => p.accountNumber)].filter((n): n is string => !!n);
  return `,${[...new Set(all)].join(',')},`;
}

/** SQL condition: the document carries this payer's account number (one parameter). */
export const CARRIES_ACCOUNT_NUMBER = "account_numbers LIKE '%,' || ? || ',%'";

export function savePaymentDocument(db: SandboxDb, d: PaymentDocument): void {
  db.run(`INSERT OR REPLACE INTO payment_documents (${COLUMNS}, account_numbers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    d.guid.toLowerCase(),
    d.paymentDocumentId,
    d.orgPPAGUID ?? null,
    d.accountGuid?.toLowerCase() ?? null,
    d.accountNumber ?? null,
    d.unifiedAccountNumber ?? null,
    d.serviceId ?? null,
    d.fiasHouseGuid ?? null,
    d.premisesNumber ?? null,
    d.year,
    d.month,
    d.number ?? null,
    d.state,
    JSON.stringify(d.body),
    d.updatedAt,
    accountNumbersOf(d),
  ]);
}

function opt(v: SqlValue | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

function row(r: Record<string, SqlValue> | undefined): PaymentDocument | undefined {
  if (!r) return undefined;
  return {
    guid: String(r.guid),
    paymentDocumentId: String(r.payment_document_id),
    orgPPAGUID: opt(r.org_ppa_guid),
    accountGuid: opt(r.account_guid),
    accountNumber: opt(r.account_number),
    unifiedAccountNumber: opt(r.unified_account_number),
    serviceId: opt(r.service_id),
    fiasHouseGuid: opt(r.fias_house_guid),
    premisesNumber: opt(r.premises_number),
    year: Number(r.year),
    month: Number(r.month),
    number: opt(r.number),
    state: String(r.state) as DocumentState,
    body: JSON.parse(String(r.body)) as PaymentDocumentBody,
    updatedAt: String(r.updated_at),
  };
}

export function documentById(db: SandboxDb, paymentDocumentId: string): PaymentDocument | undefined {
  return row(db.get(`SELECT ${COLUMNS} FROM payment_documents WHERE payment_document_id = ?`, [paymentDocumentId]));
}

export function documentByGuid(db: SandboxDb, guid: string): PaymentDocument | undefined {
  return row(db.get(`SELECT ${COLUMNS} FROM payment_documents WHERE guid = lower(?)`, [guid]));
}

/** Documents matching an SQL condition over payment_documents' columns, oldest period first. */
export function documentsWhere(db: SandboxDb, where: string, params: readonly SqlValue[]): PaymentDocument[] {
  return db
    .all(`SELECT ${COLUMNS} FROM payment_documents WHERE ${where} ORDER BY year, month, payment_document_id`, params)
    .map((r) => row(r)!);
}

/**
 * The document a new import for an account and month replaces: the account's own for that month,
 * else the organisation's document of that month with the same number for the same ЕЛС (the
 * payer's premises), placed earlier under another of the payer's accounts.
 */
export function currentDocument(
  db: SandboxDb,
  q: { accountGuid: string; year: number; month: number; org?: string; number?: string; els?: string },
): PaymentDocument | undefined {
  const own = db.get(
    `SELECT ${COLUMNS} FROM payment_documents WHERE account_guid = lower(?) AND year = ? AND month = ? AND state <> 'withdrawn' ORDER BY updated_at DESC`,
    [q.accountGuid, q.year, q.month],
  );
  if (own || !q.number || !q.els) return row(own);
  return row(
    db.get(
      `SELECT ${COLUMNS} FROM payment_documents WHERE org_ppa_guid IS ? AND year = ? AND month = ? AND number = ? AND unified_account_number = ?
         AND state <> 'withdrawn' ORDER BY updated_at DESC`,
      [q.org ?? null, q.year, q.month, q.number, q.els],
    ),
  );
}

/**
 * A new payment document identifier (18 characters), built as GIS builds it: the ЖКУ identifier
 * (ЕЛС and premises suffix, 13 characters), then the last digit of the year, the month and a
 * sequence character: 69ПД041873-01-6101 is the first document of October 2026.
 */
export function newPaymentDocumentId(db: SandboxDb, serviceId: string, year: number, month: number): string {
  const stem = `${serviceId}-${year % 10}${String(month).padStart(2, '0')}`;
  for (const seq of '1234567890ABCDEFGHJKLMNPRSTUVWXYZ') {
    const id = stem + seq;
    if (!db.get('SELECT 1 AS x FROM payment_documents WHERE payment_document_id = ?', [id])) return id;
  }
  throw new Error(`no free payment document identifier for ${serviceId} in ${month}.${year}`);
}

export interface PaymentInformation {
  guid: string;
  orgPPAGUID?: string;
  bik: string;
  accountNumber: string;
}

export function paymentInformation(db: SandboxDb, guid: string): PaymentInformation | undefined {
  const r = db.get('SELECT * FROM payment_informations WHERE guid = lower(?)', [guid]);
  return r
    ? { guid: String(r.guid), orgPPAGUID: opt(r.org_ppa_guid), bik: String(r.bik), accountNumber: String(r.account_number) }
    : undefined;
}

/** The GUID of an organisation's payment details for a bank account: the existing one, or a new one. */
export function placePaymentInformation(db: SandboxDb, orgPPAGUID: string | undefined, bik: string, accountNumber: string, guid: string, at: string): { guid: string; created: boolean } {
  const org = orgPPAGUID?.toLowerCase() ?? null;
  const existing = db.get('SELECT guid FROM payment_informations WHERE org_ppa_guid IS ? AND bik = ? AND account_number = ?', [org, bik, accountNumber]);
  if (existing) return { guid: String(existing.guid), created: false };
  db.run('INSERT INTO payment_informations (guid, org_ppa_guid, bik, account_number, updated_at) VALUES (?, ?, ?, ?, ?)', [guid.toLowerCase(), org, bik, accountNumber, at]);
  return { guid: guid.toLowerCase(), created: true };
}
