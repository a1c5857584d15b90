import type { SandboxDb } from '../../../operationHandler';
import type { PaymentDocument } from '../bills/paymentDocumentStore';
import { documentById } from '../bills/paymentDocumentStore';
import { E, ItemError } from '../codes';
import { accountByServiceId, accountsByUnifiedNumber } from '../lookups';

/**
 * What a payment is paid against: a payment document, a ЖКУ identifier or an ЕЛС, each checked
 * against what the stand holds (the accounts of the house-management side and the documents).
 */
export interface ChargeTarget {
  document?: PaymentDocument;
  unifiedAccountNumber?: string;
  serviceId?: string;
  accountNumber?: string;
}

export function resolveDocument(db: SandboxDb, id: string): PaymentDocument | ItemError {
  const doc = documentById(db, id);
  if (!doc) return E.paymentDocumentNotFound(id);
  if (doc.state === 'withdrawn') return E.documentWithdrawn(id);
  return doc;
}

export function knownServiceId(db: SandboxDb, serviceId: string): boolean {
  return !!accountByServiceId(db, serviceId) || !!db.get('SELECT 1 AS x FROM payment_documents WHERE service_id = ?', [serviceId]);
}

export function knownUnifiedAccount(db: SandboxDb, els: string): boolean {
  return accountsByUnifiedNumber(db, els).length > 0 || !!db.get('SELECT 1 AS x FROM payment_documents WHERE unified_account_number = ?', [els]);
}

export function isError(v: unknown): v is ItemError {
  return typeof v === 'object' && v !== null && 'code' in v && 'description' in v;
}
