import { el, leaf } from '../xml';
import { ZERO_GUID, rubles } from '../values';
import { Acknowledgment, Notification, Person, ackStatus } from './notificationStore';

/** bills:NotificationOfOrderExecutionWithStatus: a payment, its acknowledgments and their state. */

function person(name: string, p: Person): string {
  return el(name, leaf('individual-registry-base:Surname', p.surname), leaf('individual-registry-base:FirstName', p.firstName), leaf('individual-registry-base:Patronymic', p.patronymic));
}

function recipientXml(n: Notification): string {
  const r = n.body.recipient;
  if (!r) return '';
  const p = r.payment;
  return el(
    'payments-base:RecipientInfo',
    leaf('organizations-base:INN', r.inn),
    r.entpr ? person('payments-base:Entpr', r.entpr) : '',
    r.legal ? el('payments-base:Legal', leaf('organizations-base:KPP', r.legal.kpp), leaf('payments-base:Name', r.legal.name)) : '',
    !r.entpr && !r.legal ? leaf('payments-base:EntprFIO', r.entprFio) : '',
    p
      ? el(
          'payments-base:PaymentInformation',
          leaf('payments-base:RecipientINN', p.inn),
          leaf('payments-base:RecipientKPP', p.kpp),
          leaf('payments-base:BankName', p.bankName?.slice(0, 160)),
          leaf('payments-base:PaymentRecipient', p.recipient),
          leaf('payments-base:BankBIK', p.bik),
          leaf('payments-base:operatingAccountNumber', p.account),
          leaf('payments-base:CorrespondentBankAccount', p.corrAccount),
          leaf('payments-base:KBK', p.kbk),
          leaf('payments-base:OKTMO', p.oktmo),
        )
      : '',
  );
}

function orderXml(n: Notification): string {
  const b = n.body;
  return el(
    'payments-base:OrderInfo',
    leaf('payments-base:OrderID', n.orderId),
    leaf('payments-base:OrderDate', n.orderDate),
    leaf('payments-base:OrderNum', b.orderNum),
    leaf('payments-base:Amount', n.amount),
    leaf('payments-base:PaymentPurpose', b.purpose),
    leaf('payments-base:OnlinePayment', b.online),
    leaf('payments-base:Comment', b.comment),
    leaf('bills-base:PaymentDocumentID', n.paymentDocumentId),
    leaf('payments-base:PaymentDocumentNumber', b.paymentDocumentNumber),
    n.year !== undefined && n.month !== undefined ? leaf('base:Year', n.year) + leaf('base:Month', n.month) : '',
    leaf('account-base:UnifiedAccountNumber', n.unifiedAccountNumber),
    n.serviceId ? el('payments-base:Service', leaf('payments-base:ServiceID', n.serviceId)) : '',
    leaf('payments-base:AccountNumber', n.accountNumber),
  );
}

function ackXml(n: Notification, a: Acknowledgment): string {
  const detail =
    a.serviceKind === 'impossible'
      ? el('payments-base:AckImpossible', leaf('bills-base:PaymentDocumentID', a.paymentDocumentId), leaf('payments-base:Reason', a.reason))
      : el(
          'payments-base:PaymentDocumentAck',
          leaf('bills-base:PaymentDocumentID', a.paymentDocumentId),
          a.serviceKind === 'PServiceType' || a.serviceKind === 'TMSType'
            ? el(`payments-base:${a.serviceKind}`, leaf('nsi-base:Code', a.serviceCode ?? '1'), leaf('nsi-base:GUID', a.serviceGuid), leaf('nsi-base:Name', a.serviceName))
            : leaf(`payments-base:${a.serviceKind}`, a.serviceGuid),
          leaf('payments-base:Amount', rubles(a.amount)),
          leaf('bills-base:PaymentDocumentNumber', a.paymentDocumentNumber),
          a.delayYear !== undefined && a.delayMonth !== undefined
            ? el('payments-base:DelayPeriod', leaf('base:Year', a.delayYear), leaf('base:Month', a.delayMonth))
            : '',
        );
  return el('bills:AcknowledgmentRequest', leaf('payments-base:NotificationsOfOrderExecutionGUID', n.guid), detail, leaf('bills:OrderID', n.orderId));
}

export function notificationXml(n: Notification, acks: readonly Acknowledgment[]): string {
  return el(
    'bills:NotificationOfOrderExecutionWithStatus',
    n.body.supplierId || n.body.supplierName
      ? el('payments-base:SupplierInfo', leaf('payments-base:SupplierID', n.body.supplierId), leaf('payments-base:SupplierName', n.body.supplierName))
      : '',
    recipientXml(n),
    orderXml(n),
    leaf('bills:AckStatus', ackStatus(n, acks)),
    leaf('bills:CreationDate', n.createdAt),
    `<bills:AcknowledgmentRequestsList>${acks.map((a) => ackXml(n, a)).join('')}</bills:AcknowledgmentRequestsList>`,
    leaf('bills:AcknowledgmentAmount', acks.reduce((s, a) => s + a.amount, 0)),
    leaf('payments-base:NotificationsOfOrderExecutionGUID', n.guid),
    leaf('bills:orgPPAGUID', n.orgPPAGUID ?? ZERO_GUID),
  );
}
