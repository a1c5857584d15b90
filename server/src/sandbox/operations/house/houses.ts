import type { OperationHandler } from '../../operationHandler';
import { houseExportHandlers } from './houseExport';
import { houseImportHandlers } from './houseImport';

/** house-management: house cards (importHouseUOData, exportHouseData). */
export const houseHandlers: Record<string, OperationHandler> = { ...houseImportHandlers, ...houseExportHandlers };
