import type { SandboxDb } from '../../../operationHandler';
import type { Charge, PaymentDocumentBody } from '../bills/paymentDocumentModel';
import { savePaymentDocument } from '../bills/paymentDocumentStore';
import { BANK, FLAT14, FLAT27, HOUSE, ORG, PAYMENT_INFO } from './story';

/**
 * Payment documents of October 2026 placed by УК Заволжье: flat 14's ЕПД as in the samples
 * (exportPaymentDocumentData.result.xml), and flat 27's, which УК's cash office takes a payment for.
 * The account GUID is the one the house-management side holds for the ЕЛС, where it holds one.
 */

const HOUSING = { code: '1', guid: 'd34b566d-4250-4e36-92b5-9184eccb9c24', name: 'Плата за содержание жилого помещения' };
const COLD_WATER = { code: '1', guid: '2348022b-7329-462d-8ea7-bc4ea361cf90', name: 'Холодное водоснабжение' };
const SEWAGE = { code: '2', guid: '2b88fba2-5f88-4625-8c6d-b0f32f11c183', name: 'Водоотведение' };
const HEATING = { code: '3', guid: 'c0636679-9cbf-4014-bc30-72fa71b45a81', name: 'Отопление' };
const INTERCOM = { code: '1', guid: 'fa2339c5-c8b4-465c-87b6-e8e09abe2866', name: 'Обслуживание домофона' };
const measured = (value: string) => [{ value, type: 'I', method: 'M' }];

const FLAT14_CHARGES: Charge[] = [
  {
    kind: 'HousingService',
    service: HOUSING,
    rate: '28.75',
    totalPayable: '1561.13',
    accountingPeriodTotal: '1561.13',
    calcExplanation: '54,3 кв. м × 28,75 руб./кв. м (тариф утверждён общим собранием собственников)',
    paymentInformationGuid: PAYMENT_INFO.uk,
  },
  {
    kind: 'MunicipalService',
    service: COLD_WATER,
    rate: '41.27',
    totalPayable: '235.23',
    accountingPeriodTotal: '255.87',
    calcExplanation: '6,200 куб. м по показаниям ИПУ × 41,27 руб./куб. м',
    paymentInformationGuid: PAYMENT_INFO.uk,
    volumes: measured('6.2'),
  },
  {
    kind: 'MunicipalService',
    service: SEWAGE,
    rate: '33.64',
    totalPayable: '339.76',
    accountingPeriodTotal: '339.76',
    calcExplanation: '(6,200 + 3,900) куб. м по ИПУ × 33,64 руб./куб. м',
    paymentInformationGuid: PAYMENT_INFO.uk,
    volumes: measured('10.1'),
  },
  {
    kind: 'MunicipalService',
    service: HEATING,
    rate: '2814.36',
    totalPayable: '2648.88',
    accountingPeriodTotal: '2648.88',
    calcExplanation: 'Показание ОДПУ 56,7420 Гкал × 54,3 / 3273,6 кв. м = 0,9412 Гкал × 2814,36 руб./Гкал',
    debt: '312.40',
    totalPayableOverall: '2961.28',
    orgPPAGUID: ORG.heat,
    paymentInformationGuid: PAYMENT_INFO.heat,
    volumes: measured('0.9412'),
  },
  {
    kind: 'GroupMunicipalService',
    service: { code: '2', guid: '990c310b-7126-44ca-9e63-c209ca32963a', name: 'Горячее водоснабжение' },
    totalPayable: '877.69',
    accountingPeriodTotal: '877.69',
    orgPPAGUID: ORG.heat,
    volumes: measured('3.9'),
    components: [
      {
        kind: 'MunicipalService',
        service: { code: '4', guid: 'e763ae61-1329-4e66-b3d9-75dea788abe0', name: 'Горячее водоснабжение (компонент на холодную воду)' },
        rate: '41.27',
        totalPayable: '160.95',
        accountingPeriodTotal: '160.95',
        orgPPAGUID: ORG.heat,
        paymentInformationGuid: PAYMENT_INFO.heat,
        volumes: measured('3.9'),
      },
      {
        kind: 'MunicipalService',
        service: { code: '5', guid: '7074881e-f180-4d7e-9f77-173fd80d750e', name: 'Горячее водоснабжение (компонент на тепловую энергию)' },
        rate: '2814.36',
        totalPayable: '716.74',
        accountingPeriodTotal: '716.74',
        calcExplanation: '3,900 куб. м × 0,0653 Гкал/куб. м × 2814,36 руб./Гкал',
        orgPPAGUID: ORG.heat,
        paymentInformationGuid: PAYMENT_INFO.heat,
        volumes: measured('0.25467'),
      },
    ],
  },
  { kind: 'AdditionalService', service: INTERCOM, rate: '45.00', totalPayable: '45.00', accountingPeriodTotal: '45.00', paymentInformationGuid: PAYMENT_INFO.uk },
];

