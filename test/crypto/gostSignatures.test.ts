import * as assert from 'node:assert/strict';
import { gostCurveByOid } from '../../server/src/crypto/gostCurves';
import { hashFor, publicKeyOf, signDigest, verifyDigest } from '../../server/src/crypto/gost3410';
import { gostPublicKeyFromSpki, gostKindOfSpki, privateKeyFromLittleEndian } from '../../server/src/crypto/gostKeys';
import { gostSignatureAlgorithmFor, gostSignerFromPrivateKey } from '../../server/src/crypto/gostAlgorithms';
import { openssl } from '../support/openssl';
import { GostWorkspace, run } from './gostSupport';

/**
 * GOST R 34.10-2012 both ways against OpenSSL's gost engine, on keys OpenSSL generates here.
 *
 * Byte order, stated once: our signature value (= ds:SignatureValue) is s ‖ r, big-endian halves,
 * and that is exactly what `openssl pkeyutl -sign` writes and `-verify` reads, so the conversion
 * between the two is the identity — `toOpenssl`/`fromOpenssl` below spell that out. The fully
 * reversed (CryptoAPI) order must fail in OpenSSL, which shows the order is really being tested.
 */
const toOpenssl = (signatureValue: Uint8Array): Uint8Array => signatureValue;
const fromOpenssl = (opensslSignature: Uint8Array): Uint8Array => opensslSignature;

const PARAMSETS: ['gost2012_256' | 'gost2012_512', string][] = [
  ['gost2012_256', 'A'], ['gost2012_256', 'B'], ['gost2012_256', 'C'],
  ['gost2012_256', 'XA'], ['gost2012_256', 'XB'],
  ['gost2012_256', 'TCA'], ['gost2012_256', 'TCB'], ['gost2012_256', 'TCC'], ['gost2012_256', 'TCD'],
  ['gost2012_512', 'A'], ['gost2012_512', 'B'], ['gost2012_512', 'C'],
];

const SIGNED_INFO = Buffer.from(
  '<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:CanonicalizationMethod ' +
  'Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>' +
  '<ds:Reference URI="#signed-data-container">Подпись</ds:Reference></ds:SignedInfo>', 'utf8');

describe('GOST R 34.10-2012 against OpenSSL (gost engine)', function () {
  this.timeout(120_000);
  const ws = new GostWorkspace();
  after(() => ws.dispose());

  for (const [algorithm, paramset] of PARAMSETS) {
    describe(`${algorithm} paramset:${paramset}`, () => {
      const md = algorithm === 'gost2012_256' ? '-md_gost12_256' : '-md_gost12_512';
      const key = ws.generate(algorithm, paramset);
      const curve = gostCurveByOid(key.paramSetOid);
      const dataFile = ws.file(`${key.label}.data`, SIGNED_INFO);
      const digestFile = ws.file(`${key.label}.digest`, run(['dgst', '-engine', 'gost', md, '-binary', dataFile]));

      it('is a curve we know, and our reading of the key agrees with OpenSSL', () => {
        assert.ok(curve, `unknown parameter set ${key.paramSetOid}`);
        assert.equal(curve.size, algorithm === 'gost2012_256' ? 32 : 64);
        const { d } = privateKeyFromLittleEndian(curve, key.privateLE);
        // PKCS#8 holds the scalar little-endian; `pkey -text` prints it as a number.
        assert.equal(d, BigInt('0x' + key.privateTextHex));
        const pub = gostPublicKeyFromSpki(key.spki);
        assert.equal(pub.curve, curve);
        assert.deepEqual(pub.point, publicKeyOf(curve, d));
        assert.equal(gostKindOfSpki(key.spki), algorithm === 'gost2012_256' ? 'gost2012-256' : 'gost2012-512');
      });

      it('hashes the signed bytes exactly as OpenSSL does', () => {
        assert.equal(Buffer.from(hashFor(curve!)(SIGNED_INFO)).toString('hex'), run(['dgst', '-engine', 'gost', md, '-binary', dataFile]).toString('hex'));
      });

      it('our signature verifies with openssl pkeyutl -verify and with openssl dgst -verify', () => {
        const { d } = privateKeyFromLittleEndian(curve!, key.privateLE);
        const digest = hashFor(curve!)(SIGNED_INFO);
        const value = signDigest(curve!, d, digest);
        const sigFile = ws.file(`${key.label}.ours.sig`, toOpenssl(value));
        const r = openssl(['pkeyutl', '-engine', 'gost', '-verify', '-pubin', '-inkey', key.pubPem, '-in', digestFile, '-sigfile', sigFile]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout.toString(), /Signature Verified Successfully/);
        const whole = openssl(['dgst', '-engine', 'gost', md, '-verify', key.pubPem, '-signature', sigFile, dataFile]);
        assert.equal(whole.status, 0, whole.stderr);
        assert.match(whole.stdout.toString(), /Verified OK/);
        // The same bytes in CryptoAPI order are refused: the order is part of what was checked.
        const reversed = ws.file(`${key.label}.ours-reversed.sig`, Uint8Array.from(value).reverse());
        const bad = openssl(['pkeyutl', '-engine', 'gost', '-verify', '-pubin', '-inkey', key.pubPem, '-in', digestFile, '-sigfile', reversed]);
        assert.notEqual(bad.status, 0);
      });

      it('a signature OpenSSL makes verifies with ours, through the XMLDSig seam too', () => {
        const pub = gostPublicKeyFromSpki(key.spki);
        const kind = gostKindOfSpki(key.spki)!;
        const algo = gostSignatureAlgorithmFor(curve!);
        const viaPkeyutl = fromOpenssl(run(['pkeyutl', '-engine', 'gost', '-sign', '-inkey', key.keyPem, '-in', digestFile]));
        assert.equal(viaPkeyutl.length, 2 * curve!.size);
        assert.ok(verifyDigest(curve!, pub.point, hashFor(curve!)(SIGNED_INFO), viaPkeyutl));
        assert.ok(algo.verify(SIGNED_INFO, viaPkeyutl, { kind, spki: key.spki }));
        const viaDgst = fromOpenssl(run(['dgst', '-engine', 'gost', md, '-sign', key.keyPem, dataFile]));
        assert.ok(algo.verify(SIGNED_INFO, viaDgst, { kind, spki: key.spki }));
        const changed = Buffer.from(SIGNED_INFO);
        changed[changed.length - 20] ^= 1;
        assert.equal(algo.verify(changed, viaDgst, { kind, spki: key.spki }), false);
        assert.equal(algo.verify(SIGNED_INFO, Uint8Array.from(viaDgst).reverse(), { kind, spki: key.spki }), false);
      });

      it('the software Signer produces values OpenSSL accepts', async () => {
        const { d } = privateKeyFromLittleEndian(curve!, key.privateLE);
        const signer = gostSignerFromPrivateKey(d, curve!, new Uint8Array());
        const sigFile = ws.file(`${key.label}.signer.sig`, toOpenssl(await signer.sign(SIGNED_INFO)));
        const r = openssl(['dgst', '-engine', 'gost', md, '-verify', key.pubPem, '-signature', sigFile, dataFile]);
        assert.equal(r.status, 0, r.stderr);
      });
    });
  }
});
