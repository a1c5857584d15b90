import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E } from '../codes';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, newGuid, processedAt, sameGuid } from '../values';
import { kids, txt } from '../xml';
import { activeAcknowledgments, notificationByOrderId, saveNotification } from './notificationStore';

/**
 * importNotificationsOfOrderExecutionCancellation: annuls payments by order number. Only the
 * organisation that placed a payment annuls it, and only once its acknowledgments are cancelled;
 * annulling an annulled payment again answers with the first annulment.
 */
export function importNotificationsOfOrderExecutionCancellation(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.payment, 'NotificationOfOrderExecutionCancellation').map((c) => {
    const transport = txt(c, NS.base, 'TransportGUID') ?? '';
    const orderId = txt(c, NS.paymentsBase, 'OrderID') ?? '';
    const n = notificationByOrderId(db, orderId);
    if (!n) return failed(transport, E.notificationNotFound(orderId));
    if (n.orgPPAGUID && org && !sameGuid(n.orgPPAGUID, org)) return failed(transport, E.orgOfOtherRecord(orderId));
    if (n.cancellationGuid) return ok(transport, n.cancellationGuid, n.updatedAt);
    if (activeAcknowledgments(db, n.guid).length) return failed(transport, E.notificationAcknowledged(orderId));
    const guid = newGuid();
    saveNotification(db, {
      ...n,
      cancellationGuid: guid,
      cancellationDate: txt(c, NS.paymentsBase, 'CancellationDate'),
      cancellationComment: txt(c, NS.paymentsBase, 'Comment'),
      updatedAt: stamp,
    });
    return ok(transport, guid, stamp);
  });
  return importResults('pm:ImportResult', results);
}
