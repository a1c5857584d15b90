import * as net from 'node:net';
import type { StandProfile } from '../standProfile';

/**
 * A client-mode stunnel configuration for a stand in tunnel mode: stunnel accepts plain HTTP on a
 * local port (the stand's tunnelUrl) and speaks TLS with the stand, the client certificate
 * presented, the server's certificate checked against the stand's CA bundle and host name.
 * With `gostEngine`, Debian's stunnel loads OpenSSL's gost engine (libengine-gost-openssl) and
 * offers only GOST cipher suites, which is what GIS's stands speak.
 *
 * stunnel cannot be given a key password in its configuration: an encrypted key makes it ask on
 * its console at start.
 */
export interface StunnelClientOptions {
  readonly stand: StandProfile;
  /** Local port to accept plain HTTP on; default: the port of the stand's tunnelUrl. */
  readonly localPort?: number;
  /** Local address; default: the host of tunnelUrl, else 127.0.0.1 (never listen beyond loopback by accident). */
  readonly localHost?: string;
  /** PEM files; default: the stand's clientCertificateFile / clientKeyFile / caFile. */
  readonly clientCertificateFile?: string;
  readonly clientKeyFile?: string;
  readonly caFile?: string;
  /** Load OpenSSL's gost engine and offer the GOST cipher suites (GOST TLS 1.2). */
  readonly gostEngine: boolean;
  /** OpenSSL cipher list; default: the GOST suites with `gostEngine`, stunnel's own otherwise. */
  readonly ciphers?: string;
  /** Stay in the foreground and log to stderr (for a terminal, a service manager, or tests). Default true. */
  readonly foreground?: boolean;
  /** pid file; '' for none. Default: none in the foreground, stunnel's own otherwise. */
  readonly pidFile?: string;
  /** Log file (`output`); default: stderr in the foreground, syslog otherwise. */
  readonly logFile?: string;
  /** stunnel's log level; `info` shows each connection and its negotiated cipher suite. Default info. */
  readonly debug?: 'err' | 'warning' | 'notice' | 'info' | 'debug';
  /** Section name; default: the stand's name. */
  readonly service?: string;
}

/**
 * GOST TLS 1.2 suites of the gost engine: the 2018 ones (Magma/Kuznyechik with OMAC, RFC 9189)
 * first, then the older GOST 28147-89 suite still met on GIS-facing servers.
 */
export const GOST_CIPHERS = 'GOST2012-MAGMA-MAGMAOMAC:GOST2012-KUZNYECHIK-KUZNYECHIKOMAC:LEGACY-GOST2012-GOST8912-GOST8912:IANA-GOST2012-GOST8912-GOST8912';

export function stunnelClientConfig(o: StunnelClientOptions): string {
  const stand = o.stand;
  const base = parse(stand.baseUrl, `baseUrl of stand "${stand.name}"`);
  if (base.protocol !== 'https:') throw new Error(`stand "${stand.name}": a TLS tunnel needs an https:// baseUrl, not ${stand.baseUrl}`);
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = base.port ? Number(base.port) : 443;
  const tunnel = stand.tunnelUrl ? parse(stand.tunnelUrl, `tunnelUrl of stand "${stand.name}"`) : undefined;
  const localPort = o.localPort ?? (tunnel ? Number(tunnel.port || 80) : undefined);
  if (!localPort) throw new Error(`stand "${stand.name}": no local port (give localPort or the stand's tunnelUrl)`);
  const localHost = o.localHost ?? tunnel?.hostname.replace(/^\[|\]$/g, '') ?? '127.0.0.1';
  const cert = o.clientCertificateFile ?? stand.clientCertificateFile;
  const key = o.clientKeyFile ?? stand.clientKeyFile ?? cert;
  const ca = o.caFile ?? stand.caFile;
  // Verification is never off: without the stand's CA there is nothing to check the server against.
  if (!ca) throw new Error(`stand "${stand.name}": the CA bundle of the stand (caFile) is required, the tunnel always checks the server's certificate`);
  const foreground = o.foreground ?? true;
  const service = o.service ?? stand.name;

  const lines: string[] = [
    `; Туннель TLS к стенду «${stand.title ?? stand.name}»: HTTP на ${authority(localHost, localPort)} → ${authority(host, port)}`,
    `; TLS tunnel to stand "${stand.name}": plain HTTP on ${authority(localHost, localPort)} -> TLS to ${authority(host, port)}`,
    '; Запуск / run: stunnel <этот файл / this file>',
    `foreground = ${foreground ? 'yes' : 'no'}`,
  ];
  const pid = o.pidFile ?? (foreground ? '' : undefined);
  if (pid !== undefined) lines.push(pid ? `pid = ${value(pid)}` : 'pid =');
  if (o.logFile) lines.push(`output = ${value(o.logFile)}`);
  lines.push(`debug = ${o.debug ?? 'info'}`);
  if (o.gostEngine) {
    // The engine serves every algorithm it has (GOST keys, Streebog, Magma, Kuznyechik).
    lines.push('engine = gost', 'engineDefault = ALL');
  }
  lines.push('', `[${sectionName(service)}]`, 'client = yes', `accept = ${authority(localHost, localPort)}`);
  if (stand.proxy) {
    // stunnel opens the way through the HTTP proxy itself (CONNECT), then does TLS inside it.
    const p = parse(stand.proxy, `proxy of stand "${stand.name}"`);
    lines.push(`connect = ${authority(p.hostname.replace(/^\[|\]$/g, ''), Number(p.port || 80))}`, 'protocol = connect', `protocolHost = ${authority(host, port)}`);
    if (p.username) lines.push('; the proxy needs a login: add protocolUsername / protocolPassword (kept out of this file on purpose)');
  } else {
    lines.push(`connect = ${authority(host, port)}`);
  }
  // Resolve the stand's name at each connection, not once at start (stunnel then starts offline too).
  lines.push('delay = yes');
  if (!net.isIP(host)) lines.push(`sni = ${value(host)}`);
  if (cert) lines.push(`cert = ${value(cert)}`);
  if (key) lines.push(`key = ${value(key)}`);
  lines.push(`CAfile = ${value(ca)}`, 'verifyChain = yes', net.isIP(host) ? `checkIP = ${host}` : `checkHost = ${value(host)}`);
  if (o.gostEngine) lines.push('sslVersionMin = TLSv1.2', 'sslVersionMax = TLSv1.2');
  const ciphers = o.ciphers ?? (o.gostEngine ? GOST_CIPHERS : undefined);
  if (ciphers) lines.push(`ciphers = ${value(ciphers)}`);
  return `${lines.join('\n')}\n`;
}

function parse(text: string, what: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new Error(`${what} is not a URL: "${text}"`);
  }
}

function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** stunnel reads one `key = value` per line: a line break in a path would smuggle in options. */
function value(v: string): string {
  if (/[\r\n]/.test(v)) throw new Error(`a stunnel setting cannot contain a line break: ${JSON.stringify(v)}`);
  return v;
}

function sectionName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'gis';
}
