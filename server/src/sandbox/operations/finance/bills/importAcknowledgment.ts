import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError } from '../codes';
import { NS } from '../ns';
import { isError, resolveDocument } from '../payment/chargeTarget';
import {
  AckServiceKind,
  Acknowledgment,
  Notification,
  activeAcknowledgments,
  notificationByGuid,
  notificationByOrderId,
  saveAcknowledgment,
} from '../payment/notificationStore';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, int, kopecks, newGuid, processedAt, rubles, sameGuid } from '../values';
import { kid, kids, txt } from '../xml';
import { ServiceKind, serviceLines } from './paymentDocumentModel';

/**
 * importAcknowledgment (квитирование): links a payment to the service lines of a payment
 * document, or cancels such links. A line acknowledged again (same payment, document and service)
 * takes the new amount; the payment's acknowledged total may not exceed the payment.
 */
export function importAcknowledgment(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = [
    ...kids(req.request, NS.bills, 'AcknowledgmentRequestInfo').map((a) => acknowledge(db, a, org, stamp)),
    ...kids(req.request, NS.bills, 'AckCancellation').map((a) => cancel(db, a, stamp)),
  ];
  return importResults('bills:ImportResult', results);
}

/** The payment an item names: by its GUID, or by order number (at the named organisation). */
function findNotification(db: SandboxDb, item: XmlElement): Notification | ItemError {
  const guid = txt(item, NS.paymentsBase, 'NotificationsOfOrderExecutionGUID');
  if (guid) return notificationByGuid(db, guid) ?? E.notificationNotFound(guid);
  const orderId = txt(item, NS.paymentsBase, 'OrderID') ?? txt(item, NS.paymentsBase, 'OrderIDMultipurpose') ?? '';
  const n = notificationByOrderId(db, orderId);
  const org = txt(item, NS.base, 'orgPPAGUID');
  if (!n || (org && n.orgPPAGUID && !sameGuid(org, n.orgPPAGUID))) return E.notificationNotFound(orderId);
  return n;
}

const SERVICE_KINDS: readonly [AckServiceKind, ServiceKind | 'GroupMunicipalService' | undefined][] = [
  ['HSType', 'HousingService'],
  ['MSType', 'MunicipalService'],
  ['ASType', 'AdditionalService'],
  ['TMSType', 'GroupMunicipalService'],
  // Penalties and court costs are not kept with the document: any such service is taken.
  ['PServiceType', undefined],
];

function acknowledge(db: SandboxDb, item: XmlElement, org: string | undefined, stamp: string): ItemOutcome {
  const transport = txt(item, NS.base, 'TransportGUID') ?? '';
  const n = findNotification(db, item);
  if (isError(n)) return failed(transport, n);
  if (n.cancellationGuid) return failed(transport, E.notificationAnnulled(n.guid));
  const delay = kid(item, NS.paymentsBase, 'DelayPeriod');
  const base = {
    notificationGuid: n.guid,
    orgPPAGUID: org,
    delayYear: int(txt(delay, NS.base, 'Year')),
    delayMonth: int(txt(delay, NS.base, 'Month')),
    cancelled: false,
    updatedAt: stamp,
  };
  const active = activeAcknowledgments(db, n.guid);

  const impossible = kid(item, NS.paymentsBase, 'AckImpossible');
  if (impossible) {
    const id = txt(impossible, NS.billsBase, 'PaymentDocumentID');
    if (id && !db.get('SELECT 1 AS x FROM payment_documents WHERE payment_document_id = ?', [id])) return failed(transport, E.paymentDocumentNotFound(id));
    const prior = active.find((a) => a.serviceKind === 'impossible');
    const ack: Acknowledgment = { ...base, guid: prior?.guid ?? newGuid(), paymentDocumentId: id, serviceKind: 'impossible', amount: 0, reason: txt(impossible, NS.paymentsBase, 'Reason') };
    saveAcknowledgment(db, ack);
    return ok(transport, ack.guid, stamp);
  }

  const pda = kid(item, NS.paymentsBase, 'PaymentDocumentAck');
  const id = txt(pda, NS.billsBase, 'PaymentDocumentID') ?? '';
  const doc = resolveDocument(db, id);
  if (isError(doc)) return failed(transport, doc);
  const [kind, lineKind] = SERVICE_KINDS.find(([k]) => kid(pda, NS.paymentsBase, k)) ?? ['MSType', 'MunicipalService'];
  const typeEl = kid(pda, NS.paymentsBase, kind);
  const serviceGuid = (typeEl?.children.length ? txt(typeEl, NS.nsiBase, 'GUID') : typeEl?.text.trim()) ?? '';
  const line = serviceLines(doc.body).find((l) => sameGuid(l.service.guid, serviceGuid) && (lineKind === undefined || l.kind === lineKind));
  if (lineKind !== undefined && !line) return failed(transport, E.serviceNotInDocument(serviceGuid, id));

  const amount = kopecks(txt(pda, NS.paymentsBase, 'Amount'));
  const prior = active.find((a) => a.serviceKind === kind && a.paymentDocumentId === id && sameGuid(a.serviceGuid, serviceGuid));
  const others = active.filter((a) => a !== prior).reduce((s, a) => s + a.amount, 0);
  if (others + amount > n.amount) return failed(transport, E.ackExceedsPayment(n.guid, rubles(Math.max(0, n.amount - others))));

  const payment = kid(pda, NS.paymentsBase, 'PaymentInformation');
  const ack: Acknowledgment = {
    ...base,
    guid: prior?.guid ?? newGuid(),
    paymentDocumentId: id,
    paymentDocumentNumber: txt(pda, NS.billsBase, 'PaymentDocumentNumber') ?? doc.number,
    serviceKind: kind,
    serviceGuid: serviceGuid.toLowerCase(),
    serviceCode: typeEl?.children.length ? txt(typeEl, NS.nsiBase, 'Code') : line?.service.code,
    serviceName: typeEl?.children.length ? txt(typeEl, NS.nsiBase, 'Name') : line?.service.name,
    amount,
    paymentInformationGuid: txt(payment, NS.paymentsBase, 'PaymentInformationGuid'),
  };
  saveAcknowledgment(db, ack);
  return ok(transport, ack.guid, stamp);
}

function cancel(db: SandboxDb, item: XmlElement, stamp: string): ItemOutcome {
  const transport = txt(item, NS.base, 'TransportGUID') ?? '';
  const n = findNotification(db, item);
  if (isError(n)) return failed(transport, n);
  const id = txt(item, NS.billsBase, 'PaymentDocumentID') ?? '';
  const acks = activeAcknowledgments(db, n.guid).filter((a) => a.paymentDocumentId === id);
  if (!acks.length) return failed(transport, E.ackNotFound(n.guid, id));
  for (const a of acks) saveAcknowledgment(db, { ...a, cancelled: true, updatedAt: stamp });
  return ok(transport, acks[0].guid, stamp);
}
