import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError } from '../codes';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, int, newGuid, processedAt, sameGuid } from '../values';
import { kid, kids, txt } from '../xml';
import { isError, knownServiceId, knownUnifiedAccount, resolveDocument } from './chargeTarget';
import { Notification, NotificationBody, Person, notificationByOrderId, saveNotification } from './notificationStore';

/**
 * importNotificationsOfOrderExecution: a payment agent places payments (amounts in kopecks).
 * What the payment refers to (document, ЕЛС, ЖКУ identifier) must be known. Placing the same
 * order again with the same data answers with the notification already placed; the same order
 * number with other data is refused.
 */
export function importNotificationsOfOrderExecution(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const at = processedAt(req.receivedAt);
  const ctx = { db, org: req.orgPPAGUID?.toLowerCase(), stamp: mskDateTime(at) };
  const results: ItemOutcome[] = [];
  for (const n of kids(req.request, NS.payment, 'NotificationOfOrderExecutionType')) results.push(place(ctx, full(n), n));
  for (const n of kids(req.request, NS.payment, 'NotificationOfOrderExecution139Type')) results.push(place(ctx, short(n), n));
  return importResults('pm:ImportResult', results);
}

interface Incoming {
  orderId: string;
  orderDate: string;
  amount: number;
  paymentDocumentId?: string;
  paymentDocumentGuid?: string;
  year?: number;
  month?: number;
  unifiedAccountNumber?: string;
  serviceId?: string;
  accountNumber?: string;
  body: NotificationBody;
}

function person(e: XmlElement | undefined): Person | undefined {
  if (!e) return undefined;
  return {
    surname: txt(e, NS.individualBase, 'Surname') ?? '',
    firstName: txt(e, NS.individualBase, 'FirstName') ?? '',
    patronymic: txt(e, NS.individualBase, 'Patronymic'),
  };
}

function full(n: XmlElement): Incoming {
  const order = kid(n, NS.paymentsBase, 'OrderInfo');
  const o = (local: string) => txt(order, NS.paymentsBase, local);
  const supplier = kid(n, NS.paymentsBase, 'SupplierInfo');
  const recipient = kid(n, NS.paymentsBase, 'RecipientInfo');
  const legal = kid(recipient, NS.paymentsBase, 'Legal');
  const pay = kid(recipient, NS.paymentsBase, 'PaymentInformation');
  const p = (local: string) => txt(pay, NS.paymentsBase, local);
  return {
    orderId: o('OrderID') ?? '',
    orderDate: o('OrderDate') ?? '',
    amount: Number(o('Amount') ?? '0'),
    paymentDocumentId: txt(order, NS.billsBase, 'PaymentDocumentID'),
    year: int(txt(order, NS.base, 'Year')),
    month: int(txt(order, NS.base, 'Month')),
    unifiedAccountNumber: txt(order, NS.accountBase, 'UnifiedAccountNumber'),
    serviceId: txt(kid(order, NS.paymentsBase, 'Service'), NS.accountBase, 'ServiceID'),
    accountNumber: txt(order, NS.accountBase, 'AccountNumber'),
    body: {
      supplierId: txt(supplier, NS.paymentsBase, 'SupplierID'),
      supplierName: txt(supplier, NS.paymentsBase, 'SupplierName'),
      recipient: recipient && {
        inn: txt(recipient, NS.orgBase, 'INN') ?? '',
        legal: legal && { kpp: txt(legal, NS.orgBase, 'KPP') ?? '', name: txt(legal, NS.paymentsBase, 'Name') ?? '' },
        entpr: person(kid(recipient, NS.paymentsBase, 'Entpr')),
        entprFio: txt(recipient, NS.paymentsBase, 'EntprFIO'),
        payment: pay && {
          inn: p('RecipientINN'),
          kpp: p('RecipientKPP'),
          bankName: p('BankName'),
          recipient: p('PaymentRecipient'),
          bik: p('BankBIK'),
          account: p('operatingAccountNumber'),
          corrAccount: p('CorrespondentBankAccount'),
          kbk: p('KBK'),
          oktmo: p('OKTMO'),
        },
      },
      orderNum: o('OrderNum'),
      purpose: o('PaymentPurpose'),
      online: o('OnlinePayment'),
      comment: o('Comment'),
      paymentDocumentNumber: txt(order, NS.billsBase, 'PaymentDocumentNumber'),
    },
  };
}

