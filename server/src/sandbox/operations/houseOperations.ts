import type { OperationHandler, SandboxDb } from '../operationHandler';
import { accountHandlers } from './house/accounts';
import { contractHandlers } from './house/supplyContracts';
import { houseHandlers } from './house/houses';
import { meterHandlers } from './meters/meterDevices';
import { meterValueHandlers } from './meters/meterValues';
import { nsiCommonHandlers } from './nsi/nsiCommon';
import { nsiProviderHandlers } from './nsi/nsiProvider';
import { orgRegistryHandlers } from './orgRegistry';
import { seedOnce } from './seed';
import { createTables } from './tables';

/**
 * The services of houses, accounts, meters and registers: nsi-common, nsi,
 * organizations-registry-common, house-management and device-metering. Same shape as
 * financeOperations(): tables and seed in prepare(), handlers by `<service>/<operation>`.
 */
export function houseOperations(): { prepare(db: SandboxDb): void; handlers: Record<string, OperationHandler> } {
  return {
    prepare(db) {
      createTables(db);
      seedOnce(db);
    },
    handlers: {
      ...nsiCommonHandlers,
      ...nsiProviderHandlers,
      ...orgRegistryHandlers,
      ...houseHandlers,
      ...accountHandlers,
      ...meterHandlers,
      ...contractHandlers,
      ...meterValueHandlers,
    },
  };
}
