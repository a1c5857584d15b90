import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PublicKey } from '../../server/src/signature/algorithms';
import { loadCertificates, summarizeCertificate } from '../../server/src/signature/keys/certificateFile';
import { createSigner } from '../../server/src/signature/keys/createSigner';
import { toSignatureValueOrder } from '../../server/src/signature/keys/externalSigner';
import { KeySourceError, SecretRequiredError, WrongSecretError } from '../../server/src/signature/keys/keyErrors';
import { loadPfx } from '../../server/src/signature/keys/pfxFile';
import { loadPrivateKey } from '../../server/src/signature/keys/privateKeyFile';
import { parseProfile, parseProfileFile, profileSigns } from '../../server/src/signature/keys/profile';
import { checkText, findSignature, signatureDiagnostics } from '../../server/src/signatureService';
import { makeRsaFixture, makeRsaPfx } from './keysRsaFixtures';

/** Key sources without OpenSSL: RSA keys from node:crypto, PFX through node-forge, profiles. */
describe('signing keys and profiles', function () {
  this.timeout(60_000);
  let dir: string;
  const f = (n: string, content?: string | Uint8Array): string => {
    const p = path.join(dir, n);
    if (content !== undefined) fs.writeFileSync(p, content);
    return p;
  };
  const rsa = makeRsaFixture();
  const DATA = Buffer.from('<ds:SignedInfo>данные</ds:SignedInfo>', 'utf8');
  const verifyRsa = (sig: Uint8Array): boolean => crypto.verify('sha256', DATA, crypto.createPublicKey(rsa.keyPem), sig);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-keys-unit-'));
    f('rsa.key', rsa.keyPem);
    f('rsa.crt', rsa.certPem);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('profiles', () => {
    const base = { name: 'p', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: 'k.pem', certificateFile: 'c.pem' };

    it('resolves file paths against the profile file folder and defaults to signing imports', () => {
      const p = parseProfile(base, '/work/keys');
      assert.equal(p.keyFile, path.resolve('/work/keys', 'k.pem'));
      assert.equal(p.signOperations, 'imports');
      assert.equal(profileSigns(p, 'importMeteringDeviceValues'), true);
      assert.equal(profileSigns(p, 'exportNsiItem'), false);
      assert.equal(profileSigns({ ...p, signOperations: ['exportNsiItem'] }, 'exportNsiItem'), true);
    });

    it('refuses secrets, unknown algorithms and incomplete external commands', () => {
      assert.throws(() => parseProfile({ ...base, keyPassword: 'x' }), (e: Error) => e instanceof KeySourceError && /пароли и PIN-коды в профиле не хранятся/.test(e.ru));
      assert.throws(() => parseProfile({ ...base, pin: '1234' }), KeySourceError);
      assert.throws(() => parseProfile({ ...base, algorithm: 'gost2001' }), KeySourceError);
      assert.throws(() => parseProfile({ ...base, keySource: 'external', external: { command: ['x', '{in}'], signatureByteOrder: 'big-endian' } }), /\{out\}/);
      assert.throws(() => parseProfile({ ...base, keySource: 'external', external: { command: ['x', '{in}', '{out}'] } }), /signatureByteOrder/);
    });

    it('fills an external command from a template, with the byte order the template writes', () => {
      const csp = parseProfile({ ...base, algorithm: 'gost2012-256', keySource: 'external', external: { template: 'csptest' }, container: 'c' });
      assert.equal(csp.external?.signatureByteOrder, 'little-endian');
      assert.ok(csp.external?.command.includes('GOST12_256'));
      const ossl = parseProfile({ ...base, algorithm: 'gost2012-512', keySource: 'external', external: { template: 'openssl-gost-pkeyutl' } });
      assert.equal(ossl.external?.signatureByteOrder, 'big-endian');
      assert.equal(ossl.external?.input, 'digest');
    });

    it('reads signing.json as a list with a default or as one profile', () => {
      const pf = parseProfileFile({ defaultProfile: 'p', profiles: [base, { ...base, name: 'q' }] }, '/x');
      assert.equal(pf.defaultProfile, 'p');
      assert.deepEqual(pf.profiles.map((p) => p.name), ['p', 'q']);
      assert.equal(parseProfileFile(base, '/x').profiles.length, 1);
    });
  });

  describe('RSA keys', () => {
    it('reads PKCS#8, PKCS#1 and encrypted PKCS#8 keys, asking for the password only when needed', () => {
      assert.equal(loadPrivateKey(Buffer.from(rsa.keyPem)).type, 'rsa');
      const pkcs1 = rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
      assert.equal(loadPrivateKey(Buffer.from(pkcs1)).type, 'rsa');
      const der = rsa.privateKey.export({ format: 'der', type: 'pkcs8' });
      assert.equal(loadPrivateKey(der).type, 'rsa');
      const enc = rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'пароль' }).toString();
      assert.throws(() => loadPrivateKey(Buffer.from(enc)), SecretRequiredError);
      assert.throws(() => loadPrivateKey(Buffer.from(enc), 'parol'), WrongSecretError);
      const k = loadPrivateKey(Buffer.from(enc), 'пароль');
      assert.ok(k.type === 'rsa' && k.key.asymmetricKeyType === 'rsa');
      const legacy = rsa.privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'p1' }).toString();
      assert.throws(() => loadPrivateKey(Buffer.from(legacy)), SecretRequiredError);
      assert.throws(() => loadPrivateKey(Buffer.from(legacy), 'p2'), WrongSecretError);
      assert.equal(loadPrivateKey(Buffer.from(legacy), 'p1').type, 'rsa');
    });

    it('summarises the certificate', () => {
      const [der] = loadCertificates(Buffer.from(rsa.certPem));
      assert.deepEqual(der, rsa.certDer);
      const c = summarizeCertificate(der);
      assert.equal(c.subject, 'CN=Тестовый RSA, O=Test, C=RU');
      assert.equal(c.serialNumber, BigInt('0x0a1b2c3d4e').toString());
      assert.equal(c.publicKey.kind, 'rsa');
      assert.ok(c.notAfter.getTime() > Date.now());
      assert.throws(() => loadCertificates(Buffer.from('not a certificate')), KeySourceError);
    });

    it('signs through a pem profile; the signature verifies with node:crypto and the signer algorithm', async () => {
      const signer = await createSigner(parseProfile({ name: 'rsa', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: f('rsa.key'), certificateFile: f('rsa.crt') }));
      const sig = await signer.sign(DATA);
      assert.equal(verifyRsa(sig), true);
      assert.equal(signer.algorithm.verify(DATA, sig, summarizeCertificate(signer.certificate).publicKey as PublicKey), true);
      assert.equal(signer.algorithm.verify(Buffer.from('other'), sig, summarizeCertificate(signer.certificate).publicKey as PublicKey), false);
    });

    it('refuses a certificate of another key and a profile of another algorithm', async () => {
      const other = makeRsaFixture('Другой');
      const wrongCert = f('other.crt', other.certPem);
      await assert.rejects(createSigner(parseProfile({ name: 'x', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: f('rsa.key'), certificateFile: wrongCert })), /не соответствует сертификату|does not belong/);
      await assert.rejects(createSigner(parseProfile({ name: 'x', algorithm: 'gost2012-256', keySource: 'pem', keyFile: f('rsa.key'), certificateFile: f('rsa.crt') })), KeySourceError);
      await assert.rejects(createSigner(parseProfile({ name: 'x', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: f('missing.key'), certificateFile: f('rsa.crt') })), (e: Error) => e instanceof KeySourceError && /missing\.key: нет файла/.test(e.ru));
    });
  });

  describe('RSA PFX through node-forge', () => {
    for (const algorithm of ['aes256', '3des'] as const) {
      it(`reads key and certificate (${algorithm}), with the right password only`, async () => {
        const pfx = f(`rsa-${algorithm}.pfx`, makeRsaPfx(rsa, 'секрет', algorithm));
        assert.throws(() => loadPfx(fs.readFileSync(pfx), undefined), SecretRequiredError);
        assert.throws(() => loadPfx(fs.readFileSync(pfx), 'wrong'), WrongSecretError);
        const c = loadPfx(fs.readFileSync(pfx), 'секрет');
        assert.equal(c.key.type, 'rsa');
        assert.deepEqual(c.certificates[0], rsa.certDer);
        const signer = await createSigner(parseProfile({ name: 'pfx', algorithm: 'rsa-sha256', keySource: 'pfx', keyFile: pfx }), { password: 'секрет' });
        assert.equal(verifyRsa(await signer.sign(DATA)), true);
        assert.deepEqual(signer.certificate, rsa.certDer);
      });
    }

    it('reports a file that is no PFX', () => {
      assert.throws(() => loadPfx(Buffer.from('garbage'), 'x'), KeySourceError);
    });
  });

  describe('external signer', () => {
    // A real program: node signs with the RSA key and writes the signature reversed, base64.
    const script = (): string =>
      f(
        'signer.js',
        "const c = require('node:crypto'); const fs = require('node:fs');\n" +
          'const [key, input, out] = process.argv.slice(2);\n' +
          "if (process.env.GIS_ZHKH_PIN !== 'PIN-1') { console.error('bad pin'); process.exit(3); }\n" +
          "const sig = c.sign('sha256', fs.readFileSync(input), fs.readFileSync(key, 'utf8'));\n" +
          "fs.writeFileSync(out, Buffer.from(sig).reverse().toString('base64'));\n",
      );

    it('runs the command, decodes its output, reverses little-endian output, and keeps the PIN out of errors', async () => {
      const profile = parseProfile({
        name: 'ext',
        algorithm: 'rsa-sha256',
        keySource: 'external',
        keyFile: f('rsa.key'),
        certificateFile: f('rsa.crt'),
        external: { command: [process.execPath, script(), '{key}', '{in}', '{out}', '# GIS_ZHKH_PIN'], input: 'data', signatureByteOrder: 'little-endian', outputEncoding: 'base64' },
      });
      await assert.rejects(async () => (await createSigner(profile, {})).sign(DATA), SecretRequiredError);
      const signer = await createSigner(profile, { pin: 'PIN-1' });
      assert.equal(verifyRsa(await signer.sign(DATA)), true);
      await assert.rejects(
        async () => (await createSigner(profile, { pin: 'PIN-2-secret' })).sign(DATA),
        (e: Error) => e instanceof KeySourceError && /кодом 3/.test(e.ru) && /bad pin/.test(e.ru) && !e.ru.includes('PIN-2-secret') && !e.en.includes('PIN-2-secret'),
      );
    });

    it('converts byte order by reversing the whole value', () => {
      assert.deepEqual(toSignatureValueOrder(Uint8Array.of(1, 2, 3, 4), 'little-endian'), Uint8Array.of(4, 3, 2, 1));
      assert.deepEqual(toSignatureValueOrder(Uint8Array.of(1, 2, 3, 4), 'big-endian'), Uint8Array.of(1, 2, 3, 4));
    });
  });

  describe('signature messages', () => {
    const cert = summarizeCertificate(rsa.certDer);
    it('words the verification result as the issue asks', () => {
      const ok = checkText({ present: true, valid: true, certificate: cert }, 'ru', new Date());
      assert.match(ok, /^Подпись верна: CN=Тестовый RSA, O=Test, C=RU, действителен до \d{2}\.\d{2}\.\d{4}$/);
      const bad = checkText({ present: true, valid: false, failure: { kind: 'reference-digest', reference: '#signed-data-container' } }, 'ru');
      assert.equal(bad, 'Подпись неверна: не совпадает дайджест ссылки #signed-data-container');
      assert.equal(checkText({ present: false, valid: false }, 'en'), 'The document is not signed');
    });

    it('finds ds:Signature only under the XMLDSig namespace', () => {
      const signed = '<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature Id="s"/></r>';
      assert.deepEqual(findSignature(signed), { nameStart: signed.indexOf('ds:Signature'), nameEnd: signed.indexOf('ds:Signature') + 'ds:Signature'.length });
      assert.equal(findSignature('<r xmlns:x="urn:other"><x:Signature/></r>'), undefined);
      assert.deepEqual(signatureDiagnostics('<r><a/></r>', 'ru'), []);
    });
  });
});
