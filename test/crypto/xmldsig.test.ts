import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageContents } from '../../server/src/catalog/packageContents';
import { packageKey } from '../../server/src/catalog/schemaPackage';
import { gostSignerFromPrivateKey } from '../../server/src/crypto/gostAlgorithms';
import { gostCurveByOid } from '../../server/src/crypto/gostCurves';
import { bytesToBigIntLE } from '../../server/src/crypto/gost3410';
import { ALG, type Signer } from '../../server/src/signature/algorithms';
import { canonicalize } from '../../server/src/signature/c14n';
import { readCertificate } from '../../server/src/signature/certificate';
import { sameName } from '../../server/src/signature/distinguishedName';
import { verifyXml } from '../../server/src/signature/verify';
import { failureText } from '../../server/src/signature/verifyResult';
import { XML_NS, loadXmlSig } from '../../server/src/signature/wasmXml';
import { signXml } from '../../server/src/signature/xades';
import { signatureXml } from '../../server/src/signature/xadesTemplate';
import { testEngine } from '../support/engine';
import { conformanceFile, readManifest, sharedDir } from '../support/shared';
import { GostWorkspace, run } from './gostSupport';
import { XmlsecWorkspace, idAttrArgs, insertIntoPayload, xmlsec1 } from './xmldsigSupport';

/**
 * Our XAdES-BES signatures against independent implementations: xmlsec1 verifies our RSA
 * signatures and signs documents (with our structure) that ours must verify; OpenSSL's gost
 * engine verifies the GOST SignatureValue and recomputes every DigestValue; and every signed
 * conformance request stays valid under the official 16.3.0.0 package.
 */

// The certificates are made in before() and valid from then: signing time is set right after.
let SIGNING_TIME: Date;
let SIGNING_TIME_TEXT: string;

/** One character of the first text after ds:Signature (inside the signed element) changed. */
function tamperPayload(signed: string): string {
  const from = signed.indexOf('</ds:Signature>');
  const m = /> *([0-9A-Za-zА-Яа-я])/.exec(signed.slice(from + 15));
  assert.ok(m, 'no text to change after the signature');
  const at = from + 15 + m.index + m[0].length - 1;
  return signed.slice(0, at) + (signed[at] === '1' ? '2' : '1') + signed.slice(at + 1);
}
const requests = readManifest().filter((e) => e.kind === 'request' && e.expected === 'valid');

function official(): PackageContents {
  const root = path.join(sharedDir(), 'gis-formats', '16.3.0.0');
  return new PackageContents({ key: packageKey('folder', '16.3.0.0', root), version: '16.3.0.0', origin: 'folder', root });
}

function gostSigner(ws: GostWorkspace): { signer: Signer; keyPem: string; certPem: string } {
  const key = ws.generate('gost2012_256', 'A');
  const certPem = ws.file('gost.cert.pem');
  run(['req', '-engine', 'gost', '-new', '-x509', '-key', key.keyPem, '-out', certPem, '-days', '30', '-subj', '/C=RU/O=Test/CN=GOST signer', '-md_gost12_256']);
  const der = new Uint8Array(run(['x509', '-in', certPem, '-outform', 'DER']));
  const curve = gostCurveByOid(key.paramSetOid);
  assert.ok(curve, `no curve for ${key.paramSetOid}`);
  return { signer: gostSignerFromPrivateKey(bytesToBigIntLE(key.privateLE), curve, der), keyPem: key.keyPem, certPem };
}

