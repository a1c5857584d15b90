import { TransportError } from '../transport';
import type { Route } from './route';
import { describeTarget } from './route';

/**
 * How far a call got when it failed. What matters to the engine is whether the stand may hold
 * the request, and that is decided by the phase, not by the error code alone: a reset before the
 * connection was usable lost nothing; the same reset after the request went out may have.
 */
export type CallPhase =
  /** No TCP connection yet (DNS, connect, proxy CONNECT). */
  | 'connecting'
  /** TCP is up, the TLS handshake is not done. */
  | 'handshake'
  /** The connection was usable: the request was (at least partly) written. */
  | 'sent';

/** Certificate verification results Node reports as error codes (OpenSSL's X509_V_ERR_* names). */
const VERIFY_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
]);

const CONNECT_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  EAI_FAIL: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  EADDRNOTAVAIL: 'address not available',
  ECONNRESET: 'connection reset',
  EPROXYREFUSED: 'the proxy refused',
};

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTlsError(code: string | undefined): boolean {
  return !!code && (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || VERIFY_CODES.has(code));
}

/**
 * The peer ended the handshake over certificates. With TLS 1.3 the server checks the client
 * certificate after the client thinks the handshake is done, so this alert can come after the
 * request was written; the server refused the connection, so its application never saw it.
 */
function isHandshakeAlert(e: unknown, code: string | undefined): boolean {
  if (code?.startsWith('ERR_SSL_') && /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE)/.test(code)) return true;
  // TLS 1.2 write errors carry the alert only in the text (code EPROTO).
  const message = e instanceof Error ? e.message : '';
  return code === 'EPROTO' && /alert (bad certificate|unknown ca|certificate (required|unknown|revoked|expired)|unsupported certificate|access denied|handshake failure)/i.test(message);
}

/** `note` is added to a 'reset' message (what else the break may mean). */
export function classifyFailure(e: unknown, phase: CallPhase, route: Route, note = ''): TransportError {
  if (e instanceof TransportError) return e;
  const code = errorCode(e);
  const why = describeCause(e, code);
  const target = describeTarget(route);
  const opts = { cause: e };
  if (phase === 'handshake' || (phase === 'connecting' && isTlsError(code)) || isHandshakeAlert(e, code)) {
    return new TransportError('tls', false, `TLS handshake with ${target} failed: ${why}${tlsHint(e, code)}`, opts);
  }
  if (phase === 'connecting') {
    const hint = route.tunnel && code === 'ECONNREFUSED' ? ' (is the tunnel, e.g. stunnel, running?)' : '';
    return new TransportError('connect', false, `cannot connect to ${target}: ${why}${hint}`, opts);
  }
  return new TransportError('reset', true, `the connection to ${target} broke after the request was sent: ${why}${note}`, opts);
}

export function timeoutFailure(phase: CallPhase, route: Route, ms: number): TransportError {
  const target = describeTarget(route);
  if (phase === 'sent') {
    return new TransportError('timeout', true, `no complete answer from ${target} within ${ms} ms after the request was sent`);
  }
  const what = phase === 'handshake' ? 'TLS handshake' : 'connection';
  return new TransportError('timeout', false, `no ${what} with ${target} within ${ms} ms`);
}

/** The caller's AbortSignal fired: the kinds mean the same as for any other broken call. */
export function abortFailure(phase: CallPhase, route: Route, reason: unknown): TransportError {
  const target = describeTarget(route);
  if (phase === 'sent') {
    return new TransportError('reset', true, `the call to ${target} was cancelled after the request was sent`, { cause: reason });
  }
  return new TransportError('connect', false, `the call to ${target} was cancelled before the request was sent`, { cause: reason });
}

function describeCause(e: unknown, code: string | undefined): string {
  // OpenSSL's messages end in a line break and may span lines: one line for logs and the journal.
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
  const known = code ? CONNECT_CAUSES[code] : undefined;
  if (known && !message.includes(known)) return `${known} (${code}: ${message})`;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function tlsHint(e: unknown, code: string | undefined): string {
  if (!code) return '';
  if (VERIFY_CODES.has(code)) return ' — the server certificate is not trusted by the stand\'s CA bundle (caFile)';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return ' — the server certificate is not for this host';
  if (isHandshakeAlert(e, code)) return ' — the server refused this client (its certificate is missing, unknown or not trusted there)';
  return '';
}
