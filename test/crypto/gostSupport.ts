import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openssl } from '../support/openssl';

/**
 * Keys made by OpenSSL's gost engine for the cross-checks, in a temporary folder that `dispose()`
 * removes. The private scalar is read from the PKCS#8 DER with a deliberately minimal reader of
 * its own, so these tests do not lean on the key sources (signature/keys/) they may later check.
 */
export interface OpensslGostKey {
  readonly label: string;
  readonly keyPem: string;
  readonly pubPem: string;
  /** DER SubjectPublicKeyInfo as `openssl pkey -pubout -outform DER` writes it. */
  readonly spki: Uint8Array;
  /** publicKeyParamSet OID from the PKCS#8 AlgorithmIdentifier. */
  readonly paramSetOid: string;
  /** The private key OCTET STRING content, as stored (little-endian). */
  readonly privateLE: Uint8Array;
  /** The private key as `openssl pkey -text` prints it (big-endian hex), to pin the byte order. */
  readonly privateTextHex: string;
}

export class GostWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-gost-'));

  file(name: string, content?: Uint8Array | string): string {
    const p = path.join(this.dir, name);
    if (content !== undefined) fs.writeFileSync(p, content);
    return p;
  }

  generate(algorithm: 'gost2012_256' | 'gost2012_512', paramset: string): OpensslGostKey {
    const label = `${algorithm}-${paramset}`;
    const keyPem = this.file(`${label}.key.pem`);
    const pubPem = this.file(`${label}.pub.pem`);
    run(['genpkey', '-engine', 'gost', '-algorithm', algorithm, '-pkeyopt', `paramset:${paramset}`, '-out', keyPem]);
    run(['pkey', '-engine', 'gost', '-in', keyPem, '-pubout', '-out', pubPem]);
    const spki = run(['pkey', '-engine', 'gost', '-pubin', '-in', pubPem, '-outform', 'DER']);
    const text = run(['pkey', '-engine', 'gost', '-in', keyPem, '-text', '-noout']).toString();
    const privateTextHex = /Private key:\s*([0-9A-Fa-f]+)/.exec(text)?.[1] ?? '';
    const der = pemBody(fs.readFileSync(keyPem, 'utf8'));
    const { paramSetOid, privateLE } = readGostPkcs8(der);
    return { label, keyPem, pubPem, spki, paramSetOid, privateLE, privateTextHex };
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs openssl and returns stdout; throws with its stderr (never key material) on failure. */
export function run(args: string[], input?: Uint8Array): Buffer {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

function pemBody(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}

/**
 * PrivateKeyInfo ::= SEQUENCE { INTEGER 0, SEQUENCE { OID, SEQUENCE { OID paramSet, … } },
 * OCTET STRING key }: the gost engine stores the key as a bare little-endian OCTET STRING.
 */
function readGostPkcs8(der: Uint8Array): { paramSetOid: string; privateLE: Uint8Array } {
  const top = tlv(der, 0, 0x30);
  const version = tlv(der, top.start, 0x02);
  const alg = tlv(der, version.end, 0x30);
  const algOid = tlv(der, alg.start, 0x06);
  const params = tlv(der, algOid.end, 0x30);
  const ps = tlv(der, params.start, 0x06);
  const key = tlv(der, alg.end, 0x04);
  return { paramSetOid: oid(der.subarray(ps.start, ps.end)), privateLE: der.slice(key.start, key.end) };
}

function tlv(der: Uint8Array, pos: number, tag: number): { start: number; end: number } {
  if (der[pos] !== tag) throw new Error(`PKCS#8: tag ${tag} expected at ${pos}`);
  let len = der[pos + 1];
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | der[start + i];
    start += n;
  }
  return { start, end: start + len };
}

function oid(b: Uint8Array): string {
  const parts: number[] = [];
  let v = 0;
  for (const byte of b) {
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  const first = parts.shift()!;
  return [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40)), ...parts].join('.');
}
