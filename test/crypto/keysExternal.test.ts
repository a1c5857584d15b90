import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summarizeCertificate } from '../../server/src/signature/keys/certificateFile';
import { createSigner } from '../../server/src/signature/keys/createSigner';
import { KeySourceError, SecretRequiredError } from '../../server/src/signature/keys/keyErrors';
import { parseProfile } from '../../server/src/signature/keys/profile';
import type { PublicKey, Signer } from '../../server/src/signature/algorithms';
import { openssl } from '../support/openssl';

/**
 * The external signer with real OpenSSL (gost engine) commands: the templates, the byte-order
 * conversion, and secrets that never show up in what we report.
 */
function ossl(args: string[]): Buffer {
  const r = openssl(args);
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

describe('external signer with OpenSSL (gost engine)', function () {
  this.timeout(120_000);
  let dir: string;
  const f = (n: string): string => path.join(dir, n);
  const DATA = Buffer.from('<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">Подписываемое</ds:SignedInfo>', 'utf8');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-ext-'));
    for (const [alg, bits] of [['gost2012_256', '256'], ['gost2012_512', '512']]) {
      ossl(['genpkey', '-engine', 'gost', '-algorithm', alg, '-pkeyopt', 'paramset:A', '-out', f(`k${bits}.pem`)]);
      ossl(['req', '-engine', 'gost', '-new', '-x509', '-key', f(`k${bits}.pem`), '-out', f(`c${bits}.pem`), '-days', '30', '-subj', `/CN=External ${bits}`, `-md_gost12_${bits}`]);
    }
    ossl(['pkcs8', '-engine', 'gost', '-topk8', '-in', f('k256.pem'), '-out', f('k256enc.pem'), '-v2', 'aes-256-cbc', '-passout', 'pass:PIN-4711']);
    // A stand-in for CryptoAPI: the same OpenSSL signature, written fully reversed (little-endian).
    fs.writeFileSync(
      f('reversing-signer.js'),
      "const { execFileSync } = require('node:child_process'); const fs = require('node:fs');\n" +
        "const [key, input, out] = process.argv.slice(2);\n" +
        "execFileSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_256', '-sign', key, '-out', out + '.be', input], { stdio: 'ignore' });\n" +
        'fs.writeFileSync(out, fs.readFileSync(out + ".be").reverse());\n',
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const verifies = async (signer: Signer): Promise<boolean> => {
    const sig = await signer.sign(DATA);
    return signer.algorithm.verify(DATA, sig, summarizeCertificate(signer.certificate).publicKey as PublicKey);
  };
  const profile = (bits: '256' | '512', external: object, keyFile = f(`k${bits}.pem`)) =>
    parseProfile({ name: `ext${bits}`, algorithm: `gost2012-${bits}`, keySource: 'external', keyFile, certificateFile: f(`c${bits}.pem`), external });

  for (const bits of ['256', '512'] as const) {
    it(`template openssl-gost-dgst (over the data, big-endian) verifies, ${bits} bit`, async () => {
      const signer = await createSigner(profile(bits, { template: 'openssl-gost-dgst' }));
      assert.equal(await verifies(signer), true);
    });

    it(`template openssl-gost-pkeyutl (over our Streebog digest, big-endian) verifies, ${bits} bit`, async () => {
      const signer = await createSigner(profile(bits, { template: 'openssl-gost-pkeyutl' }));
      assert.equal(await verifies(signer), true);
    });
  }

  it('turns a little-endian (CryptoAPI-order) signature into the SignatureValue order, and only when told', async () => {
    const command = [process.execPath, f('reversing-signer.js'), '{key}', '{in}', '{out}'];
    const le = await createSigner(profile('256', { command, input: 'data', signatureByteOrder: 'little-endian' }));
    assert.equal(await verifies(le), true);
    const wrong = await createSigner(profile('256', { command, input: 'data', signatureByteOrder: 'big-endian' }));
    assert.equal(await verifies(wrong), false, 'the stated byte order really matters');
  });

  it('passes the PIN in the environment or as {pin}, asks for it when missing, and never reports it', async () => {
    const viaEnv = profile('256', { template: 'openssl-gost-dgst', command: ['openssl', 'dgst', '-engine', 'gost', '-md_gost12_256', '-sign', '{key}', '-passin', 'env:GIS_ZHKH_PIN', '-out', '{out}', '{in}'] }, f('k256enc.pem'));
    await assert.rejects(async () => (await createSigner(viaEnv, {})).sign(DATA), SecretRequiredError);
    assert.equal(await verifies(await createSigner(viaEnv, { pin: 'PIN-4711' })), true);

    const viaArg = profile('256', { template: 'openssl-gost-dgst', command: ['openssl', 'dgst', '-engine', 'gost', '-md_gost12_256', '-sign', '{key}', '-passin', 'pass:{pin}', '-out', '{out}', '{in}'] }, f('k256enc.pem'));
    assert.equal(await verifies(await createSigner(viaArg, { pin: 'PIN-4711' })), true);
    const secret = 'wrong-PIN-0815';
    await assert.rejects(
      async () => (await createSigner(viaArg, { pin: secret })).sign(DATA),
      (e: Error) => e instanceof KeySourceError && /openssl/.test(e.ru) && !e.ru.includes(secret) && !e.en.includes(secret) && !String(e.stack).includes(secret),
    );
  });

  it('reports a program that cannot be started or writes nothing', async () => {
    const missing = profile('256', { command: ['gis-zhkh-no-such-signer', '{in}', '{out}'], input: 'data', signatureByteOrder: 'big-endian' });
    await assert.rejects(async () => (await createSigner(missing)).sign(DATA), (e: Error) => e instanceof KeySourceError && /не удалось запустить gis-zhkh-no-such-signer/.test(e.ru));
    const silent = profile('256', { command: ['openssl', 'version', '{in}', '{out}'], input: 'data', signatureByteOrder: 'big-endian' });
    await assert.rejects(async () => (await createSigner(silent)).sign(DATA), KeySourceError);
  });
});
