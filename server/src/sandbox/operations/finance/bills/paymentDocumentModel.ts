import type { XmlElement } from '../../../../xml/xmlTree';
import { NS } from '../ns';
import { attrOf, kid, kids, txt } from '../xml';

/**
 * A payment document as the stand keeps it: the part of importPaymentDocumentRequest that
 * exportPaymentDocumentData, exportPaymentDocumentDetails and acknowledgments need. Charge lines
 * keep the service, the sums and the payment details they are paid to; the parts the stand does not
 * answer with (capital repair, penalties, debts, recalculations, house needs) are accepted and dropped.
 */

export interface NsiValue {
  code: string;
  guid: string;
  name?: string;
}

export interface Volume {
  value: string;
  type?: string;
  method?: string;
}

export type ServiceKind = 'HousingService' | 'AdditionalService' | 'MunicipalService';

export interface ChargeLine {
  kind: ServiceKind;
  service: NsiValue;
  rate: string;
  totalPayable?: string;
  accountingPeriodTotal?: string;
  calcExplanation?: string;
  debt?: string;
  totalPayableOverall?: string;
  orgPPAGUID?: string;
  paymentInformationGuid?: string;
  volumes?: Volume[];
}

export interface ChargeGroup {
  kind: 'GroupMunicipalService';
  service: NsiValue;
  totalPayable?: string;
  accountingPeriodTotal?: string;
  orgPPAGUID?: string;
  volumes?: Volume[];
  components: ChargeLine[];
}

export type Charge = ChargeLine | ChargeGroup;

export interface MeterReading {
  device: string;
  previous?: string;
  unit?: string;
  services: string[];
}

export interface DocumentPaymentInfo {
  guid: string;
  totalPayable?: string;
  accountNumber?: string;
  debt?: string;
  totalWithDebt?: string;
}

/** Totals of the document, in the order the export writes them. */
export const TOTAL_FIELDS = [
  'TotalPayableByChargeInfo',
  'TotalPayableOverallByChargeInfo',
  'DebtPreviousPeriods',
  'AdvanceBllingPeriod',
  'PaymentsTaken',
  'AdditionalInformation',
  'TotalPayableByPD',
  'TotalPayableByPDWithDebtAndAdvance',
  'PaidCash',
  'DateOfLastReceivedPayment',
] as const;

export type TotalField = (typeof TOTAL_FIELDS)[number];

export interface PaymentDocumentBody {
  form?: string;
  addressInfo?: { persons?: string; residential?: string; heated?: string; total?: string };
  readings: MeterReading[];
  charges: Charge[];
  totals: Partial<Record<TotalField, string>>;
  paymentInfos: DocumentPaymentInfo[];
}

function nsiValue(ref: XmlElement | undefined): NsiValue {
  return {
    code: txt(ref, NS.nsiBase, 'Code') ?? '',
    guid: (txt(ref, NS.nsiBase, 'GUID') ?? '').toLowerCase(),
    name: txt(ref, NS.nsiBase, 'Name'),
  };
}

function volumes(e: XmlElement | undefined): Volume[] | undefined {
  const list = kids(kid(e, NS.bills, 'Consumption'), NS.bills, 'Volume').map((v) => ({
    value: v.text.trim(),
    type: attrOf(v, 'type'),
    method: attrOf(v, 'determiningMethod'),
  }));
  return list.length ? list : undefined;
}

/** Resolves a PaymentInformationKey (a TransportGUID of the request) to the details' GUID. */
export type KeyResolver = (key: string | undefined) => string | undefined;

function line(kind: ServiceKind, e: XmlElement, key: KeyResolver): ChargeLine {
  const t = (n: string) => txt(e, NS.bills, n);
  return {
    kind,
    service: nsiValue(kid(e, NS.bills, 'ServiceType')),
    rate: t('Rate') ?? '0',
    totalPayable: t('TotalPayable'),
    accountingPeriodTotal: t('AccountingPeriodTotal'),
    calcExplanation: t('CalcExplanation'),
    debt: t('DebtPreviousPeriodsOrAdvanceBillingPeriod'),
    totalPayableOverall: t('TotalPayableOverall'),
    orgPPAGUID: t('orgPPAGUID')?.toLowerCase(),
    paymentInformationGuid: key(t('PaymentInformationKey')),
    volumes: kind === 'MunicipalService' ? volumes(e) : undefined,
  };
}

/** The charge lines of a PaymentDocument element. */
export function readCharges(doc: XmlElement, key: KeyResolver): Charge[] {
  const out: Charge[] = [];
  for (const info of kids(doc, NS.bills, 'ChargeInfo')) {
    const e = info.children[0];
    if (!e || e.ns !== NS.bills) continue;
    if (e.local === 'HousingService' || e.local === 'AdditionalService' || e.local === 'MunicipalService') {
      out.push(line(e.local, e, key));
    } else if (e.local === 'GroupMunicipalService') {
      const type = kid(e, NS.bills, 'TypeMunicipalService');
      const components = kids(e, NS.bills, 'MunicipalService').map((m) => line('MunicipalService', m, key));
      out.push({
        kind: 'GroupMunicipalService',
        service: nsiValue(kid(type, NS.bills, 'ServiceType')),
        totalPayable: txt(type, NS.bills, 'TotalPayable'),
        accountingPeriodTotal: txt(type, NS.bills, 'AccountingPeriodTotal'),
        orgPPAGUID: txt(type, NS.bills, 'orgPPAGUID')?.toLowerCase(),
        volumes: volumes(type),
        components,
      });
    }
  }
  return out;
}

export function readReadings(doc: XmlElement): MeterReading[] {
  return kids(doc, NS.bills, 'IndividualMDReadings').map((r) => ({
    device: txt(r, NS.bills, 'MeteringDevice') ?? '',
    previous: txt(r, NS.bills, 'MDPreviousPeriodReadings'),
    unit: txt(r, NS.bills, 'MDUnit'),
    services: kids(r, NS.bills, 'MDServiceCode').map((c) => c.text.trim()),
  }));
}

export function readTotals(doc: XmlElement): Partial<Record<TotalField, string>> {
  const totals: Partial<Record<TotalField, string>> = {};
  for (const f of TOTAL_FIELDS) {
    const v = txt(doc, NS.bills, f);
    if (v !== undefined) totals[f] = v;
  }
  return totals;
}

/** Every service line of a document, groups opened (for acknowledgments and service names). */
export function serviceLines(body: PaymentDocumentBody): (ChargeLine | ChargeGroup)[] {
  const out: (ChargeLine | ChargeGroup)[] = [];
  for (const c of body.charges) {
    out.push(c);
    if (c.kind === 'GroupMunicipalService') out.push(...c.components);
  }
  return out;
}
