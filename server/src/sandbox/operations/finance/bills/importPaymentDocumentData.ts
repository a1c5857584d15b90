import type { XmlElement } from '../../../../xml/xmlTree';
import { walk } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError, periodText } from '../codes';
import { accountByGuid, checkNsiRef, premisesNumber } from '../lookups';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, int, newGuid, processedAt, sameGuid } from '../values';
import { kid, kids, txt } from '../xml';
import { DocumentPaymentInfo, PaymentDocumentBody, readCharges, readReadings, readTotals } from './paymentDocumentModel';
import {
  DocumentState,
  PaymentDocument,
  currentDocument,
  documentById,
  newPaymentDocumentId,
  placePaymentInformation,
  savePaymentDocument,
} from './paymentDocumentStore';

/**
 * importPaymentDocumentData: places payment details and payment documents for a month (a new
 * import for the same account and month replaces the document and keeps its identifier), or
 * withdraws documents. The document's identifier (UniqueNumber) is built from the account's ЖКУ
 * identifier, so the account must be known and open.
 */
/** The NSI registries a charge line's ServiceType refers to, by the line's element. */
const SERVICE_REGISTRIES: Record<string, readonly number[]> = {
  HousingService: [50],
  MunicipalService: [51],
  AdditionalService: [1],
  TypeMunicipalService: [3],
  MunicipalResource: [2, 337],
  GeneralMunicipalResource: [2, 337],
};

export function importPaymentDocumentData(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const r = req.request;
  const withdrawals = kids(r, NS.bills, 'WithdrawPaymentDocument');
  if (withdrawals.length) return importResults('bills:ImportResult', withdrawals.map((w) => withdraw(db, w, stamp)));

  const org = req.orgPPAGUID?.toLowerCase();
  const year = int(txt(r, NS.base, 'Year')) ?? 0;
  const month = int(txt(r, NS.base, 'Month')) ?? 0;
  const results: ItemOutcome[] = [];
  const keys = new Map<string, string>();
  for (const pi of kids(r, NS.bills, 'PaymentInformation')) {
    const transport = txt(pi, NS.base, 'TransportGUID') ?? '';
    const bik = txt(pi, NS.paymentsBase, 'BankBIK') ?? '';
    const account = txt(pi, NS.paymentsBase, 'operatingAccountNumber') ?? '';
    const placed = placePaymentInformation(db, org, bik, account, newGuid(), stamp);
    keys.set(transport.toLowerCase(), placed.guid);
    results.push(ok(transport, placed.guid, stamp));
  }
  const resolve = (key: string | undefined) => (key ? keys.get(key.toLowerCase()) : undefined);
  for (const doc of kids(r, NS.bills, 'PaymentDocument')) results.push(placeDocument(db, doc, { org, year, month, stamp, resolve }));
  return importResults('bills:ImportResult', results);
}

interface Context {
  org?: string;
  year: number;
  month: number;
  stamp: string;
  resolve(key: string | undefined): string | undefined;
}

