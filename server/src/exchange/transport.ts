import type { StandProfile } from './standProfile';

/**
 * One SOAP call over HTTP(S). The engine needs to know one thing above all when a call fails:
 * could the request have reached GIS? If not, sending again is safe; if it could, the engine
 * must ask GIS before it resends (it never sends an import twice).
 */
export interface SoapCall {
  /** Path (and query) on the stand, from the catalog's endpoint, e.g. `/ext-bus-home-management-service/services/HomeManagementAsync`. */
  readonly path: string;
  readonly soapAction: string;
  /** The whole SOAP 1.1 envelope. */
  readonly envelope: string;
}

export interface SoapReply {
  readonly status: number;
  readonly contentType?: string;
  /** The body decoded as UTF-8 (GIS answers in UTF-8). */
  readonly body: string;
}

export type TransportFailure =
  /** DNS, refused connection, unreachable: nothing left this machine's TCP stack. */
  | 'connect'
  /** The TLS handshake failed (certificate refused, unknown CA, wrong client certificate). */
  | 'tls'
  /** No complete answer in time. */
  | 'timeout'
  /** The connection broke after the request was (at least partly) written. */
  | 'reset'
  /** A configuration problem found before any connection (missing file, bad URL). */
  | 'config';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    /** True when GIS may hold the request (reset, timeout after writing); false when it surely does not. */
    readonly mayHaveReached: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** Resolves with any HTTP answer (500 included); rejects only with TransportError. */
  post(call: SoapCall, signal?: AbortSignal): Promise<SoapReply>;
  /** Drops kept-alive connections. */
  close(): void;
}

/** Secrets a transport may need, given at run time (SecretStorage, environment). */
export interface TransportSecrets {
  readonly clientKeyPassword?: string;
}

export type TransportFactory = (stand: StandProfile, secrets?: TransportSecrets) => Transport;
