import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSigner } from '../../server/src/signature/keys/createSigner';
import { parseProfile } from '../../server/src/signature/keys/profile';
import { TestCertificateFiles, writeTestCertificate } from '../../server/src/signature/keys/testCertificate';
import { openssl } from '../support/openssl';

/**
 * The demo's test key and self-signed certificate (our own DER and GOST code) against OpenSSL's
 * gost engine: OpenSSL parses the certificate, checks its self-signature as its own trust anchor,
 * reads the PKCS#8 key and finds the certificate's public key in it, and verifies what our signer
 * signs with it; OpenSSL's signature with our key verifies against our certificate.
 */
function ossl(args: string[], input?: Uint8Array): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.toString('utf8');
}

/** X and Y as `openssl … -text` prints them (hex, big-endian). */
function publicXY(text: string): { x: string; y: string } {
  const x = /X:([0-9A-F]+)/.exec(text)?.[1];
  const y = /Y:([0-9A-F]+)/.exec(text)?.[1];
  assert.ok(x && y, 'openssl printed no public key point');
  return { x, y };
}

describe('test GOST certificate (testCertificate.ts) against OpenSSL', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-testcert-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const kind of ['gost2012-256', 'gost2012-512'] as const) {
    describe(kind, () => {
      let files: TestCertificateFiles;
      before(() => {
        files = writeTestCertificate(path.join(dir, kind), { kind, subject: { commonName: 'Иванов Иван Иванович', organization: 'ООО «УК Заволжье»' } });
      });

      it('is an X.509 v3 certificate OpenSSL reads, with the GOST key, names and extensions', () => {
        const text = ossl(['x509', '-engine', 'gost', '-in', files.certificateFile, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space']);
        assert.match(text, /Version: 3 \(0x2\)/);
        const bits = kind === 'gost2012-256' ? 256 : 512;
        assert.match(text, new RegExp(`Signature Algorithm: GOST R 34\\.10-2012 with GOST R 34\\.11-2012 \\(${bits} bit\\)`));
        assert.match(text, new RegExp(`Public Key Algorithm: GOST R 34\\.10-2012 with ${bits} bit modulus`));
        assert.match(text, kind === 'gost2012-256' ? /Parameter set: id-GostR3410-2001-CryptoPro-A-ParamSet/ : /Parameter set: GOST R 34\.10-2012 \(512 bit\) ParamSet A/);
        assert.match(text, /Subject: C=RU, O=ООО «УК Заволжье», CN=Иванов Иван Иванович/);
        assert.match(text, /Issuer: C=RU, O=ООО «УК Заволжье», CN=Иванов Иван Иванович/);
        assert.match(text, /Basic Constraints: critical\s+CA:TRUE/);
        assert.match(text, /Key Usage: critical\s+Digital Signature, Non Repudiation, Certificate Sign/);
        const ski = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(text)?.[1];
        const aki = /Authority Key Identifier:\s+(?:keyid:)?([0-9A-F:]+)/.exec(text)?.[1];
        assert.ok(ski && ski === aki, 'the authority key identifier is the subject key identifier');
        const dates = ossl(['x509', '-engine', 'gost', '-in', files.certificateFile, '-noout', '-startdate', '-enddate', '-dateopt', 'iso_8601']);
        const notBefore = new Date(/notBefore=(.+)/.exec(dates)![1].trim().replace(' ', 'T'));
        const notAfter = new Date(/notAfter=(.+)/.exec(dates)![1].trim().replace(' ', 'T'));
        assert.equal(notBefore.getTime(), files.certificate.notBefore.getTime());
        assert.equal(notAfter.getTime(), files.certificate.notAfter.getTime());
        assert.ok(notBefore.getTime() <= Date.now() && notAfter.getTime() - Date.now() > 364 * 86400_000);
        const serial = /serial=([0-9A-F]+)/.exec(ossl(['x509', '-engine', 'gost', '-in', files.certificateFile, '-noout', '-serial']))![1];
        assert.equal(BigInt('0x' + serial), files.certificate.serialNumber);
      });

      // OpenSSL does not check a trust anchor's own signature unless -check_ss_sig says so.
      it('verifies as its own trust anchor, self-signature checked (openssl verify -check_ss_sig -CAfile cert cert)', () => {
        const r = openssl(['verify', '-engine', 'gost', '-check_ss_sig', '-CAfile', files.certificateFile, files.certificateFile]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout.toString(), /: OK\s*$/);
      });

      it('fails OpenSSL verification when one byte of its signature changes', () => {
        const der = Buffer.from(files.certificate.certificateDer);
        der[der.length - 5] ^= 0x01;
        const bad = path.join(dir, `${kind}-tampered.der`);
        fs.writeFileSync(bad, der);
        const pem = path.join(dir, `${kind}-tampered.pem`);
        ossl(['x509', '-engine', 'gost', '-inform', 'DER', '-in', bad, '-out', pem]);
        const r = openssl(['verify', '-engine', 'gost', '-check_ss_sig', '-CAfile', pem, pem]);
        assert.notEqual(r.status, 0, 'a tampered certificate must not verify');
        assert.match(r.stdout.toString() + r.stderr, /signature failure|certificate signature failure/i);
      });

      it('has a PKCS#8 key OpenSSL reads, whose public key is the certificate\'s', () => {
        const keyText = ossl(['pkey', '-engine', 'gost', '-in', files.keyFile, '-noout', '-text']);
        assert.match(keyText, /Private key: [0-9A-F]+/);
        const certText = ossl(['x509', '-engine', 'gost', '-in', files.certificateFile, '-noout', '-text']);
        assert.deepEqual(publicXY(keyText), publicXY(certText));
        if (process.platform !== 'win32') assert.equal(fs.statSync(files.keyFile).mode & 0o077, 0, 'the unencrypted key is readable by its owner only');
      });

      it('signs with createSigner in a way OpenSSL verifies against the certificate, and the other way round', async () => {
        const profile = parseProfile({ name: 'test', algorithm: kind, keySource: 'pem', keyFile: files.keyFile, certificateFile: files.certificateFile });
        const signer = await createSigner(profile);
        const data = new Uint8Array(Buffer.from('<SignedInfo>Тестовые данные для подписи</SignedInfo>', 'utf8'));
        const dataFile = path.join(dir, `${kind}.data`);
        fs.writeFileSync(dataFile, data);
        const pub = path.join(dir, `${kind}.pub.pem`);
        fs.writeFileSync(pub, ossl(['x509', '-engine', 'gost', '-in', files.certificateFile, '-noout', '-pubkey']));
        const md = kind === 'gost2012-256' ? '-md_gost12_256' : '-md_gost12_512';

        const ours = path.join(dir, `${kind}.ours.sig`);
        fs.writeFileSync(ours, await signer.sign(data));
        const v1 = openssl(['dgst', '-engine', 'gost', md, '-verify', pub, '-signature', ours, dataFile]);
        assert.equal(v1.status, 0, v1.stderr);
        assert.match(v1.stdout.toString(), /Verified OK/);

        const theirs = path.join(dir, `${kind}.theirs.sig`);
        ossl(['dgst', '-engine', 'gost', md, '-sign', files.keyFile, '-out', theirs, dataFile]);
        assert.ok(signer.algorithm.verify(data, new Uint8Array(fs.readFileSync(theirs)), { kind, spki: spkiOf(files.certificate.certificateDer) }));
      });
    });
  }
});

/** The SubjectPublicKeyInfo of a certificate, through OpenSSL (independent of our DER reader). */
function spkiOf(certDer: Uint8Array): Uint8Array {
  const pem = ossl(['x509', '-engine', 'gost', '-inform', 'DER', '-noout', '-pubkey'], certDer);
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