describe('XAdES-BES against xmlsec1, OpenSSL and the official schemas', function () {
  this.timeout(600_000);
  let rsa: XmlsecWorkspace;
  let gostWs: GostWorkspace;
  let gost: ReturnType<typeof gostSigner>;
  let pkg: PackageContents;
  const figures: string[] = [];
  before(async () => {
    await loadXmlSig();
    rsa = new XmlsecWorkspace();
    gostWs = new GostWorkspace();
    gost = gostSigner(gostWs);
    pkg = official();
    SIGNING_TIME = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    SIGNING_TIME_TEXT = SIGNING_TIME.toISOString().replace(/\.\d{3}Z$/, 'Z');
  });
  after(() => {
    rsa?.dispose();
    gostWs?.dispose();
    for (const f of figures) console.log(`      ${f}`);
  });

  it('writes X509IssuerName as RFC 4514 and the serial in decimal, as OpenSSL reads the certificate', () => {
    const cert = readCertificate(rsa.certificateDer);
    const issuer = spawnSync('openssl', ['x509', '-in', rsa.certPem, '-noout', '-issuer', '-nameopt', 'RFC2253,-esc_msb'], { encoding: 'utf8' }).stdout.replace(/^issuer=/, '').trim();
    const serial = spawnSync('openssl', ['x509', '-in', rsa.certPem, '-noout', '-serial'], { encoding: 'utf8' }).stdout.replace(/^serial=/, '').trim();
    assert.ok(sameName(cert.issuer, issuer), `${cert.issuer} vs OpenSSL ${issuer}`);
    assert.match(cert.issuer, /^2\.5\.4\.5=#130137\+CN=RSA signer,O=Тест\\, ООО,C=RU$/);
    assert.equal(cert.serialNumber, BigInt(`0x${serial}`).toString(10));
  });

  it(`RSA: every valid conformance request, signed by us, verifies with xmlsec1 and with us, and stays schema-valid (${requests.length})`, async () => {
    const engine = await testEngine();
    const problems: string[] = [];
    for (const e of requests) {
      const xml = fs.readFileSync(conformanceFile(e), 'utf8');
      const signed = await signXml(xml, rsa.signer(), { signingTime: SIGNING_TIME });
      const file = rsa.file(signed);
      const r = xmlsec1(['verify', '--trusted-pem', rsa.certPem, ...idAttrArgs(signed), file]);
      if (r.status !== 0 || !/SignedInfo References \(ok\/all\): 2\/2/.test(r.stdout + r.stderr)) problems.push(`${e.file}: xmlsec1: ${r.stderr.split('\n')[0]}`);
      const ours = await verifyXml(signed);
      if (!ours.valid) problems.push(`${e.file}: ours: ${ours.failure && failureText(ours.failure, 'en')}`);
      const v = engine.validator.validate(signed, pkg, { lang: 'en', maxProblems: 10 });
      if (v.verdict !== 'valid') problems.push(`${e.file}: schema: ${v.verdict}: ${v.diagnostics.map((d) => d.message).join(' | ')}`);
      fs.rmSync(file);
    }
    assert.deepEqual(problems, []);
  });

  it(`GOST R 34.10-2012: every valid conformance request, signed by us, verifies with us and stays schema-valid (${requests.length})`, async () => {
    const engine = await testEngine();
    const problems: string[] = [];
    for (const e of requests) {
      const signed = await signXml(fs.readFileSync(conformanceFile(e), 'utf8'), gost.signer, { signingTime: SIGNING_TIME });
      assert.ok(signed.includes(`Algorithm="${ALG.gost2012_256_signature}"`));
      const ours = await verifyXml(signed);
      if (!ours.valid) problems.push(`${e.file}: ours: ${ours.failure && failureText(ours.failure, 'en')}`);
      const v = engine.validator.validate(signed, pkg, { lang: 'en', maxProblems: 10 });
      if (v.verdict !== 'valid') problems.push(`${e.file}: schema: ${v.verdict}: ${v.diagnostics.map((d) => d.message).join(' | ')}`);
    }
    assert.deepEqual(problems, []);
  });

  it('GOST: OpenSSL recomputes every DigestValue and verifies the SignatureValue over canonical SignedInfo', async () => {
    const sample = requests.slice(0, 12);
    const pub = gostWs.file('gost.pub.pem', run(['x509', '-engine', 'gost', '-in', gost.certPem, '-noout', '-pubkey']));
    const lib = await loadXmlSig();
    for (const e of sample) {
      const signed = await signXml(fs.readFileSync(conformanceFile(e), 'utf8'), gost.signer, { signingTime: SIGNING_TIME });
      const doc = lib.parse(Buffer.from(signed, 'utf8'));
      try {
        const sig = doc.descendants(XML_NS.dsig, 'Signature')[0];
        const signedInfo = doc.child(sig, XML_NS.dsig, 'SignedInfo')!;
        const refs = doc.elements(signedInfo).filter((n) => doc.is(n, XML_NS.dsig, 'Reference'));
        assert.equal(refs.length, 2);
        for (const ref of refs) {
          const target = doc.elementById(doc.attribute(ref, 'URI')!.slice(1))!;
          const bytes = canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: target, exclude: sig });
          const expected = Buffer.from(doc.text(doc.child(ref, XML_NS.dsig, 'DigestValue')!), 'base64');
          assert.deepEqual(run(['dgst', '-engine', 'gost', '-md_gost12_256', '-binary'], bytes), expected, `${e.file}: ${doc.attribute(ref, 'URI')}`);
        }
        const data = gostWs.file('signedinfo.bin', canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: signedInfo }));
        const sigFile = gostWs.file('sig.bin', Buffer.from(doc.text(doc.child(sig, XML_NS.dsig, 'SignatureValue')!), 'base64'));
        // ds:SignatureValue is exactly what `openssl dgst -sign` writes for GOST (s ‖ r, big-endian).
        run(['dgst', '-engine', 'gost', '-md_gost12_256', '-verify', pub, '-signature', sigFile, data]);
        const certDigest = doc.descendants(XML_NS.xades, 'CertDigest')[0];
        const der = run(['x509', '-in', gost.certPem, '-outform', 'DER']);
        assert.deepEqual(Buffer.from(doc.text(doc.child(certDigest, XML_NS.dsig, 'DigestValue')!), 'base64'), run(['dgst', '-engine', 'gost', '-md_gost12_256', '-binary'], der));
      } finally {
        doc.free();
      }
    }
  });

  it('documents xmlsec1 signs (our XAdES template, RSA) verify with ours; a changed one does not', async () => {
    const certDer = rsa.certificateDer;
    const certDigest = Buffer.from(spawnSync('openssl', ['dgst', '-sha256', '-binary'], { input: certDer }).stdout).toString('base64');
    const issuer = spawnSync('openssl', ['x509', '-in', rsa.certPem, '-noout', '-issuer', '-nameopt', 'RFC2253,-esc_msb'], { encoding: 'utf8' }).stdout.replace(/^issuer=/, '').trim();
    const serial = BigInt(`0x${spawnSync('openssl', ['x509', '-in', rsa.certPem, '-noout', '-serial'], { encoding: 'utf8' }).stdout.replace(/^serial=/, '').trim()}`).toString(10);
    let count = 0;
    for (const e of requests.slice(0, 20)) {
      const xml = fs.readFileSync(conformanceFile(e), 'utf8');
      const template = (id: string) =>
        signatureXml({
          signatureId: 'xmldsig-3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b',
          targetId: id,
          signatureMethod: ALG.rsa_sha256_signature,
          digestMethod: ALG.sha256_digest,
          contentDigest: '',
          signedPropertiesDigest: '',
          signatureValue: '',
          certificate: Buffer.from(certDer).toString('base64'),
          signingTime: SIGNING_TIME_TEXT,
          certDigest,
          issuerName: issuer,
          serialNumber: serial,
        });
      const first = insertIntoPayload(xml, template('signed-data-container'));
      const text = first.id === 'signed-data-container' ? first.text : insertIntoPayload(xml, template(first.id)).text;
      const file = rsa.file(text);
      const r = xmlsec1(['sign', '--privkey-pem', `${rsa.keyPem},${rsa.certPem}`, ...idAttrArgs(text), '--output', `${file}.signed`, file]);
      assert.equal(r.status, 0, `${e.file}: xmlsec1 sign: ${r.stderr.slice(0, 300)}`);
      const signed = fs.readFileSync(`${file}.signed`, 'utf8');
      const ours = await verifyXml(signed);
      assert.ok(ours.valid, `${e.file}: ${ours.failure && failureText(ours.failure, 'en')}`);
      assert.equal(ours.signingCertificateOk, true);
      assert.deepEqual(ours.references.map((x) => x.ok), [true, true]);
      const changed = await verifyXml(tamperPayload(signed));
      assert.deepEqual(changed.failure, { kind: 'reference-digest', reference: `#${first.id}` });
      count++;
    }
    figures.push(`xmlsec1-signed XAdES documents verified by ours: ${count}`);
  });

  it('xmlsec1 rejects what ours rejects: a changed payload and a changed SigningTime', async () => {
    const xml = fs.readFileSync(conformanceFile(requests[0]), 'utf8');
    const signed = await signXml(xml, rsa.signer(), { signingTime: SIGNING_TIME });
    const payloadChanged = tamperPayload(signed);
    const timeChanged = signed.replace(SIGNING_TIME_TEXT, SIGNING_TIME_TEXT.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)));
    for (const [what, doc] of [['payload', payloadChanged], ['SigningTime', timeChanged]] as const) {
      assert.notEqual(doc, signed, what);
      const r = xmlsec1(['verify', '--trusted-pem', rsa.certPem, ...idAttrArgs(doc), rsa.file(doc)]);
      assert.notEqual(r.status, 0, `xmlsec1 accepted a changed ${what}`);
      assert.equal((await verifyXml(doc)).failure?.kind, 'reference-digest', what);
    }
  });
});
