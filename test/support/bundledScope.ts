/**
 * The operations the bundled 16.3.0.0 package promises (issue 4), by service folder. getState of
 * every listed service is promised too.
 */
export const BUNDLED_SCOPE: Readonly<Record<string, readonly string[]>> = {
  'nsi-common': ['exportNsiList', 'exportNsiItem', 'exportNsiPagingItem'],
  nsi: ['importAdditionalServices', 'importMunicipalServices', 'importGeneralNeedsMunicipalResource', 'exportDataProviderNsiItem'],
  'organizations-registry-common': ['exportOrgRegistry', 'exportDataProvider'],
  'house-management': [
    'exportHouseData',
    'importHouseUOData',
    'importAccountData',
    'exportAccountData',
    'importMeteringDeviceData',
    'exportMeteringDeviceData',
    'importSupplyResourceContractData',
    'exportSupplyResourceContractData',
  ],
  'device-metering': ['importMeteringDeviceValues', 'exportMeteringDeviceHistory'],
  bills: [
    'importPaymentDocumentData',
    'exportPaymentDocumentData',
    'exportNotificationsOfOrderExecution',
    'importAcknowledgment',
    'importRSOSettlements',
    'exportSettlements',
  ],
  payment: [
    'importNotificationsOfOrderExecution',
    'importNotificationsOfOrderExecutionCancellation',
    'exportPaymentDocumentDetails',
    'importSupplierNotificationsOfOrderExecution',
  ],
  'debt-requests': ['exportDebtSubrequests', 'importResponses'],
  'volume-quality': ['importInterval'],
  'outage-report': ['importOutageReport'],
};

/** `service/operation` for every promised operation, getState included. */
export function bundledScope(): string[] {
  return Object.entries(BUNDLED_SCOPE).flatMap(([service, ops]) => [...ops, 'getState'].map((op) => `${service}/${op}`));
}
