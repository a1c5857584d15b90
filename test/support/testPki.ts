import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openssl } from './openssl';

/**
 * Test certificate authorities made by openssl in a temporary folder, for real TLS on loopback:
 * - GOST R 34.10-2012 (256-bit) with OpenSSL's gost engine, for the GOST TLS front and tunnel;
 * - ECDSA P-256, for Node's own TLS in direct HTTPS mode.
 * Each family has a second, foreign CA whose certificates must be refused. Server certificates
 * are for 127.0.0.1 and localhost. Nothing is printed; `dispose()` removes the folder.
 */
export interface CertAndKey {
  readonly cert: string;
  readonly key: string;
}

export interface GostPki {
  readonly dir: string;
  /** The stand's CA (trusted by both sides). */
  readonly caCert: string;
  readonly server: CertAndKey;
  readonly client: CertAndKey;
  /** Another GOST CA and a client certificate it issued: the wrong client. */
  readonly wrongCaCert: string;
  readonly wrongClient: CertAndKey;
  dispose(): void;
}

export interface EcPki {
  readonly dir: string;
  readonly caCert: string;
  readonly server: CertAndKey;
  readonly client: CertAndKey;
  /** The same client key, encrypted (AES-256) with `clientKeyPassword`. */
  readonly clientEncryptedKey: string;
  readonly clientKeyPassword: string;
  /** A foreign CA and its server and client certificates: must be refused. */
  readonly foreignCaCert: string;
  readonly foreignServer: CertAndKey;
  readonly foreignClient: CertAndKey;
  dispose(): void;
}

const SERVER_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n';
const CLIENT_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment,keyAgreement\nextendedKeyUsage=clientAuth\n';

/** openssl's flags for one key family. */
interface Family {
  readonly engine: string[];
  readonly genkey: string[];
  readonly digest: string;
}

const GOST: Family = { engine: ['-engine', 'gost'], genkey: ['-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A'], digest: '-md_gost12_256' };
const EC: Family = { engine: [], genkey: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], digest: '-sha256' };

export function createGostPki(): GostPki {
  const ws = new Workspace('gis-pki-gost-');
  try {
    const ca = ws.ca(GOST, 'ca', '/C=RU/O=Тестовый УЦ ГОСТ/CN=Test GOST CA');
    const server = ws.issue(GOST, ca, 'server', '/C=RU/O=Песочница/CN=localhost', SERVER_EXT);
    const client = ws.issue(GOST, ca, 'client', '/C=RU/O=УК Тверь/CN=Test GOST client', CLIENT_EXT);
    const wrongCa = ws.ca(GOST, 'wrong-ca', '/C=RU/O=Чужой УЦ/CN=Wrong GOST CA');
    const wrongClient = ws.issue(GOST, wrongCa, 'wrong-client', '/C=RU/O=Чужой/CN=Wrong GOST client', CLIENT_EXT);
    return { dir: ws.dir, caCert: ca.cert, server, client, wrongCaCert: wrongCa.cert, wrongClient, dispose: () => ws.dispose() };
  } catch (e) {
    ws.dispose();
    throw e;
  }
}

export function createEcPki(): EcPki {
  const ws = new Workspace('gis-pki-ec-');
  try {
    const ca = ws.ca(EC, 'ca', '/C=RU/O=Test stand CA/CN=Test ECDSA CA');
    const server = ws.issue(EC, ca, 'server', '/C=RU/O=Test stand/CN=localhost', SERVER_EXT);
    const client = ws.issue(EC, ca, 'client', '/C=RU/O=Test client/CN=Test ECDSA client', CLIENT_EXT);
    const clientKeyPassword = randomBytes(12).toString('base64url');
    const clientEncryptedKey = ws.path('client-encrypted.key.pem');
    ws.run(['pkey', '-in', client.key, '-aes256', '-passout', 'stdin', '-out', clientEncryptedKey], Buffer.from(`${clientKeyPassword}\n`));
    const foreign = ws.ca(EC, 'foreign-ca', '/C=RU/O=Foreign CA/CN=Foreign ECDSA CA');
    const foreignServer = ws.issue(EC, foreign, 'foreign-server', '/C=RU/O=Foreign/CN=localhost', SERVER_EXT);
    const foreignClient = ws.issue(EC, foreign, 'foreign-client', '/C=RU/O=Foreign/CN=Foreign ECDSA client', CLIENT_EXT);
    return {
      dir: ws.dir,
      caCert: ca.cert,
      server,
      client,
      clientEncryptedKey,
      clientKeyPassword,
      foreignCaCert: foreign.cert,
      foreignServer,
      foreignClient,
      dispose: () => ws.dispose(),
    };
  } catch (e) {
    ws.dispose();
    throw e;
  }
}

class Workspace {
  readonly dir: string;
  constructor(prefix: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  run(args: string[], input?: Uint8Array): void {
    const r = openssl(args, input);
    if (r.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${r.stderr.trim()}`);
  }

  key(f: Family, name: string): string {
    const key = this.path(`${name}.key.pem`);
    this.run(['genpkey', ...f.engine, ...f.genkey, '-out', key]);
    return key;
  }

  ca(f: Family, name: string, subject: string): CertAndKey {
    const key = this.key(f, name);
    const cert = this.path(`${name}.cert.pem`);
    this.run([
      'req', ...f.engine, '-new', '-x509', '-utf8', '-key', key, '-out', cert, '-days', '30', '-subj', subject, f.digest,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { cert, key };
  }

  issue(f: Family, ca: CertAndKey, name: string, subject: string, extensions: string): CertAndKey {
    const key = this.key(f, name);
    const csr = this.path(`${name}.csr.pem`);
    const ext = this.path(`${name}.ext`);
    const cert = this.path(`${name}.cert.pem`);
    fs.writeFileSync(ext, extensions);
    this.run(['req', ...f.engine, '-new', '-utf8', '-key', key, '-out', csr, '-subj', subject, f.digest]);
    this.run([
      'x509', ...f.engine, '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', `0x${randomBytes(8).toString('hex')}`,
      '-out', cert, '-days', '30', f.digest, '-extfile', ext,
    ]);
    return { cert, key };
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
