import type { SqlValue } from '../../../../journal/sqlEngine';
import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { recipientDetails, recipientDetailsXml } from '../bills/paymentDetails';
import { CARRIES_ACCOUNT_NUMBER, PaymentDocument, documentsWhere } from '../bills/paymentDocumentStore';
import { E, periodText } from '../codes';
import { Account, Organization, accountByServiceId, accountsByUnifiedNumber, bankAccount, houseByFias, organization } from '../lookups';
import { NS } from '../ns';
import { answer, errorMessage } from '../result';
import { int, kopecks } from '../values';
import { el, kid, leaf, txt } from '../xml';
import { consumerAddressXml } from './consumerAddress';

/**
 * exportPaymentDocumentDetails: what a payment agent needs to take a payment (amounts in
 * kopecks): the exposed document found by identifier, or by period (the latest when none is
 * given) and ЕЛС, house with premises and account, or ЖКУ identifier. Sums by payment details and
 * debts come when AmountRequired is asked. An account without a document answers with its ЖКУ.
 */
export function exportPaymentDocumentDetails(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const r = req.request;
  const withAmounts = !!kid(r, NS.payment, 'AmountRequired');
  const docs = find(db, r);
  if (docs.length) {
    return answer(el('pm:exportPaymentDocumentDetailsResult', el('pm:Charge', docs.map((d) => documentXml(db, d, withAmounts)))));
  }
  const accounts = accountsAsked(db, r);
  if (accounts.length) return answer(el('pm:exportPaymentDocumentDetailsResult', accounts.map((a) => serviceXml(db, a))));
  return errorMessage(E.nothingToExport());
}

function find(db: SandboxDb, r: XmlElement): PaymentDocument[] {
  const id = txt(r, NS.billsBase, 'PaymentDocumentID');
  if (id) return documentsWhere(db, "payment_document_id = ? AND state = 'exposed'", [id]);
  const where = ["state = 'exposed'"];
  const params: SqlValue[] = [];
  const add = (condition: string, value: SqlValue) => {
    where.push(condition);
    params.push(value);
  };
  const els = txt(r, NS.accountBase, 'UnifiedAccountNumber');
  const fias = txt(r, NS.payment, 'FIASHouseGuid');
  const serviceId = txt(r, NS.accountBase, 'ServiceID');
  if (els) add('unified_account_number = ?', els);
  else if (serviceId) add('service_id = ?', serviceId);
  else if (fias) {
    add('fias_house_guid = lower(?)', fias);
    const premises = txt(r, NS.payment, 'ResidentialPremise') ?? txt(r, NS.payment, 'NonResidentialApartment');
    if (premises) add('premises_number = ?', premises);
    const account = txt(r, NS.accountBase, 'AccountNumber');
    const number = txt(r, NS.billsBase, 'PaymentDocumentNumber');
    if (account) add(CARRIES_ACCOUNT_NUMBER, account);
    if (number) add('number = ?', number);
  } else return [];
  const year = int(txt(r, NS.base, 'Year'));
  const month = int(txt(r, NS.base, 'Month'));
  if (year !== undefined) add('year = ?', year);
  if (month !== undefined) add('month = ?', month);
  const found = documentsWhere(db, where.join(' AND '), params);
  if (year !== undefined && month !== undefined) return found;
  // Without a full period: the latest period's documents.
  const last = found.reduce((m, d) => Math.max(m, d.year * 100 + d.month), 0);
  return found.filter((d) => d.year * 100 + d.month === last);
}

function accountsAsked(db: SandboxDb, r: XmlElement): Account[] {
  const serviceId = txt(r, NS.accountBase, 'ServiceID');
  const els = txt(r, NS.accountBase, 'UnifiedAccountNumber');
  const found = serviceId ? [accountByServiceId(db, serviceId)] : els ? accountsByUnifiedNumber(db, els) : [];
  // pm:Service needs both identifiers of the account.
  return found.filter((a): a is Account => !!a && !a.closed && !!a.serviceId && !!a.unifiedAccountNumber);
}

function executorXml(org: Organization, payments: string[]): string {
  return el(
    'pm:ExecutorInformation',
    leaf('organizations-base:INN', org.inn),
    el('pm:Legal', leaf('organizations-base:KPP', org.kpp ?? '000000000'), leaf('pm:Name', org.name)),
    payments,
    leaf('pm:MailingAddress', org.mailingAddress ?? 'Почтовый адрес не указан'),
  );
}

