import type { OperationHandler, SandboxDb, SandboxOperations } from '../operationHandler';
import { houseOperations } from './houseOperations';
import { financeOperations } from './finance';

/**
 * Everything the sandbox stand does with requests: the house-management side (nsi-common, nsi,
 * organizations-registry-common, house-management, device-metering; it owns the shared tables
 * and the seed data, so it is prepared first) and the finance services, which read those tables.
 */
export function sandboxOperations(): SandboxOperations {
  const parts = [houseOperations(), financeOperations()];
  const handlers = new Map<string, OperationHandler>();
  for (const part of parts) {
    for (const [key, h] of Object.entries(part.handlers)) {
      if (handlers.has(key)) throw new Error(`two sandbox handlers for ${key}`);
      handlers.set(key, h);
    }
  }
  return {
    prepare(db: SandboxDb) {
      for (const part of parts) part.prepare(db);
    },
    handler(service: string, operation: string) {
      return handlers.get(`${service}/${operation}`);
    },
  };
}
