import type { PackageContents } from '../catalog/packageContents';
import type { DocumentValidator } from '../validation/documentValidator';
import type { Lang } from '../validation/messages';
import type { FaultPlan, InjectedFault } from './faultPlan';
import type { SandboxOperations } from './operationHandler';

/** How the sandbox stand is started: `startSandbox(options)` in sandboxStand.ts. */
export interface SandboxOptions {
  /** Address to listen on; 127.0.0.1 by default (the stand is for this machine). */
  readonly host?: string;
  /** 0: any free port (tests). */
  readonly port?: number;
  /** Direct-HTTPS tests: the server's key and certificate (PEM); with requestCert a client certificate from `ca` is required. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly ca?: string; readonly requestCert?: boolean };
  /** The format package whose operations the stand speaks; the bundled one by default. */
  readonly contents?: PackageContents;
  /** The schema validator; a new validation engine by default. */
  readonly validator?: DocumentValidator;
  /** What each operation does to the stand's data; the product's handlers (./operations) by default. */
  readonly operations?: SandboxOperations;
  /** Folder of the stand's database file; without it the data lives in memory only. */
  readonly dataDir?: string;
  /** RequestState 1 → 2 and 2 → 3, in milliseconds after acceptance. */
  readonly delays?: { readonly receivedMs?: number; readonly processingMs?: number };
  /** Imports must carry a valid ds:Signature (XAdES-BES, GOST or RSA). */
  readonly verifySignatures?: boolean;
  readonly faults?: FaultPlan;
  /** Requests larger than this are refused with HTTP 413. */
  readonly maxRequestBytes?: number;
  /** One short line per event, in `lang`; never a secret. */
  readonly log?: (line: string) => void;
  readonly lang?: Lang;
  /** The stand's clock (tests). */
  readonly now?: () => Date;
}

export const DEFAULT_DELAYS = { receivedMs: 200, processingMs: 300 } as const;
export const DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export interface SandboxStats {
  /** HTTP requests that reached a handler (injected drops included). */
  requests: number;
  /** New messages accepted and acknowledged. */
  accepted: number;
  /** Resends of an accepted MessageGUID, answered with the original acknowledgement. */
  duplicates: number;
  /** Messages the operation handlers processed (each exactly once). */
  processed: number;
  /** Of those, processing that threw and was rolled back (answered EXP001000). */
  processingErrors: number;
  stateRequests: number;
  /** SOAP Faults for invalid requests (injected ones are counted in `injected`). */
  faults: number;
  /** Injected faults by kind. */
  injected: Record<InjectedFault, number>;
}

export interface SandboxEndpoint {
  readonly service: string;
  readonly path: string;
  readonly operations: readonly string[];
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>` (https with tls): a stand's base URL. */
  readonly url: string;
  readonly port: number;
  readonly endpoints: readonly SandboxEndpoint[];
  stats(): SandboxStats;
  /** Stops listening, finishes what is being processed, writes the database and closes it. */
  close(): Promise<void>;
}
