import type { SqlValue } from '../../../../journal/sqlEngine';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E } from '../codes';
import { NS } from '../ns';
import { answer, errorMessage, errorXml } from '../result';
import { int } from '../values';
import { el, texts, txt } from '../xml';
import { paymentDocumentXml } from './paymentDocumentXml';
import { CARRIES_ACCOUNT_NUMBER, PaymentDocument, documentById, documentsWhere } from './paymentDocumentStore';

/**
 * exportPaymentDocumentData: the documents the stand holds (seed and imported, withdrawn ones
 * marked Withdraw), by identifiers or by period and accounts. Each document is one
 * exportPaymentDocResult; an identifier asked for and not found gets its own ErrorMessage.
 */
export function exportPaymentDocumentData(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const r = req.request;
  const ids = texts(r, NS.billsBase, 'PaymentDocumentID');
  if (ids.length) {
    const docs = ids.map((id) => ({ id, doc: documentById(db, id) }));
    if (!docs.some((d) => d.doc)) return errorMessage(E.nothingToExport());
    return answer(
      docs
        .map(({ id, doc }) => el('bills:exportPaymentDocResult', doc ? paymentDocumentXml(db, doc) : errorXml('base:ErrorMessage', E.paymentDocumentNotFound(id))))
        .join(''),
    );
  }
  const docs = byPeriod(db, req);
  if (!docs.length) return errorMessage(E.nothingToExport());
  return answer(docs.map((d) => el('bills:exportPaymentDocResult', paymentDocumentXml(db, d))).join(''));
}

function byPeriod(db: SandboxDb, req: SandboxRequest): PaymentDocument[] {
  const r = req.request;
  const where = ['year = ?', 'month = ?'];
  const params: SqlValue[] = [int(txt(r, NS.base, 'Year')) ?? 0, int(txt(r, NS.base, 'Month')) ?? 0];
  const list = (column: string, values: string[], lower = false) => {
    where.push(`${column} IN (${values.map(() => (lower ? 'lower(?)' : '?')).join(', ')})`);
    params.push(...values);
  };
  const els = texts(r, NS.accountBase, 'UnifiedAccountNumber');
  const fias = txt(r, NS.bills, 'FIASHouseGuid');
  const serviceIds = texts(r, NS.accountBase, 'ServiceID');
  const accountGuids = texts(r, NS.bills, 'AccountGUID');
  if (els.length) list('unified_account_number', els);
  else if (fias) {
    where.push('fias_house_guid = lower(?)');
    params.push(fias);
    const accounts = texts(r, NS.accountBase, 'AccountNumber');
    const numbers = texts(r, NS.billsBase, 'PaymentDocumentNumber');
    if (accounts.length) {
      where.push(`(${accounts.map(() => CARRIES_ACCOUNT_NUMBER).join(' OR ')})`);
      params.push(...accounts);
    }
    if (numbers.length) list('number', numbers);
  } else if (serviceIds.length) list('service_id', serviceIds);
  else if (accountGuids.length) list('account_guid', accountGuids, true);
  return documentsWhere(db, where.join(' AND '), params);
}
