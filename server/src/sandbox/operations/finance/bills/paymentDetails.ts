import type { SandboxDb } from '../../../operationHandler';
import { bankAccount, organization } from '../lookups';
import { leaf } from '../xml';
import { paymentInformation } from './paymentDocumentStore';

/**
 * The recipient's bank details of a payment-details GUID, as the stand fills them from its bank
 * directory (payments-base:PaymentInformationExportType, without the closing amounts).
 */
export interface RecipientDetails {
  inn?: string;
  kpp?: string;
  bankName?: string;
  recipient?: string;
  bik?: string;
  accountNumber?: string;
  corrAccount?: string;
  oktmo?: string;
}

export function recipientDetails(db: SandboxDb, paymentInformationGuid: string): RecipientDetails {
  const pi = paymentInformation(db, paymentInformationGuid);
  if (!pi) return {};
  const bank = bankAccount(db, pi.bik, pi.accountNumber);
  const org = organization(db, bank?.orgPPAGUID ?? pi.orgPPAGUID);
  return {
    inn: bank?.inn ?? org.inn,
    kpp: bank?.kpp ?? org.kpp,
    bankName: bank?.bankName,
    recipient: bank?.recipient ?? org.name,
    bik: pi.bik,
    accountNumber: pi.accountNumber,
    corrAccount: bank?.corrAccount,
    oktmo: bank?.oktmo,
  };
}

/** The leading elements of PaymentInformationExportType (payments-base), in schema order. */
export function recipientDetailsXml(r: RecipientDetails, withOktmo = false): string {
  return [
    leaf('payments-base:RecipientINN', r.inn),
    leaf('payments-base:RecipientKPP', r.kpp),
    leaf('payments-base:BankName', r.bankName?.slice(0, 160)),
    leaf('payments-base:PaymentRecipient', r.recipient),
    leaf('payments-base:BankBIK', r.bik),
    leaf('payments-base:operatingAccountNumber', r.accountNumber),
    leaf('payments-base:CorrespondentBankAccount', r.corrAccount),
    withOktmo ? leaf('payments-base:OKTMO', r.oktmo) : '',
  ].join('');
}
