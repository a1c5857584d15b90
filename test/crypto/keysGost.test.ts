import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCertificates, summarizeCertificate } from '../../server/src/signature/keys/certificateFile';
import { createSigner } from '../../server/src/signature/keys/createSigner';
import { gostParamSet } from '../../server/src/signature/keys/gostOids';
import { scalarBytes } from '../../server/src/signature/keys/gostPrivateKey';
import { KeySourceError, SecretRequiredError, WrongSecretError } from '../../server/src/signature/keys/keyErrors';
import { GOST_PFX_MESSAGE, loadPfx } from '../../server/src/signature/keys/pfxFile';
import { loadPrivateKey } from '../../server/src/signature/keys/privateKeyFile';
import { parseProfile } from '../../server/src/signature/keys/profile';
import { openssl } from '../support/openssl';

/**
 * Key sources against OpenSSL's gost engine: every key is generated (or re-read) by OpenSSL here,
 * and the scalar we read is held against what `openssl pkey -text` prints. The byte-order facts
 * pinned: the engine writes the scalar little-endian; `-text` prints it big-endian.
 */
function ossl(args: string[], input?: Uint8Array): Buffer {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The private scalar as the reference prints it. */
function opensslScalar(keyFile: string, inform: 'PEM' | 'DER' = 'PEM', pass?: string): bigint {
  const args = ['pkey', '-engine', 'gost', '-inform', inform, '-in', keyFile, '-text', '-noout'];
  if (pass !== undefined) args.push('-passin', `pass:${pass}`);
  const hex = /Private key:\s*([0-9A-Fa-f]+)/.exec(ossl(args).toString())?.[1];
  assert.ok(hex, 'openssl printed no private key');
  return BigInt('0x' + hex);
}

// A DER writer just big enough to build the older PKCS#8 forms the gost engine also reads.
function tlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Uint8Array.from([tag, ...len, ...body]);
}
const seq = (...items: Uint8Array[]): Uint8Array => tlv(0x30, Buffer.concat(items));
function derOid(o: string): Uint8Array {
  const [a, b, ...rest] = o.split('.').map(Number);
  const out = [40 * a + b];
  for (const v of rest) {
    const bytes = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) bytes.unshift((x & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Uint8Array.from(out));
}
function le(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}
function pkcs8(algOid: string, paramOid: string, digestOid: string | undefined, privateKey: Uint8Array): Uint8Array {
  const params = digestOid ? seq(derOid(paramOid), derOid(digestOid)) : seq(derOid(paramOid));
  return seq(tlv(0x02, Uint8Array.of(0)), seq(derOid(algOid), params), tlv(0x04, privateKey));
}

const PARAMSETS: ['gost2012_256' | 'gost2012_512', string, string][] = [
  ['gost2012_256', 'A', '1.2.643.2.2.35.1'],
  ['gost2012_256', 'B', '1.2.643.2.2.35.2'],
  ['gost2012_256', 'C', '1.2.643.2.2.35.3'],
  ['gost2012_256', 'XA', '1.2.643.2.2.36.0'],
  ['gost2012_256', 'XB', '1.2.643.2.2.36.1'],
  ['gost2012_256', 'TCA', '1.2.643.7.1.2.1.1.1'],
  ['gost2012_256', 'TCB', '1.2.643.7.1.2.1.1.2'],
  ['gost2012_256', 'TCC', '1.2.643.7.1.2.1.1.3'],
  ['gost2012_256', 'TCD', '1.2.643.7.1.2.1.1.4'],
  ['gost2012_512', 'A', '1.2.643.7.1.2.1.2.1'],
  ['gost2012_512', 'B', '1.2.643.7.1.2.1.2.2'],
  ['gost2012_512', 'C', '1.2.643.7.1.2.1.2.3'],
];

describe('GOST key sources against OpenSSL (gost engine)', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-keys-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content?: Uint8Array | string): string => {
    const p = path.join(dir, name);
    if (content !== undefined) fs.writeFileSync(p, content);
    return p;
  };

  for (const [algorithm, paramset, paramOid] of PARAMSETS) {
    it(`reads ${algorithm} paramset:${paramset} keys in all four PKCS#8 forms the engine reads`, () => {
      const keyFile = file(`${algorithm}-${paramset}.pem`);
      ossl(['genpkey', '-engine', 'gost', '-algorithm', algorithm, '-pkeyopt', `paramset:${paramset}`, '-out', keyFile]);
      const key = loadPrivateKey(fs.readFileSync(keyFile));
      assert.equal(key.type, 'gost');
      if (key.type !== 'gost') return;
      assert.equal(key.key.kind, algorithm === 'gost2012_256' ? 'gost2012-256' : 'gost2012-512');
      assert.equal(key.key.paramSet.oid, paramOid);
      const d = opensslScalar(keyFile);
      assert.equal(key.key.d, d, 'our scalar equals the one openssl pkey -text prints');

      // The same key re-encoded in the older forms; OpenSSL must read each back to the same d,
      // which also proves our q for this parameter set (masked forms multiply mod q).
      const n = algorithm === 'gost2012_256' ? 32 : 64;
      const algOid = algorithm === 'gost2012_256' ? '1.2.643.7.1.1.1.1' : '1.2.643.7.1.1.1.2';
      const digestOid = algorithm === 'gost2012_256' ? '1.2.643.7.1.1.2.2' : undefined;
      const q = gostParamSet(paramOid)!.q;
      const mask = (d * 7919n + 12345n) % q || 1n;
      const masked = (d * modInverse(mask, q)) % q;
      const be = scalarBytes(key.key, 'big-endian');
      const intBody = be[0] & 0x80 ? Uint8Array.from([0, ...be]) : be;
      const forms: Record<string, Uint8Array> = {
        'wrapped OCTET STRING (LE)': tlv(0x04, le(d, n)),
        'INTEGER (BE)': tlv(0x02, intBody),
        'raw masked (key ‖ mask, LE)': Buffer.concat([le(masked, n), le(mask, n)]),
        // MASKED_GOST_KEY also carries the public key, which the engine does not read back.
        'SEQUENCE masked key': seq(tlv(0x04, Buffer.concat([le(masked, n), le(mask, n)])), tlv(0x04, new Uint8Array(2 * n))),
      };
      for (const [form, priv] of Object.entries(forms)) {
        const der = pkcs8(algOid, paramOid, digestOid, priv);
        const derFile = file(`${algorithm}-${paramset}-${form.replace(/\W+/g, '_')}.der`, der);
        assert.equal(opensslScalar(derFile, 'DER'), d, `openssl reads the ${form} form`);
        const again = loadPrivateKey(der);
        assert.ok(again.type === 'gost' && again.key.d === d, `we read the ${form} form`);
      }
    });
  }

  describe('a GOST 2012-256 key with its certificate', () => {
    let keyFile: string;
    let certFile: string;
    before(() => {
      keyFile = file('signer.pem');
      certFile = file('signer.crt');
      ossl(['genpkey', '-engine', 'gost', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', keyFile]);
      ossl(['req', '-engine', 'gost', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', '30', '-subj', '/C=RU/O=Test/CN=Тестовый подписант', '-md_gost12_256', '-utf8', '-set_serial', '123456789012345678901234567890']);
    });

    it('reads the certificate as OpenSSL sees it', () => {
      const der = loadCertificates(fs.readFileSync(certFile))[0];
      assert.deepEqual(Buffer.from(der), ossl(['x509', '-in', certFile, '-outform', 'DER']));
      const c = summarizeCertificate(der);
      assert.equal(c.subject, 'CN=Тестовый подписант, O=Test, C=RU');
      assert.equal(c.issuer, c.subject);
      assert.equal(c.serialNumber, '123456789012345678901234567890');
      assert.equal(c.publicKey.kind, 'gost2012-256');
      const end = /notAfter=(.*)/.exec(ossl(['x509', '-in', certFile, '-noout', '-enddate']).toString())![1];
      assert.equal(c.notAfter.getTime(), new Date(end).getTime());
    });

    it('signs through a pem profile, and OpenSSL verifies the signature value as is (big-endian s‖r)', async () => {
      const profile = parseProfile({ name: 'pem', algorithm: 'gost2012-256', keySource: 'pem', keyFile, certificateFile: certFile });
      const signer = await createSigner(profile, {});
      const data = Buffer.from('<ds:SignedInfo>подпись</ds:SignedInfo>', 'utf8');
      const sig = await signer.sign(data);
      assert.equal(sig.length, 64);
      const sigFile = file('pem.sig', sig);
      const dataFile = file('pem.data', data);
      const v = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-verify', file('pub.pem', ossl(['pkey', '-engine', 'gost', '-in', keyFile, '-pubout'])), '-signature', sigFile, dataFile]);
      assert.equal(v.status, 0, v.stderr);
      const reversed = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-verify', file('pub.pem'), '-signature', file('rev.sig', Buffer.from(sig).reverse()), dataFile]);
      assert.notEqual(reversed.status, 0, 'the reversed (CryptoAPI) order must not verify in OpenSSL');
    });

    it('refuses a key that does not belong to the certificate', async () => {
      const other = file('other.pem');
      ossl(['genpkey', '-engine', 'gost', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', other]);
      const profile = parseProfile({ name: 'wrong', algorithm: 'gost2012-256', keySource: 'pem', keyFile: other, certificateFile: certFile });
      await assert.rejects(createSigner(profile), (e: Error) => e instanceof KeySourceError && /не соответствует сертификату/.test(e.ru));
      const rsaProfile = parseProfile({ name: 'rsa', algorithm: 'rsa-sha256', keySource: 'pem', keyFile, certificateFile: certFile });
      await assert.rejects(createSigner(rsaProfile), KeySourceError);
    });

    it('reads an encrypted PKCS#8 GOST key (PBES2, AES-256) with its password only', () => {
      const enc = file('enc.pem');
      ossl(['pkcs8', '-engine', 'gost', '-topk8', '-in', keyFile, '-out', enc, '-v2', 'aes-256-cbc', '-passout', 'pass:пароль-1']);
      assert.match(fs.readFileSync(enc, 'utf8'), /BEGIN ENCRYPTED PRIVATE KEY/);
      assert.throws(() => loadPrivateKey(fs.readFileSync(enc)), SecretRequiredError);
      assert.throws(() => loadPrivateKey(fs.readFileSync(enc), 'не тот'), WrongSecretError);
      const k = loadPrivateKey(fs.readFileSync(enc), 'пароль-1');
      assert.ok(k.type === 'gost' && k.key.d === opensslScalar(keyFile));
    });

    it('reads a GOST key from a PFX that OpenSSL protects with AES and SHA-256 (its default)', async () => {
      const pfx = file('aes.pfx');
      ossl(['pkcs12', '-engine', 'gost', '-export', '-inkey', keyFile, '-in', certFile, '-out', pfx, '-passout', 'pass:секрет']);
      assert.throws(() => loadPfx(fs.readFileSync(pfx), 'wrong'), WrongSecretError);
      const c = loadPfx(fs.readFileSync(pfx), 'секрет');
      assert.ok(c.key.type === 'gost' && c.key.key.d === opensslScalar(keyFile));
      assert.equal(c.certificates.length, 1);
      assert.deepEqual(Buffer.from(c.certificates[0]), ossl(['x509', '-in', certFile, '-outform', 'DER']), 'the certificate comes out byte for byte');
      const signer = await createSigner(parseProfile({ name: 'pfx', algorithm: 'gost2012-256', keySource: 'pfx', keyFile: pfx }), { password: 'секрет' });
      assert.equal(signer.algorithm.verify(Buffer.from('x'), await signer.sign(Buffer.from('x')), summarizeCertificate(signer.certificate).publicKey as never), true);
    });

    it('refuses a PFX protected with GOST ciphers and a Streebog MAC with the message that says what to do', () => {
      const pfx = file('gost.pfx');
      ossl(['pkcs12', '-engine', 'gost', '-export', '-inkey', keyFile, '-in', certFile, '-out', pfx, '-passout', 'pass:secret', '-keypbe', 'gost89', '-certpbe', 'gost89', '-macalg', 'md_gost12_256']);
      assert.throws(
        () => loadPfx(fs.readFileSync(pfx), 'secret'),
        (e: Error) => e instanceof KeySourceError && e.ru === GOST_PFX_MESSAGE.ru,
      );
      assert.equal(GOST_PFX_MESSAGE.ru, 'Контейнер PFX с ключом ГОСТ не поддерживается; экспортируйте ключ в PEM (PKCS#8) или используйте внешнюю подпись');
    });
  });
});
