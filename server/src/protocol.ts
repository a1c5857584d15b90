import type { BindingSummary, Verdict } from './validation/documentValidator';

/** Custom messages between the extension and its language server (beyond LSP). */

/** Server → client after each validation: what the document was bound to and how it fared. */
export const DOCUMENT_STATUS = 'gisZhkh/documentStatus';
export interface DocumentStatus {
  uri: string;
  version: number;
  verdict: Verdict | 'failed';
  binding?: BindingSummary;
  /** The preferred package (settings) was not found; another one was used. */
  missingPackage?: string;
  errors: number;
  warnings: number;
  ms?: number;
  failure?: string;
}

/** Client → server: a package was installed or removed; re-read the store and revalidate. */
export const PACKAGES_CHANGED = 'gisZhkh/packagesChanged';

/** Client → server: the packages the server sees, and which one a document would use. */
export const LIST_PACKAGES = 'gisZhkh/listPackages';
export interface ListPackagesParams {
  uri?: string;
}
export interface PackageListItem {
  key: string;
  version: string;
  origin: 'bundled' | 'installed' | 'folder';
  root: string;
  selected: boolean;
}

/** What the client passes at start. */
export interface InitializationOptions {
  /** Folder of installed format packages (the extension's global storage). */
  storeDir?: string;
  /** Folder of the NSI registries kept per stand; beside the packages when absent. */
  nsiDir?: string;
}

/** Client → server: the operations of the package a document (or the default) would use. */
export const LIST_OPERATIONS = 'gisZhkh/listOperations';
export interface ListOperationsParams {
  /** A package key from listPackages; the default package when absent. */
  packageKey?: string;
}
export interface OperationListItem {
  service: string;
  name: string;
  description?: string;
  /** base:version values the request may carry: the fixed one, else the documented ones. */
  versions: string[];
  headerKind?: string;
}
export interface OperationList {
  packageKey: string;
  packageVersion: string;
  operations: OperationListItem[];
}

/** Client → server: a request skeleton for an operation. */
export const NEW_REQUEST = 'gisZhkh/newRequest';
export interface NewRequestParams {
  packageKey: string;
  service: string;
  operation: string;
  version?: string;
  orgPPAGUID?: string;
}
export interface NewRequestResult {
  text: string;
  problems: string[];
}

/** Client → server: keep the NSI registries of a saved exportNsiItem / exportNsiPagingItem / exportDataProviderNsiItem answer. */
export const NSI_IMPORT = 'gisZhkh/nsiImport';
export interface NsiImportParams {
  uri: string;
  stand?: string;
}
export interface NsiImportResult {
  stand: string;
  registries: { registry: number; items: number }[];
}
