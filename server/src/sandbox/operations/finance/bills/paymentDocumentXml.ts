import type { SandboxDb } from '../../../operationHandler';
import { el, elAttrs, leaf } from '../xml';
import { recipientDetails, recipientDetailsXml } from './paymentDetails';
import type { Charge, ChargeLine, NsiValue, Volume } from './paymentDocumentModel';
import { TOTAL_FIELDS } from './paymentDocumentModel';
import type { PaymentDocument } from './paymentDocumentStore';

/** bills:PaymentDocument of exportPaymentDocResult (exportPaymentDocumentResultType), from the stand's record. */

const MD_SERVICE_NAMES: Record<string, string> = {
  '1': 'Холодное водоснабжение',
  '2': 'Горячее водоснабжение',
  '3': 'Водоотведение',
  '4': 'Электроснабжение',
  '5': 'Газоснабжение',
  '6': 'Отопление',
  '7': 'Обращение с твёрдыми коммунальными отходами',
};

function serviceType(s: NsiValue): string {
  return el('bills:ServiceType', leaf('nsi-base:Code', s.code), leaf('nsi-base:GUID', s.guid), leaf('nsi-base:Name', s.name));
}

function consumption(volumes: Volume[] | undefined): string {
  if (!volumes?.length) return '';
  return el(
    'bills:Consumption',
    volumes.slice(0, 2).map((v) => elAttrs('bills:Volume', { type: v.type, determiningMethod: v.method }, v.value)),
  );
}

function lineXml(l: ChargeLine): string {
  return el(
    `bills:${l.kind}`,
    serviceType(l.service),
    leaf('bills:Rate', l.rate),
    leaf('bills:TotalPayable', l.totalPayable),
    leaf('bills:AccountingPeriodTotal', l.accountingPeriodTotal),
    leaf('bills:CalcExplanation', l.calcExplanation),
    leaf('bills:DebtPreviousPeriodsOrAdvanceBillingPeriod', l.debt),
    leaf('bills:TotalPayableOverall', l.totalPayableOverall),
    leaf('bills:orgPPAGUID', l.orgPPAGUID),
    leaf('bills:PaymentInformationGuid', l.paymentInformationGuid),
    l.kind === 'MunicipalService' ? consumption(l.volumes) : '',
  );
}

function chargeXml(c: Charge): string {
  if (c.kind !== 'GroupMunicipalService') return el('bills:ChargeInfo', lineXml(c));
  return el(
    'bills:ChargeInfo',
    el(
      'bills:GroupMunicipalService',
      el(
        'bills:TypeMunicipalService',
        serviceType(c.service),
        consumption(c.volumes),
        leaf('bills:AccountingPeriodTotal', c.accountingPeriodTotal),
        leaf('bills:TotalPayable', c.totalPayable),
        leaf('bills:orgPPAGUID', c.orgPPAGUID),
      ),
      c.components.map(lineXml),
    ),
  );
}

export function paymentDocumentXml(db: SandboxDb, d: PaymentDocument): string {
  const b = d.body;
  const totals = (names: readonly string[]) =>
    TOTAL_FIELDS.filter((f) => names.includes(f)).map((f) => leaf(`bills:${f}`, b.totals[f]));
  const address = b.addressInfo
    ? el(
        'bills:AddressInfo',
        leaf('bills:LivingPersonsNumber', b.addressInfo.persons),
        leaf('bills:ResidentialSquare', b.addressInfo.residential),
        leaf('bills:HeatedArea', b.addressInfo.heated),
        leaf('bills:TotalSquare', b.addressInfo.total),
      )
    : '';
  const readings = b.readings.map((r) =>
    el(
      'bills:IndividualMDReadings',
      leaf('bills:MeteringDevice', r.device),
      leaf('bills:MDPreviousPeriodReadings', r.previous),
      leaf('bills:MDUnit', r.unit),
      r.services.map((code) => el('bills:MDService', leaf('bills:MDServiceCode', code), leaf('bills:MDServiceName', MD_SERVICE_NAMES[code] ?? `Услуга ${code}`))),
    ),
  );
  const payments = b.paymentInfos.map((p) =>
    el(
      'bills:PaymentInformation',
      recipientDetailsXml(recipientDetails(db, p.guid)),
      leaf('bills:TotalPayableByPaymentInformation', p.totalPayable),
      leaf('bills:PaymentInformationGuid', p.guid),
      leaf('bills:AccountNumber', p.accountNumber),
      leaf('bills:DebtPreviousPeriodsOrAdvanceBillingPeriod', p.debt),
      leaf('bills:TotalPayableWithDebtAndAdvance', p.totalWithDebt),
    ),
  );
  return el(
    'bills:PaymentDocument',
    leaf('account-base:AccountGuid', d.accountGuid),
    leaf('bills:PaymentDocumentForm', b.form),
    leaf('bills-base:PaymentDocumentNumber', d.number),
    address,
    readings,
    b.charges.map(chargeXml),
    d.state === 'exposed' ? leaf('bills:Expose', 'true') : d.state === 'withdrawn' ? leaf('bills:Withdraw', 'true') : '',
    totals(['TotalPayableByChargeInfo', 'TotalPayableOverallByChargeInfo', 'DebtPreviousPeriods', 'AdvanceBllingPeriod', 'PaymentsTaken', 'AdditionalInformation', 'TotalPayableByPD']),
    totals(['TotalPayableByPDWithDebtAndAdvance', 'PaidCash', 'DateOfLastReceivedPayment']),
    leaf('base:Month', d.month),
    leaf('base:Year', d.year),
    leaf('bills-base:PaymentDocumentID', d.paymentDocumentId),
    payments,
  );
}
