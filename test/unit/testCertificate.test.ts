import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gostr34102012_256, gostr34102012_512 } from '../../server/src/crypto/gostAlgorithms';
import { productRoot } from '../../server/src/productPaths';
import { loadCertificates, summarizeCertificate } from '../../server/src/signature/keys/certificateFile';
import { createSigner } from '../../server/src/signature/keys/createSigner';
import { TAG, children, content, integer, oid, parseDer, readDer, whole } from '../../server/src/signature/keys/der';
import * as der from '../../server/src/signature/keys/derWriter';
import { loadPrivateKey } from '../../server/src/signature/keys/privateKeyFile';
import { parseProfile } from '../../server/src/signature/keys/profile';
import { generateTestCertificate, writeTestCertificate } from '../../server/src/signature/keys/testCertificate';
import { loadSignatureEngine, signDocument, verifyDocument } from '../../server/src/signatureService';

/**
 * The test key and certificate with our own readers and verifier (the OpenSSL cross-checks are in
 * test/crypto/testCertificate.test.ts): the key sources load them, the certificate's
 * self-signature holds, and a sample request signed with them verifies.
 */
describe('test GOST key and certificate (testCertificate.ts)', function () {
  this.timeout(30_000);
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-testcert-unit-'));
    await loadSignatureEngine();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('DER writer', () => {
    it('writes integers minimally, with a leading zero when the top bit is set', () => {
      const cases: [bigint, string][] = [
        [0n, '020100'],
        [127n, '02017f'],
        [128n, '02020080'],
        [255n, '020200ff'],
        [256n, '02020100'],
        [0x8000000000000000n, '0209008000000000000000'],
      ];
      for (const [v, hex] of cases) {
        assert.equal(Buffer.from(der.integer(v)).toString('hex'), hex, `INTEGER ${v}`);
        assert.equal(integer(parseDer(der.integer(v))), v);
      }
    });

    it('writes OIDs and long lengths the reader reads back', () => {
      for (const o of ['1.2.643.7.1.1.1.1', '1.2.840.113549.1.1.1', '2.5.29.35', '1.2.643.100.114', '2.999.1']) assert.equal(oid(parseDer(der.oid(o))), o);
      for (const n of [0, 127, 128, 255, 256, 65535, 70000]) {
        const node = parseDer(der.octetString(new Uint8Array(n)));
        assert.equal(content(node).length, n);
      }
      const s = der.sequence(der.utf8String('Тверь'), der.printableString('RU'), der.boolean(true), der.nullValue());
      const items = children(parseDer(s));
      assert.deepEqual(items.map((i) => i.tag), [TAG.UTF8String, TAG.PrintableString, TAG.BOOLEAN, TAG.NULL]);
      assert.equal(Buffer.from(content(items[0])).toString('utf8'), 'Тверь');
    });

    it('writes UTCTime until 2049 and GeneralizedTime from 2050', () => {
      const t1 = parseDer(der.time(new Date(Date.UTC(2026, 10, 23, 8, 5, 9))));
      assert.equal(t1.tag, TAG.UTCTime);
      assert.equal(Buffer.from(content(t1)).toString('latin1'), '261123080509Z');
      const t2 = parseDer(der.time(new Date(Date.UTC(2051, 0, 2, 3, 4, 5))));
      assert.equal(t2.tag, TAG.GeneralizedTime);
      assert.equal(Buffer.from(content(t2)).toString('latin1'), '20510102030405Z');
    });
  });

  for (const kind of ['gost2012-256', 'gost2012-512'] as const) {
    it(`${kind}: the certificate's self-signature verifies with our GOST verifier, and fails when the TBS changes`, () => {
      const c = generateTestCertificate({ kind });
      const [tbs, , sig] = children(parseDer(c.certificateDer));
      const signature = content(sig).subarray(1);
      const info = summarizeCertificate(c.certificateDer);
      assert.equal(info.publicKey.kind, kind);
      const alg = kind === 'gost2012-256' ? gostr34102012_256 : gostr34102012_512;
      const key = { kind, spki: info.publicKey.spki } as const;
      assert.ok(alg.verify(new Uint8Array(whole(tbs)), new Uint8Array(signature), key));
      const changed = new Uint8Array(whole(tbs));
      changed[changed.length - 1] ^= 1;
      assert.equal(alg.verify(changed, new Uint8Array(signature), key), false);
    });
  }

  it('writes a key and certificate the key sources read as a matching pair', async () => {
    const now = new Date(Date.UTC(2026, 10, 23, 12, 0, 0));
    const files = writeTestCertificate(path.join(dir, 'pair'), { now, validDays: 30, subject: { commonName: 'Смирнова Елена Андреевна', organization: 'ООО «РЦ Тверь»' } });
    const key = loadPrivateKey(new Uint8Array(fs.readFileSync(files.keyFile)));
    assert.equal(key.type, 'gost');
    const [certDer] = loadCertificates(new Uint8Array(fs.readFileSync(files.certificateFile)));
    const info = summarizeCertificate(certDer);
    assert.equal(info.subject, 'CN=Смирнова Елена Андреевна, O=ООО «РЦ Тверь», C=RU');
    assert.equal(info.issuer, info.subject);
    assert.equal(info.notBefore.toISOString(), '2026-11-23T11:00:00.000Z');
    assert.equal(info.notAfter.toISOString(), '2026-12-23T12:00:00.000Z');
    assert.equal(info.serialNumber, files.certificate.serialNumber.toString(10));
    // createSigner refuses a key that does not belong to its certificate: this one does.
    const signer = await createSigner(parseProfile({ name: 'pair', algorithm: 'gost2012-256', keySource: 'pem', keyFile: files.keyFile, certificateFile: files.certificateFile }));
    assert.deepEqual(Buffer.from(signer.certificate), Buffer.from(certDer));
  });

  it('makes a new key and serial number each time', () => {
    const a = generateTestCertificate();
    const b = generateTestCertificate();
    assert.notEqual(a.keyPem, b.keyPem);
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.ok(a.serialNumber > 0n);
    assert.equal(readDer(a.certificateDer).end, a.certificateDer.length);
  });

  it('signs a sample request that verifyDocument accepts, naming the test certificate', async () => {
    const files = writeTestCertificate(path.join(dir, 'sign'));
    const signer = await createSigner(parseProfile({ name: 'sign', algorithm: 'gost2012-256', keySource: 'pem', keyFile: files.keyFile, certificateFile: files.certificateFile }));
    const xml = fs.readFileSync(path.join(productRoot(), 'samples', 'house-management', 'importAccountData.request.xml'), 'utf8');
    const signed = await signDocument(xml, signer);
    const check = verifyDocument(signed);
    assert.equal(check.present, true);
    assert.equal(check.valid, true, JSON.stringify(check.failure));
    assert.match(check.certificate!.subject, /Тестовый подписант ГИС ЖКХ/);
    // An account number inside the signed request element (the file's comment is outside it).
    const at = signed.lastIndexOf('22-0236');
    assert.ok(at > signed.indexOf('</ds:Signature>'));
    const tampered = signed.slice(0, at) + '22-0237' + signed.slice(at + 7);
    assert.notEqual(tampered, signed);
    assert.equal(verifyDocument(tampered).valid, false);
  });
});
