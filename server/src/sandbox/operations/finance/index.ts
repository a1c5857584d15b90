import type { OperationHandler, ProcessedResult, SandboxDb, SandboxRequest } from '../../operationHandler';
import { exportNotificationsOfOrderExecution } from './bills/exportNotificationsOfOrderExecution';
import { exportPaymentDocumentData } from './bills/exportPaymentDocumentData';
import { exportSettlements } from './bills/exportSettlements';
import { importAcknowledgment } from './bills/importAcknowledgment';
import { importPaymentDocumentData } from './bills/importPaymentDocumentData';
import { importRSOSettlements } from './bills/importRSOSettlements';
import { exportDebtSubrequests } from './debt/exportDebtSubrequests';
import { importResponses } from './debt/importResponses';
import { importInterval } from './notices/importInterval';
import { importOutageReport } from './notices/importOutageReport';
import { exportPaymentDocumentDetails } from './payment/exportPaymentDocumentDetails';
import { importNotificationsOfOrderExecution } from './payment/importNotificationsOfOrderExecution';
import { importNotificationsOfOrderExecutionCancellation } from './payment/importNotificationsOfOrderExecutionCancellation';
import { importSupplierNotificationsOfOrderExecution } from './payment/importSupplierNotificationsOfOrderExecution';
import { createFinanceTables } from './schema';
import { seedFinance } from './seed';

/**
 * What the sandbox stand does with the requests of bills, payment, debt-requests, volume-quality
 * and outage-report. Reads the house-management side's tables (houses, premises, accounts,
 * organizations, nsi_items), so prepare() runs after that side's.
 */

type Process = (req: SandboxRequest, db: SandboxDb) => ProcessedResult;

const PROCESSES: Record<string, Process> = {
  'bills/importPaymentDocumentData': importPaymentDocumentData,
  'bills/exportPaymentDocumentData': exportPaymentDocumentData,
  'bills/exportNotificationsOfOrderExecution': exportNotificationsOfOrderExecution,
  'bills/importAcknowledgment': importAcknowledgment,
  'bills/importRSOSettlements': importRSOSettlements,
  'bills/exportSettlements': exportSettlements,
  'payment/importNotificationsOfOrderExecution': importNotificationsOfOrderExecution,
  'payment/importNotificationsOfOrderExecutionCancellation': importNotificationsOfOrderExecutionCancellation,
  'payment/exportPaymentDocumentDetails': exportPaymentDocumentDetails,
  'payment/importSupplierNotificationsOfOrderExecution': importSupplierNotificationsOfOrderExecution,
  'debt-requests/exportDebtSubrequests': exportDebtSubrequests,
  'debt-requests/importResponses': importResponses,
  'volume-quality/importInterval': importInterval,
  'outage-report/importOutageReport': importOutageReport,
};

export function financeOperations(): { prepare(db: SandboxDb): void; handlers: Record<string, OperationHandler> } {
  const handlers: Record<string, OperationHandler> = {};
  for (const [key, process] of Object.entries(PROCESSES)) handlers[key] = { process };
  return {
    prepare(db: SandboxDb): void {
      createFinanceTables(db);
      seedFinance(db);
    },
    handlers,
  };
}
