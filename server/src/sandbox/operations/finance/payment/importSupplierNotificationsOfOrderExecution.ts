import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError, periodText } from '../codes';
import { accountByServiceId } from '../lookups';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, int, kopecks, newGuid, processedAt } from '../values';
import { kid, kids, txt } from '../xml';
import { isError, knownServiceId, resolveDocument } from './chargeTarget';
import { Notification, saveNotification } from './notificationStore';

/**
 * importSupplierNotificationsOfOrderExecution: the supplier itself places payments it took (amounts
 * in rubles) against a payment document or a ЖКУ identifier. The stand gives each an order number
 * (32 characters, from the payment's GUID) so it can be acknowledged like an agent's payment.
 */
export function importSupplierNotificationsOfOrderExecution(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.payment, 'SupplierNotificationOfOrderExecution').map((s) => {
    const transport = txt(s, NS.base, 'TransportGUID') ?? '';
    const period = kid(s, NS.payment, 'OrderPeriod');
    const year = int(txt(period, NS.base, 'Year'));
    const month = int(txt(period, NS.base, 'Month'));
    const documentId = txt(s, NS.billsBase, 'PaymentDocumentID');
    const serviceId = txt(s, NS.accountBase, 'ServiceID');
    const errors: ItemError[] = [];
    let target: Partial<Notification> = { year, month, serviceId };
    if (documentId) {
      const doc = resolveDocument(db, documentId);
      if (isError(doc)) errors.push(doc);
      else if (year !== undefined && month !== undefined && (doc.year !== year || doc.month !== month)) errors.push(E.periodMismatch(documentId, periodText(year, month)));
      else target = { year: doc.year, month: doc.month, serviceId: doc.serviceId, unifiedAccountNumber: doc.unifiedAccountNumber, accountNumber: doc.accountNumber };
    } else if (serviceId) {
      if (!knownServiceId(db, serviceId)) errors.push(E.serviceIdNotFound(serviceId));
      else {
        const account = accountByServiceId(db, serviceId);
        target = { ...target, unifiedAccountNumber: account?.unifiedAccountNumber, accountNumber: account?.accountNumber };
      }
    }
    if (errors.length) return failed(transport, ...errors);
    const guid = newGuid();
    saveNotification(db, {
      guid,
      orderId: guid.replace(/-/g, ''),
      kind: 'supplier',
      orgPPAGUID: org,
      orderDate: txt(s, NS.payment, 'OrderDate') ?? '',
      amount: kopecks(txt(s, NS.payment, 'Amount')),
      paymentDocumentId: documentId,
      ...target,
      body: { online: txt(s, NS.payment, 'OnlinePayment') },
      createdAt: stamp,
      updatedAt: stamp,
    });
    return ok(transport, guid, stamp);
  });
  return importResults('pm:ImportResult', results);
}
