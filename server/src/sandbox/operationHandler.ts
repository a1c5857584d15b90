import type { Operation } from '../catalog/operationCatalog';
import type { SqlValue } from '../journal/sqlEngine';
import type { XmlElement } from '../xml/xmlTree';

/**
 * The seam between the sandbox stand's protocol (server, acknowledgement, RequestState 1 → 2 → 3,
 * faults; sandbox/*.ts) and what each operation does to the stand's data (sandbox/operations/).
 */

/** The sandbox's SQLite database (sql.js), as operations see it. */
export interface SandboxDb {
  run(sql: string, params?: readonly SqlValue[]): void;
  all(sql: string, params?: readonly SqlValue[]): Record<string, SqlValue>[];
  get(sql: string, params?: readonly SqlValue[]): Record<string, SqlValue> | undefined;
}

/** An accepted request, once: a resend with the same MessageGUID never reaches a handler again. */
export interface SandboxRequest {
  readonly operation: Operation;
  /** The request element (the SOAP Body's child), parsed. */
  readonly request: XmlElement;
  /** The header's MessageGUID (the sender's). */
  readonly senderMessageGuid: string;
  /** The MessageGUID the sandbox gave in AckRequest. */
  readonly gisMessageGuid: string;
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
  /** When the stand received it: readings and dates are judged against this. */
  readonly receivedAt: Date;
}

/**
 * What getStateResult says once RequestState is 3: the elements after base:RequestState and
 * base:MessageGUID, as XML text. Prefixes used in `xml` must be declared in `namespaces`; the
 * protocol side puts them on the getStateResult element.
 */
export interface ProcessedResult {
  readonly xml: string;
  readonly namespaces: Readonly<Record<string, string>>;
}

export interface OperationHandler {
  /**
   * Applies the request to the stand's data and returns the answer. Runs inside one transaction
   * (the protocol side rolls back on a throw and answers a whole-message error EXP001000).
   * Business errors are per item (base:Error with an SRV/INT code), never thrown.
   */
  process(req: SandboxRequest, db: SandboxDb): ProcessedResult;
}

/** The handlers by `<service>/<operation>` (catalog names), the schema they need, and seed data. */
export interface SandboxOperations {
  /** Creates the domain tables if missing and inserts the seed data once. */
  prepare(db: SandboxDb): void;
  handler(service: string, operation: string): OperationHandler | undefined;
}
