import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { GOST_CIPHERS } from '../exchange/transport/stunnelConfig';
import { StunnelError, startStunnel, stunnelBinary, withOwnFolder, writeGostOpensslConf } from '../exchange/transport/stunnelProcess';

/**
 * A GOST TLS front for a local plain-HTTP stand (the sandbox): a server-mode stunnel with
 * OpenSSL's gost engine, the way GIS's own stands speak GOST TLS 1.2, so tunnel mode can be tried
 * end to end on one machine. It runs in a private temporary folder with its own OPENSSL_CONF that
 * loads the gost engine; nothing of the machine's OpenSSL configuration is changed.
 */
export interface GostTlsFrontOptions {
  /** The local plain-HTTP port behind the front (127.0.0.1). */
  readonly targetPort: number;
  /** GOST server certificate and key (PEM, key unencrypted). */
  readonly certFile: string;
  readonly keyFile: string;
  /** Trust roots for client certificates. */
  readonly caFile?: string;
  /** Refuse clients without a certificate from `caFile` (GIS requires one). */
  readonly requireClientCert: boolean;
  /** Port to listen on (127.0.0.1); default: a free one. */
  readonly listenPort?: number;
}

export interface GostTlsFront {
  readonly port: number;
  /** stunnel's log: each connection, its negotiated cipher suite, refused certificates. */
  log(): string;
  /** Waits for `pattern` in the log at or after offset `since` (see StunnelProcess.waitForLog). */
  waitForLog(pattern: RegExp, timeoutMs?: number, since?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startGostTlsFront(o: GostTlsFrontOptions): Promise<GostTlsFront> {
  if (o.requireClientCert && !o.caFile) throw new StunnelError('a GOST TLS front that requires client certificates needs caFile (their trust roots)');
  for (const [what, f] of [['certificate', o.certFile], ['key', o.keyFile], ['CA', o.caFile]] as const) {
    if (f !== undefined && !fs.existsSync(f)) throw new StunnelError(`GOST TLS front: the ${what} file ${f} does not exist`);
  }
  stunnelBinary(); // fail early and clearly when stunnel is missing
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-gost-front-'));
  try {
    const env = { OPENSSL_CONF: writeGostOpensslConf(dir) };
    // A free port can be taken between the probe and stunnel's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = o.listenPort ?? (await freePort());
      try {
        const proc = await startStunnel({ config: frontConfig(o, port), dir, env });
        return { port, ...withOwnFolder(proc, dir) };
      } catch (e) {
        const busy = e instanceof StunnelError && /Address already in use|Error binding/i.test(e.message + e.log);
        if (!busy || o.listenPort !== undefined || attempt >= 5) throw e;
      }
    }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function frontConfig(o: GostTlsFrontOptions, port: number): string {
  const lines = [
    '; GOST TLS front of the sandbox stand (server-mode stunnel, OpenSSL gost engine via OPENSSL_CONF)',
    'foreground = yes',
    'pid =',
    'debug = info',
    '',
    '[gost-front]',
    `accept = 127.0.0.1:${port}`,
    `connect = 127.0.0.1:${o.targetPort}`,
    `cert = ${line(o.certFile)}`,
    `key = ${line(o.keyFile)}`,
  ];
  if (o.caFile) lines.push(`CAfile = ${line(o.caFile)}`);
  if (o.requireClientCert) lines.push('verifyChain = yes', 'requireCert = yes');
  lines.push('sslVersionMin = TLSv1.2', 'sslVersionMax = TLSv1.2', `ciphers = ${GOST_CIPHERS}`);
  return `${lines.join('\n')}\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function line(v: string): string {
  if (/[\r\n]/.test(v)) throw new StunnelError(`a stunnel setting cannot contain a line break: ${JSON.stringify(v)}`);
  return v;
}