function documentXml(db: SandboxDb, d: PaymentDocument, withAmounts: boolean): string {
  const b = d.body;
  const org = organization(db, d.orgPPAGUID);
  const house = d.fiasHouseGuid ? houseByFias(db, d.fiasHouseGuid) : undefined;
  const consumer = house?.address ? el('pm:ConsumerInformation', consumerAddressXml(house.address, house.fiasHouseGuid, d.premisesNumber)) : '';
  const payments = b.paymentInfos.map((p) =>
    el(
      'pm:PaymentInformation',
      recipientDetailsXml(recipientDetails(db, p.guid), true),
      leaf('pm:PaymentInformationGuid', p.guid),
      withAmounts ? leaf('pm:Reminder', kopecks(p.totalPayable)) : '',
      leaf('account-base:AccountNumber', p.accountNumber),
      p.accountNumber === d.accountNumber ? leaf('account-base:ServiceID', d.serviceId) : '',
      withAmounts ? leaf('pm:DebtOrAdvance', kopecks(p.debt)) + leaf('pm:TotalWithDebtAndAdvance', kopecks(p.totalWithDebt ?? p.totalPayable)) : '',
    ),
  );
  const total = b.totals.TotalPayableByPD ?? b.totals.TotalPayableByChargeInfo ?? undefined;
  const reminder = total !== undefined ? kopecks(total) : b.paymentInfos.reduce((s, p) => s + kopecks(p.totalPayable), 0);
  const names = [...new Set(b.charges.map((c) => c.service.name).filter(Boolean))];
  return el(
    'pm:PaymentDocument',
    leaf('bills-base:PaymentDocumentID', d.paymentDocumentId),
    leaf('bills-base:PaymentDocumentNumber', d.number),
    leaf('account-base:UnifiedAccountNumber', d.unifiedAccountNumber),
    leaf('account-base:AccountNumber', d.accountNumber),
    leaf('account-base:ServiceID', d.serviceId),
    el(
      'pm:PaymentDocumentDetails',
      consumer,
      executorXml(org, payments),
      leaf('pm:Reminder', reminder),
      withAmounts
        ? leaf('pm:Debt', kopecks(b.totals.DebtPreviousPeriods)) +
            leaf('pm:TotalWithDebtAndAdvance', kopecks(b.totals.TotalPayableByPDWithDebtAndAdvance ?? total))
        : '',
      leaf('pm:Purpose', `Оплата ЖКУ за ${periodText(d.year, d.month)} по ${d.number ? `ПД ${d.number}` : `ПД ${d.paymentDocumentId}`}${d.accountNumber ? `, ЛС ${d.accountNumber}` : ''}`.slice(0, 1000)),
      leaf('pm:PDServiceName', names.join(', ').slice(0, 1000)),
    ),
    leaf('base:Year', d.year),
    leaf('base:Month', d.month),
    leaf('pm:PaymentDocumentGUID', d.guid),
  );
}

function serviceXml(db: SandboxDb, a: Account): string {
  const org = organization(db, a.orgPPAGUID);
  const banks = db.all('SELECT bik, account_number FROM fin_bank_accounts WHERE org_ppa_guid = ?', [org.orgPPAGUID]);
  const payments = banks.length
    ? banks.map((b) => {
        const bank = bankAccount(db, String(b.bik), String(b.account_number));
        return el('pm:PaymentInformation', recipientDetailsXml({ ...bank, recipient: bank?.recipient ?? org.name }, true));
      })
    : [el('pm:PaymentInformation', leaf('payments-base:RecipientINN', org.inn), leaf('payments-base:RecipientKPP', org.kpp), leaf('payments-base:PaymentRecipient', org.name))];
  return el(
    'pm:Service',
    leaf('account-base:UnifiedAccountNumber', a.unifiedAccountNumber),
    leaf('account-base:AccountNumber', a.accountNumber),
    leaf('account-base:ServiceID', a.serviceId),
    leaf('pm:ServiceIDGuid', a.accountGuid),
    executorXml(org, payments),
    leaf('pm:Purpose', `Оплата ЖКУ${a.accountNumber ? `, ЛС ${a.accountNumber}` : ''}`),
  );
}