function placeDocument(db: SandboxDb, doc: XmlElement, c: Context): ItemOutcome {
  const transport = txt(doc, NS.base, 'TransportGUID') ?? '';
  const accountGuid = txt(doc, NS.accountBase, 'AccountGuid') ?? '';
  const account = accountByGuid(db, accountGuid);
  if (!account) return failed(transport, E.accountNotFound(accountGuid));
  if (account.closed) return failed(transport, E.accountClosed(account.accountNumber ?? accountGuid));

  const errors: ItemError[] = [];
  walk(doc, (e) => {
    if (e.ns === NS.bills && e.local === 'ServiceType') {
      const line = e.parent?.local ?? '';
      const problem = checkNsiRef(db, e, `Вид услуги (${line})`, SERVICE_REGISTRIES[line] ?? []);
      if (problem) errors.push(problem);
      return false;
    }
    return undefined;
  });

  const number = txt(doc, NS.billsBase, 'PaymentDocumentNumber');
  const explicitId = txt(doc, NS.billsBase, 'PaymentDocumentID');
  let existing: PaymentDocument | undefined;
  if (explicitId) {
    existing = documentById(db, explicitId);
    if (!existing) errors.push(E.paymentDocumentNotFound(explicitId));
    else if (!sameGuid(existing.accountGuid, account.accountGuid)) errors.push(E.documentOfOtherAccount(explicitId));
    else if (existing.year !== c.year || existing.month !== c.month) errors.push(E.periodMismatch(explicitId, periodText(c.year, c.month)));
    else if (existing.state === 'withdrawn') errors.push(E.documentWithdrawn(explicitId));
  } else {
    existing = currentDocument(db, { accountGuid: account.accountGuid, year: c.year, month: c.month, org: c.org, number, els: account.unifiedAccountNumber });
  }
  if (number) {
    // A number is the document of one payer in a month: another document with it is a clash.
    const clash = db.get(
      `SELECT payment_document_id FROM payment_documents WHERE org_ppa_guid IS ? AND year = ? AND month = ? AND number = ?
         AND state <> 'withdrawn' AND guid <> ?`,
      [c.org ?? null, c.year, c.month, number, existing?.guid ?? ''],
    );
    if (clash) errors.push(E.duplicateDocumentNumber(number, periodText(c.year, c.month)));
  }
  if (errors.length) return failed(transport, ...errors);

  const paymentInfos = documentPaymentInfos(doc, c.resolve);
  const only = paymentInfos.length === 1 ? paymentInfos[0].guid : undefined;
  const body: PaymentDocumentBody = {
    // What GIS adds itself (the form, areas and residents from the account) stays from the replaced document.
    form: existing?.body.form,
    addressInfo: existing?.body.addressInfo,
    readings: readReadings(doc),
    charges: readCharges(doc, (key) => c.resolve(key) ?? only),
    totals: readTotals(doc),
    paymentInfos,
  };
  const serviceId = account.serviceId ?? `${account.unifiedAccountNumber ?? '00ПД000000'}-01`;
  const saved: PaymentDocument = {
    guid: existing?.guid ?? newGuid(),
    paymentDocumentId: existing?.paymentDocumentId ?? newPaymentDocumentId(db, serviceId, c.year, c.month),
    orgPPAGUID: c.org,
    accountGuid: account.accountGuid,
    accountNumber: account.accountNumber,
    unifiedAccountNumber: account.unifiedAccountNumber,
    serviceId,
    fiasHouseGuid: account.fiasHouseGuid,
    premisesNumber: premisesNumber(db, account.premisesGuid),
    year: c.year,
    month: c.month,
    number,
    state: stateOf(doc),
    body,
    updatedAt: c.stamp,
  };
  savePaymentDocument(db, saved);
  return ok(transport, saved.guid, c.stamp, saved.paymentDocumentId);
}

function stateOf(doc: XmlElement): DocumentState {
  if (txt(doc, NS.bills, 'Withdraw') === 'true') return 'withdrawn';
  return txt(doc, NS.bills, 'Expose') === 'true' ? 'exposed' : 'draft';
}

/** The document's amounts per payment details: one PaymentInformationKey, or DetailsPaymentInformation blocks. */
function documentPaymentInfos(doc: XmlElement, resolve: (key: string | undefined) => string | undefined): DocumentPaymentInfo[] {
  const amounts = (e: XmlElement | undefined) => ({
    totalPayable: txt(e, NS.bills, 'TotalPayableByPaymentInformation'),
    accountNumber: txt(e, NS.bills, 'AccountNumber'),
    debt: txt(e, NS.bills, 'DebtPreviousPeriodsOrAdvanceBillingPeriod'),
    totalWithDebt: txt(e, NS.bills, 'TotalPayableWithDebtAndAdvance'),
  });
  const single = resolve(txt(doc, NS.bills, 'PaymentInformationKey'));
  if (single) return [{ guid: single, ...amounts(kid(doc, NS.bills, 'PaymentInformationDetails')) }];
  const out: DocumentPaymentInfo[] = [];
  for (const d of kids(doc, NS.bills, 'DetailsPaymentInformation')) {
    const guid = resolve(txt(d, NS.bills, 'PaymentInformationKey'));
    if (guid) out.push({ guid, ...amounts(d) });
  }
  return out;
}

function withdraw(db: SandboxDb, w: XmlElement, stamp: string): ItemOutcome {
  const transport = txt(w, NS.base, 'TransportGUID') ?? '';
  const id = txt(w, NS.billsBase, 'PaymentDocumentID') ?? '';
  const doc = documentById(db, id);
  if (!doc) return failed(transport, E.paymentDocumentNotFound(id));
  if (doc.state === 'withdrawn') return failed(transport, E.documentWithdrawn(id));
  savePaymentDocument(db, { ...doc, state: 'withdrawn', updatedAt: stamp });
  return ok(transport, doc.guid, stamp, doc.paymentDocumentId);
}
