import * as net from 'node:net';
import type { StandProfile } from '../standProfile';
import { TransportError } from '../transport';

/**
 * Where this process opens its TCP connection for a stand and what it writes on it. Three shapes:
 * - direct http(s): to the stand itself (or to the proxy);
 * - tunnel: plain HTTP to the local tunnel, naming the stand in the Host header, so the tunnel
 *   (stunnel with CryptoPro or OpenSSL's gost engine) does the GOST TLS Node cannot do.
 */
export interface Route {
  readonly mode: 'direct' | 'tunnel';
  /** The stand's host[:port] as the baseUrl spells it (default port left out): messages and Host header. */
  readonly standHost: string;
  readonly standHostname: string;
  readonly standPort: number;
  /** Path prefix of the baseUrl ('' for a bare origin), put before each service path. */
  readonly basePath: string;
  /** TLS from this process (direct mode with an https:// baseUrl). */
  readonly secure: boolean;
  /** Plain-HTTP local tunnel (tunnel mode). */
  readonly tunnel?: Endpoint;
  /** HTTP proxy (direct mode only: in tunnel mode the proxy is the tunnel's business). */
  readonly proxy?: Proxy;
}

export interface Endpoint {
  readonly hostname: string;
  readonly port: number;
}

export interface Proxy extends Endpoint {
  /** `Basic …` when the proxy URL carries user:password. */
  readonly authorization?: string;
}

export function routeFor(stand: StandProfile): Route {
  const base = parseUrl(stand.baseUrl, `baseUrl of stand "${stand.name}"`, ['http:', 'https:']);
  const secure = base.protocol === 'https:';
  const standPort = base.port ? Number(base.port) : secure ? 443 : 80;
  const common = {
    standHost: base.host,
    standHostname: bareHostname(base.hostname),
    standPort,
    basePath: base.pathname.replace(/\/+$/, ''),
  };
  if (stand.transport === 'tunnel') {
    if (!stand.tunnelUrl) {
      throw configError(`stand "${stand.name}" is in tunnel mode but has no tunnelUrl (the local tunnel's address, e.g. http://127.0.0.1:8081)`);
    }
    const t = parseUrl(stand.tunnelUrl, `tunnelUrl of stand "${stand.name}"`, ['http:']);
    return { mode: 'tunnel', ...common, secure: false, tunnel: { hostname: bareHostname(t.hostname), port: t.port ? Number(t.port) : 80 } };
  }
  if (stand.transport !== 'direct') {
    throw configError(`stand "${stand.name}" has an unknown transport "${String(stand.transport)}" (direct or tunnel)`);
  }
  return { mode: 'direct', ...common, secure, proxy: stand.proxy ? parseProxy(stand) : undefined };
}

/** Where the TCP connection goes, for messages: the stand, or the tunnel/proxy on its behalf. */
export function describeTarget(r: Route): string {
  if (r.tunnel) return `${r.standHost} through the local tunnel ${r.tunnel.hostname}:${r.tunnel.port}`;
  if (r.proxy) return `${r.standHost} through the proxy ${r.proxy.hostname}:${r.proxy.port}`;
  return r.standHost;
}

function parseProxy(stand: StandProfile): Proxy {
  const p = parseUrl(stand.proxy!, `proxy of stand "${stand.name}"`, ['http:']);
  const authorization = p.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}`
    : undefined;
  return { hostname: bareHostname(p.hostname), port: p.port ? Number(p.port) : 80, authorization };
}

function parseUrl(text: string, what: string, protocols: readonly string[]): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw configError(`${what} is not a URL: "${text}"`);
  }
  if (!protocols.includes(u.protocol)) {
    throw configError(`${what} must start with ${protocols.map((p) => `${p}//`).join(' or ')}: "${u.protocol}//${u.host}"`);
  }
  if (u.search || u.hash) throw configError(`${what} must not have a query or fragment: "${text}"`);
  return u;
}

/** URL keeps IPv6 literals in brackets; sockets and TLS want them bare. */
function bareHostname(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** SNI carries host names only (RFC 6066): none for an IP literal. */
export function serverNameFor(hostname: string): string | undefined {
  return net.isIP(hostname) ? undefined : hostname;
}

export function configError(message: string, cause?: unknown): TransportError {
  return new TransportError('config', false, message, cause === undefined ? undefined : { cause });
}