const FLAT14_BODY: PaymentDocumentBody = {
  form: 'Единый платёжный документ',
  addressInfo: { persons: '3', residential: '38.6', heated: '54.3', total: '54.3' },
  readings: [
    { device: 'ВСКМ 90-15 № 41872563 (ХВС, санузел)', previous: '448.905', unit: '113', services: ['1'] },
    { device: 'ВСГД 90-15 № 41906124 (ГВС, санузел)', previous: '271.402', unit: '113', services: ['2'] },
  ],
  charges: FLAT14_CHARGES,
  totals: {
    TotalPayableByChargeInfo: '5707.69',
    TotalPayableOverallByChargeInfo: '6020.09',
    DebtPreviousPeriods: '312.40',
    PaymentsTaken: '25',
    AdditionalInformation: 'Показания ИПУ передавайте с 20 по 25 число в личном кабинете или по телефону диспетчерской УК Заволжье.',
    TotalPayableByPD: '5707.69',
    TotalPayableByPDWithDebtAndAdvance: '6020.09',
    PaidCash: '5394.16',
    DateOfLastReceivedPayment: '2026-10-09',
  },
  paymentInfos: [
    { guid: PAYMENT_INFO.uk, totalPayable: '2181.12', accountNumber: FLAT14.accountNumber, totalWithDebt: '2181.12' },
    { guid: PAYMENT_INFO.heat, totalPayable: '3526.57', accountNumber: '700214', debt: '312.40', totalWithDebt: '3838.97' },
  ],
};

const FLAT27_BODY: PaymentDocumentBody = {
  form: 'Единый платёжный документ',
  readings: [{ device: 'ВСКМ 90-15 № 41873018 (ХВС, кухня)', previous: '312.640', unit: '113', services: ['1'] }],
  charges: [
    { kind: 'HousingService', service: HOUSING, rate: '28.75', totalPayable: '1385.75', accountingPeriodTotal: '1385.75', calcExplanation: '48,2 кв. м × 28,75 руб./кв. м', paymentInformationGuid: PAYMENT_INFO.uk },
    { kind: 'MunicipalService', service: COLD_WATER, rate: '41.27', totalPayable: '210.48', accountingPeriodTotal: '210.48', paymentInformationGuid: PAYMENT_INFO.uk, volumes: measured('5.1') },
    { kind: 'MunicipalService', service: SEWAGE, rate: '33.64', totalPayable: '282.58', accountingPeriodTotal: '282.58', paymentInformationGuid: PAYMENT_INFO.uk, volumes: measured('8.4') },
    { kind: 'AdditionalService', service: INTERCOM, rate: '45.00', totalPayable: '45.00', accountingPeriodTotal: '45.00', paymentInformationGuid: PAYMENT_INFO.uk },
  ],
  totals: {
    TotalPayableByChargeInfo: '1923.81',
    DebtPreviousPeriods: '1491.79',
    TotalPayableByPD: '1923.81',
    TotalPayableByPDWithDebtAndAdvance: '3415.60',
  },
  paymentInfos: [{ guid: PAYMENT_INFO.uk, totalPayable: '1923.81', accountNumber: FLAT27.accountNumber, debt: '1491.79', totalWithDebt: '3415.60' }],
};

/** The house-management side's account with this ЕЛС and number, else for the ЕЛС: its GUID and number win. */
function heldAccount(db: SandboxDb, els: string, number: string): { guid?: string; number?: string; premises?: string } {
  const r =
    db.get('SELECT account_guid, account_number, premises_guid FROM accounts WHERE unified_account_number = ? AND account_number = ?', [els, number]) ??
    db.get('SELECT account_guid, account_number, premises_guid FROM accounts WHERE unified_account_number = ? ORDER BY closed, zhku_id', [els]);
  if (!r) return {};
  const premises = r.premises_guid ? db.get('SELECT number FROM premises WHERE lower(premises_guid) = lower(?)', [r.premises_guid]) : undefined;
  return { guid: String(r.account_guid).toLowerCase(), number: r.account_number ? String(r.account_number) : undefined, premises: premises?.number ? String(premises.number) : undefined };
}

export function seedDocuments(db: SandboxDb): void {
  db.run('INSERT OR IGNORE INTO payment_informations (guid, org_ppa_guid, bik, account_number, updated_at) VALUES (?, ?, ?, ?, ?)', [PAYMENT_INFO.uk, ORG.uk, BANK.bik, BANK.ukAccount, '2026-10-01T10:12:40.201+03:00']);
  db.run('INSERT OR IGNORE INTO payment_informations (guid, org_ppa_guid, bik, account_number, updated_at) VALUES (?, ?, ?, ?, ?)', [PAYMENT_INFO.heat, ORG.uk, BANK.bik, BANK.heatAccount, '2026-10-01T10:12:40.233+03:00']);
  for (const [flat, body, premises, at] of [
    [FLAT14, FLAT14_BODY, '14', '2026-11-02T09:15:12.408+03:00'],
    [FLAT27, FLAT27_BODY, '27', '2026-11-02T09:15:12.436+03:00'],
  ] as const) {
    const held = heldAccount(db, flat.els, flat.accountNumber);
    savePaymentDocument(db, {
      guid: flat.documentGuid,
      paymentDocumentId: flat.documentId,
      orgPPAGUID: ORG.uk,
      accountGuid: held.guid ?? flat.accountGuid,
      accountNumber: held.number ?? flat.accountNumber,
      unifiedAccountNumber: flat.els,
      serviceId: flat.serviceId,
      fiasHouseGuid: HOUSE.perovskoy12,
      premisesNumber: held.premises ?? premises,
      year: 2026,
      month: 10,
      number: flat.documentNumber,
      state: 'exposed',
      body,
      updatedAt: at,
    });
  }
}
