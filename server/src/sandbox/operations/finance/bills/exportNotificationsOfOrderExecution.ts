import type { SqlValue } from '../../../../journal/sqlEngine';
import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E } from '../codes';
import { NS } from '../ns';
import { notificationXml } from '../payment/notificationXml';
import { Notification, ackStatus, activeAcknowledgments, notificationsWhere } from '../payment/notificationStore';
import { CARRIES_ACCOUNT_NUMBER } from './paymentDocumentStore';
import { answer, errorMessage } from '../result';
import { int } from '../values';
import { el, kid, kids, leaf, texts, txt } from '../xml';

/** Payments are exported in portions; the last GUID of a full portion continues the export. */
const PORTION = 1000;

/**
 * exportNotificationsOfOrderExecution: payments with their acknowledgment state, found by what
 * they were paid against (document, period and ЕЛС / house and account / ЖКУ identifier) or by
 * the payments themselves (GUID, or a window of creation dates and acknowledgment states).
 */
export function exportNotificationsOfOrderExecution(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const found = select(db, req);
  if (!found.length) return errorMessage(E.nothingToExport());
  const portion = found.slice(0, PORTION);
  const body = portion.map((n) => notificationXml(n, activeAcknowledgments(db, n.guid))).join('');
  return answer(
    el('bills:exportNotificationsOfOrderExecutionResult', body) +
      (found.length > PORTION ? leaf('bills:ExportNotificationsOfOrderExecutionGUID', portion[portion.length - 1].guid) : ''),
  );
}

function select(db: SandboxDb, req: SandboxRequest): Notification[] {
  const charge = kid(req.request, NS.bills, 'SupplierIDs');
  if (charge) return byCharge(db, charge);
  const crit = kid(req.request, NS.bills, 'Notifications');
  const guid = txt(crit, NS.paymentsBase, 'NotificationsOfOrderExecutionGUID');
  if (guid) return notificationsWhere(db, 'guid = lower(?)', [guid]);
  const from = txt(crit, NS.bills, 'DateFrom') ?? '0000-01-01';
  const days = int(txt(crit, NS.bills, 'DaysInterval')) ?? 1;
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
  const statuses = new Set(kids(crit, NS.bills, 'AckStatus').map((s) => Number(s.text.trim())));
  return notificationsWhere(db, 'substr(created_at, 1, 10) >= ? AND substr(created_at, 1, 10) < ?', [from, to]).filter((n) =>
    statuses.has(ackStatus(n, activeAcknowledgments(db, n.guid))),
  );
}

function byCharge(db: SandboxDb, c: XmlElement): Notification[] {
  const id = txt(c, NS.billsBase, 'PaymentDocumentID');
  if (id) return notificationsWhere(db, 'payment_document_id = ?', [id]);
  const where: string[] = [];
  const params: SqlValue[] = [];
  const year = int(txt(c, NS.base, 'Year'));
  const month = int(txt(c, NS.base, 'Month'));
  const add = (condition: string, ...values: SqlValue[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (year !== undefined) add('year = ?', year);
  if (month !== undefined) add('month = ?', month);
  const els = txt(c, NS.accountBase, 'UnifiedAccountNumber');
  const serviceId = txt(c, NS.accountBase, 'ServiceID');
  const fias = txt(c, NS.bills, 'FIASHouseGuid');
  if (els) add('unified_account_number = ?', els);
  else if (serviceId) add('service_id = ?', serviceId);
  else if (fias) {
    // Payments carry the document, the document carries the house and the account.
    const account = texts(c, NS.accountBase, 'AccountNumber')[0];
    const number = texts(c, NS.billsBase, 'PaymentDocumentNumber')[0];
    const docs = db.all(
      `SELECT payment_document_id FROM payment_documents WHERE fias_house_guid = lower(?) ${account ? `AND ${CARRIES_ACCOUNT_NUMBER}` : ''} ${number ? 'AND number = ?' : ''}`,
      [fias, ...(account ? [account] : []), ...(number ? [number] : [])],
    );
    if (!docs.length) return [];
    add(`payment_document_id IN (${docs.map(() => '?').join(', ')})`, ...docs.map((d) => String(d.payment_document_id)));
  }
  return notificationsWhere(db, where.length ? where.join(' AND ') : '1 = 1', params);
}
