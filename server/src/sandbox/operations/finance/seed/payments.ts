import type { SandboxDb } from '../../../operationHandler';
import { NotificationBody, saveAcknowledgment, saveNotification } from '../payment/notificationStore';
import { BANK, FLAT14, ORG, PAYMENT_INFO } from './story';

/**
 * Payments for flat 14's October document taken by ООО «РЦ Тверь» on 9 November 2026 (one per
 * recipient, as in samples/payment), the cash desk's duplicate of 10 November that the samples
 * annul, and УК's acknowledgment of its payment line by line (samples/bills).
 */

function paidTo(inn: string, name: string, account: string): NotificationBody['recipient'] {
  return {
    inn,
    legal: { kpp: '695001001', name },
    payment: { inn, kpp: '695001001', bankName: BANK.name, recipient: name, bik: BANK.bik, account, corrAccount: BANK.corr },
  };
}

const UK = paidTo('6950128472', 'ООО «УК Заволжье»', BANK.ukAccount);
const HEAT = paidTo('6950214587', 'ООО «Тверская теплосеть»', BANK.heatAccount);
const PURPOSE = 'г. Тверь, ул. Софьи Перовской, д. 12, кв. 14';

const NOTIFICATIONS = [
  {
    guid: '89572bdb-d937-4920-a296-b8ada324a44f',
    orderId: '04280991320261109000000000018734',
    orderDate: '2026-11-09',
    amount: 218112,
    accountNumber: FLAT14.accountNumber,
    createdAt: '2026-11-10T09:15:58.341+03:00',
    body: { supplierId: '6950128472', supplierName: 'ООО «УК Заволжье»', recipient: UK, orderNum: '18734', purpose: `Оплата ЖКУ за октябрь 2026, ЛС 14-0127, ${PURPOSE}`, comment: 'Наличными в кассе РЦ, окно 3', paymentDocumentNumber: FLAT14.documentNumber },
  },
  {
    guid: '6db791b1-6696-433b-ad4e-d23ff2c5e1b8',
    orderId: '04280991320261109000000000018735',
    orderDate: '2026-11-09',
    amount: 383897,
    accountNumber: '700214',
    createdAt: '2026-11-10T09:15:58.377+03:00',
    body: { supplierId: '6950214587', supplierName: 'ООО «Тверская теплосеть»', recipient: HEAT, orderNum: '18735', purpose: `Отопление и ГВС за октябрь 2026 с долгом за сентябрь, ЛС 700214, ${PURPOSE}`, comment: 'Наличными в кассе РЦ, окно 3', paymentDocumentNumber: FLAT14.documentNumber },
  },
  {
    guid: 'e2a41c7d-93b5-4f06-8d1e-5c7b0a9f3e28',
    orderId: '04280991320261110000000000019022',
    orderDate: '2026-11-10',
    amount: 218112,
    accountNumber: FLAT14.accountNumber,
    createdAt: '2026-11-10T16:42:07.915+03:00',
    body: { supplierId: '6950128472', supplierName: 'ООО «УК Заволжье»', recipient: UK, orderNum: '19022', purpose: `Оплата ЖКУ за октябрь 2026, ЛС 14-0127, ${PURPOSE}`, comment: 'Наличными в кассе РЦ, окно 1', paymentDocumentNumber: FLAT14.documentNumber },
  },
];

/** УК's acknowledgment of 12 November 2026 (importAcknowledgment.request.xml, .result.xml). */
const ACKS: [string, 'HSType' | 'MSType' | 'ASType', string, number][] = [
  ['814d1ebe-2bf7-40d8-9bb4-ba3c1ab8bbd0', 'HSType', 'd34b566d-4250-4e36-92b5-9184eccb9c24', 156113],
  ['2dbde235-3b6f-407f-89f6-f9d94519f8b2', 'MSType', '2348022b-7329-462d-8ea7-bc4ea361cf90', 23523],
  ['aa60fa75-331f-4937-a7cd-ffb4c6763813', 'MSType', '2b88fba2-5f88-4625-8c6d-b0f32f11c183', 33976],
  ['18efab3c-6a6d-420a-8bb0-8a357d35cf25', 'ASType', 'fa2339c5-c8b4-465c-87b6-e8e09abe2866', 4500],
];

export function seedPayments(db: SandboxDb): void {
  for (const n of NOTIFICATIONS) {
    saveNotification(db, {
      ...n,
      kind: 'agent',
      orgPPAGUID: ORG.rc,
      paymentDocumentId: FLAT14.documentId,
      year: 2026,
      month: 10,
      unifiedAccountNumber: FLAT14.els,
      updatedAt: n.createdAt,
    });
  }
  ACKS.forEach(([guid, kind, service, amount], i) =>
    saveAcknowledgment(db, {
      guid,
      notificationGuid: NOTIFICATIONS[0].guid,
      orgPPAGUID: ORG.uk,
      paymentDocumentId: FLAT14.documentId,
      paymentDocumentNumber: FLAT14.documentNumber,
      serviceKind: kind,
      serviceGuid: service,
      amount,
      paymentInformationGuid: PAYMENT_INFO.uk,
      cancelled: false,
      updatedAt: `2026-11-12T10:22:14.${String(560 + i * 15).padStart(3, '0')}+03:00`,
    }),
  );
}