/** The short form (Приказ 139): the order refers to a document or a ЖКУ identifier with their GUIDs. */
function short(n: XmlElement): Incoming {
  const order = kid(n, NS.paymentsBase, 'OrderInfo');
  const period = kid(order, NS.paymentsBase, 'MonthAndYear');
  return {
    orderId: txt(order, NS.paymentsBase, 'OrderID') ?? '',
    orderDate: txt(order, NS.paymentsBase, 'OrderDate') ?? '',
    amount: Number(txt(order, NS.paymentsBase, 'Amount') ?? '0'),
    paymentDocumentId: txt(order, NS.billsBase, 'PaymentDocumentID'),
    paymentDocumentGuid: txt(order, NS.paymentsBase, 'PaymentDocumentGUID'),
    year: int(txt(period, NS.base, 'Year')),
    month: int(txt(period, NS.base, 'Month')),
    serviceId: txt(order, NS.accountBase, 'ServiceID'),
    body: { online: txt(order, NS.paymentsBase, 'OnlinePayment') },
  };
}

interface Ctx {
  db: SandboxDb;
  org?: string;
  stamp: string;
}

function place(c: Ctx, inc: Incoming, n: XmlElement): ItemOutcome {
  const transport = txt(n, NS.base, 'TransportGUID') ?? '';
  const errors: ItemError[] = [];
  let target: Partial<Notification> = {};
  if (inc.paymentDocumentId) {
    const doc = resolveDocument(c.db, inc.paymentDocumentId);
    if (isError(doc)) errors.push(doc);
    else if (inc.paymentDocumentGuid && !sameGuid(doc.guid, inc.paymentDocumentGuid)) errors.push(E.paymentDocumentNotFound(inc.paymentDocumentGuid));
    else
      target = {
        year: doc.year,
        month: doc.month,
        unifiedAccountNumber: doc.unifiedAccountNumber,
        serviceId: doc.serviceId,
        accountNumber: doc.accountNumber,
      };
  }
  if (inc.unifiedAccountNumber && !knownUnifiedAccount(c.db, inc.unifiedAccountNumber)) errors.push(E.unifiedAccountNotFound(inc.unifiedAccountNumber));
  if (inc.serviceId && !knownServiceId(c.db, inc.serviceId)) errors.push(E.serviceIdNotFound(inc.serviceId));

  const existing = notificationByOrderId(c.db, inc.orderId);
  if (existing) {
    const same = existing.amount === inc.amount && existing.orderDate === inc.orderDate && (existing.paymentDocumentId ?? '') === (inc.paymentDocumentId ?? '');
    if (!same) errors.push(E.duplicateOrder(inc.orderId));
    if (errors.length) return failed(transport, ...errors);
    return ok(transport, existing.guid, existing.updatedAt);
  }
  if (errors.length) return failed(transport, ...errors);

  const guid = newGuid();
  saveNotification(c.db, {
    guid,
    orderId: inc.orderId,
    kind: 'agent',
    orgPPAGUID: c.org,
    orderDate: inc.orderDate,
    amount: inc.amount,
    paymentDocumentId: inc.paymentDocumentId,
    year: inc.year ?? target.year,
    month: inc.month ?? target.month,
    unifiedAccountNumber: inc.unifiedAccountNumber ?? target.unifiedAccountNumber,
    serviceId: inc.serviceId ?? target.serviceId,
    // The payer's account at the recipient (e.g. the heat supplier's 700214) is what the agent wrote.
    accountNumber: inc.accountNumber ?? target.accountNumber,
    body: inc.body,
    createdAt: c.stamp,
    updatedAt: c.stamp,
  });
  return ok(transport, guid, c.stamp);
}
