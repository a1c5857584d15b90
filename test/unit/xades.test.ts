import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import type { PackageContents } from '../../server/src/catalog/packageContents';
import { productRoot } from '../../server/src/productPaths';
import { ALG } from '../../server/src/signature/algorithms';
import { readCertificate } from '../../server/src/signature/certificate';
import { nameAtoms, sameName } from '../../server/src/signature/distinguishedName';
import { rsaSigner } from '../../server/src/signature/rsa';
import { verifyXml } from '../../server/src/signature/verify';
import { failureText, verifyText } from '../../server/src/signature/verifyResult';
import { XML_NS, loadXmlSig } from '../../server/src/signature/wasmXml';
import { SignError, signXml } from '../../server/src/signature/xades';
import { parseXmlTree, type XmlElement } from '../../server/src/xml/xmlTree';
import { testEngine, thingsRequest } from '../support/engine';
import { makeRsaFixture, type RsaFixture } from './keysRsaFixtures';

/**
 * The XAdES-BES signature we write (GIS-FACTS §3) and the verifier's reasons, with an RSA key
 * (node:crypto) and a certificate node-forge makes. The cross-checks against xmlsec1 and
 * OpenSSL's gost engine are in test/crypto/xmldsig.test.ts.
 */

const samplesDir = path.join(productRoot(), 'samples');
// Whole seconds, inside the fixture certificate's validity (yesterday to a month ahead).
const SIGNING_TIME = new Date(Math.floor(Date.now() / 1000) * 1000);
const SIGNING_TIME_TEXT = SIGNING_TIME.toISOString().replace(/\.000Z$/, 'Z');

function el(parent: XmlElement, ns: string, local: string): XmlElement {
  const c = parent.children.find((x) => x.ns === ns && x.local === local);
  assert.ok(c, `${parent.local} has no ${local}`);
  return c;
}

const attrOf = (e: XmlElement, local: string) => e.attrs.find((a) => a.local === local && a.ns === undefined)?.value;

describe('XAdES-BES signing and verification', function () {
  this.timeout(30_000);
  let fx: RsaFixture;
  before(async () => {
    fx = makeRsaFixture('Подписант, ООО «Тест»');
    await loadXmlSig();
  });
  const signer = () => rsaSigner(fx.privateKey, fx.certDer);
  const sample = (rel: string) => fs.readFileSync(path.join(samplesDir, rel), 'utf8');

  describe('structure', () => {
    let signed: string;
    let request: XmlElement;
    before(async () => {
      signed = await signXml(sample('bills/importPaymentDocumentData.request.xml'), signer(), { signingTime: SIGNING_TIME });
      const root = parseXmlTree(signed)!;
      const body = root.children.find((c) => c.local === 'Body')!;
      request = body.children[0];
    });

    it('puts ds:Signature first in the request element and points Reference 1 at its Id', () => {
      const sig = request.children[0];
      assert.equal(`${sig.ns} ${sig.local}`, `${XML_NS.dsig} Signature`);
      const id = attrOf(request, 'Id');
      assert.ok(id);
      const signedInfo = el(sig, XML_NS.dsig, 'SignedInfo');
      assert.equal(attrOf(el(signedInfo, XML_NS.dsig, 'CanonicalizationMethod'), 'Algorithm'), ALG.exc_c14n);
      assert.equal(attrOf(el(signedInfo, XML_NS.dsig, 'SignatureMethod'), 'Algorithm'), ALG.rsa_sha256_signature);
      const [ref1, ref2] = signedInfo.children.filter((c) => c.local === 'Reference');
      assert.equal(attrOf(ref1, 'URI'), `#${id}`);
      assert.deepEqual(el(ref1, XML_NS.dsig, 'Transforms').children.map((t) => attrOf(t, 'Algorithm')), [ALG.enveloped, ALG.exc_c14n]);
      assert.equal(attrOf(el(ref1, XML_NS.dsig, 'DigestMethod'), 'Algorithm'), ALG.sha256_digest);
      assert.equal(attrOf(ref2, 'Type'), ALG.signed_properties_type);
      assert.deepEqual(el(ref2, XML_NS.dsig, 'Transforms').children.map((t) => attrOf(t, 'Algorithm')), [ALG.exc_c14n]);
      const props = el(el(el(sig, XML_NS.dsig, 'Object'), XML_NS.xades, 'QualifyingProperties'), XML_NS.xades, 'SignedProperties');
      assert.equal(attrOf(ref2, 'URI'), `#${attrOf(props, 'Id')}`);
      assert.equal(attrOf(el(el(sig, XML_NS.dsig, 'Object'), XML_NS.xades, 'QualifyingProperties'), 'Target'), `#${attrOf(sig, 'Id')}`);
    });

    it('writes SigningTime, CertDigest over the DER certificate, IssuerSerial and KeyInfo', () => {
      const sig = request.children[0];
      const props = el(el(el(sig, XML_NS.dsig, 'Object'), XML_NS.xades, 'QualifyingProperties'), XML_NS.xades, 'SignedProperties');
      const ssp = el(props, XML_NS.xades, 'SignedSignatureProperties');
      assert.equal(el(ssp, XML_NS.xades, 'SigningTime').text, SIGNING_TIME_TEXT);
      const cert = el(el(ssp, XML_NS.xades, 'SigningCertificate'), XML_NS.xades, 'Cert');
      const digest = el(cert, XML_NS.xades, 'CertDigest');
      assert.equal(attrOf(el(digest, XML_NS.dsig, 'DigestMethod'), 'Algorithm'), ALG.sha256_digest);
      assert.equal(el(digest, XML_NS.dsig, 'DigestValue').text, crypto.createHash('sha256').update(fx.certDer).digest('base64'));
      const issuerSerial = el(cert, XML_NS.xades, 'IssuerSerial');
      assert.equal(el(issuerSerial, XML_NS.dsig, 'X509IssuerName').text, 'CN=Подписант\\, ООО «Тест»,O=Test,C=RU');
      assert.equal(el(issuerSerial, XML_NS.dsig, 'X509SerialNumber').text, BigInt('0x0a1b2c3d4e').toString(10));
      const x509 = el(el(el(sig, XML_NS.dsig, 'KeyInfo'), XML_NS.dsig, 'X509Data'), XML_NS.dsig, 'X509Certificate');
      assert.equal(x509.text, Buffer.from(fx.certDer).toString('base64'));
    });

    it('changes nothing outside ds:Signature', async () => {
      const original = sample('bills/importPaymentDocumentData.request.xml');
      assert.equal(signed.replace(/<ds:Signature [\s\S]*<\/ds:Signature>/, ''), original);
      const r = await verifyXml(signed);
      assert.ok(r.valid, r.failure && failureText(r.failure, 'en'));
      assert.equal(verifyText(r, 'ru'), `Подпись верна: ${readCertificate(fx.certDer).subject}`);
    });

    it('adds Id="signed-data-container" to a request that has none, and refuses to sign twice', async () => {
      const bare = thingsRequest(['Стол', 'Стул']);
      const s = await signXml(bare, signer());
      assert.match(s, /<d:importThingsRequest Id="signed-data-container" xmlns:d=/);
      assert.match(s, /<ds:Reference Id="[^"]+" URI="#signed-data-container">/);
      assert.ok((await verifyXml(s)).valid);
      await assert.rejects(signXml(s, signer()), (e: unknown) => e instanceof SignError && /уже подписан/.test(e.ru));
    });
  });

  describe('tampering gives the right reason', () => {
    let signed: string;
    let propsId: string;
    before(async () => {
      signed = await signXml(sample('bills/importPaymentDocumentData.request.xml'), signer(), { signingTime: SIGNING_TIME });
      propsId = /<xades:SignedProperties Id="([^"]+)"/.exec(signed)![1];
    });

    /** Replaces the character at the first match of `re`'s group 1 start. */
    function changeOne(text: string, re: RegExp): string {
      const m = re.exec(text);
      assert.ok(m, `${re} not found`);
      const at = m.index + m[0].length - 1;
      const c = text[at];
      const other = c === 'A' ? 'B' : /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'а' ? 'о' : 'A';
      return text.slice(0, at) + other + text.slice(at + 1);
    }

    it('one character of the signed content: the digest of #signed-data-container', async () => {
      const r = await verifyXml(changeOne(signed, /<base:Month>\d/));
      assert.equal(r.valid, false);
      assert.deepEqual(r.failure, { kind: 'reference-digest', reference: '#signed-data-container' });
      assert.equal(verifyText(r, 'ru'), 'Подпись неверна: не совпадает дайджест ссылки #signed-data-container');
      assert.equal(verifyText(r, 'en'), 'Bad signature: the digest of reference #signed-data-container does not match');
      assert.deepEqual(r.references.map((x) => x.ok), [false, true]);
    });

    it('one character of the signed content in Cyrillic text', async () => {
      const r = await verifyXml(changeOne(signed, /<nsi-base:Name>[^<]*?а/));
      assert.deepEqual(r.failure, { kind: 'reference-digest', reference: '#signed-data-container' });
    });

    it('one character of SignedProperties: the digest of the SignedProperties reference', async () => {
      const r = await verifyXml(changeOne(signed, /<xades:SigningTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d/));
      assert.deepEqual(r.failure, { kind: 'reference-digest', reference: `#${propsId}` });
      assert.deepEqual(r.references.map((x) => x.ok), [true, false]);
    });

    it('one character of the certificate: SigningCertificate no longer names it', async () => {
      const r = await verifyXml(changeOne(signed, /<ds:X509Certificate>[A-Za-z0-9+/]{400}/));
      assert.equal(r.valid, false);
      assert.equal(r.failure?.kind, 'signing-certificate');
      assert.match(failureText(r.failure!, 'ru'), /CertDigest не совпадает/);
      assert.deepEqual(r.references.map((x) => x.ok), [true, true]);
    });

    it('one character of the SignatureValue: the signature value', async () => {
      const r = await verifyXml(changeOne(signed, /<ds:SignatureValue [^>]*>[A-Za-z0-9+/]{20}/));
      assert.deepEqual(r.failure, { kind: 'signature-value' });
      assert.equal(r.signatureValueOk, false);
      assert.deepEqual(r.references.map((x) => x.ok), [true, true]);
    });

    it('the certificate of another key in KeyInfo: SigningCertificate no longer names it', async () => {
      const other = makeRsaFixture('Подписант, ООО «Тест»');
      const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
      const swapped = signed.replace(b64(fx.certDer), b64(other.certDer));
      const r = await verifyXml(swapped);
      // SignedProperties still names the first certificate.
      assert.equal(r.failure?.kind, 'signing-certificate');
    });

    it('a certificate outside its validity at SigningTime', async () => {
      const s = await signXml(sample('bills/importPaymentDocumentData.request.xml'), signer(), { signingTime: new Date('2001-01-01T00:00:00Z') });
      const r = await verifyXml(s);
      assert.equal(r.failure?.kind, 'certificate');
      assert.match(failureText(r.failure!, 'ru'), /не действует на момент подписи/);
    });

    it('an unsigned document is reported as such', async () => {
      const r = await verifyXml(sample('bills/importPaymentDocumentData.request.xml'));
      assert.equal(r.present, false);
      assert.equal(verifyText(r, 'ru'), 'Документ не подписан');
    });
  });

  describe('placement under the bundled schema package', () => {
    let contents: PackageContents;
    before(() => {
      const registry = new PackageRegistry({ bundledRoot: path.join(productRoot(), 'schemas') });
      contents = registry.contents(registry.find('bundled')!);
    });

    // getStateRequest does not extend base:BaseType (no Signature, no Id): GIS never has it signed.
    const requests = fs
      .readdirSync(samplesDir)
      .flatMap((service) => (fs.statSync(path.join(samplesDir, service)).isDirectory() ? fs.readdirSync(path.join(samplesDir, service)).filter((f) => f.endsWith('.request.xml') && f !== 'getState.request.xml').map((f) => `${service}/${f}`) : []));

    it(`every sample request stays valid once signed (${requests.length})`, async () => {
      const engine = await testEngine();
      const problems: string[] = [];
      for (const rel of requests) {
        const original = engine.validator.validate(sample(rel), contents, { lang: 'en', maxProblems: 10 });
        if (original.verdict !== 'valid') continue;
        const signed = await signXml(sample(rel), signer());
        const r = engine.validator.validate(signed, contents, { lang: 'en', maxProblems: 10 });
        if (r.verdict !== 'valid') problems.push(`${rel}: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
        if (!(await verifyXml(signed)).valid) problems.push(`${rel}: does not verify`);
      }
      assert.deepEqual(problems, []);
    });

    it('a signature anywhere but first in the request element is a schema error (the check has teeth)', async () => {
      const engine = await testEngine();
      const signed = await signXml(sample('bills/importPaymentDocumentData.request.xml'), signer());
      const sig = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(signed)![0];
      const moved = signed.replace(sig, '').replace('</bills:importPaymentDocumentRequest>', `${sig}</bills:importPaymentDocumentRequest>`);
      assert.equal(engine.validator.validate(moved, contents, { lang: 'en', maxProblems: 10 }).verdict, 'invalid');
    });
  });

  describe('names', () => {
    it('compares X509IssuerName written by different signers', () => {
      assert.ok(sameName('CN=Тестовый УЦ,O=ООО \\"Крипто\\",C=RU', 'CN=Тестовый УЦ, O=ООО "Крипто", C=RU'));
      assert.ok(sameName('1.2.643.100.1=#120d31303237373030313332313935,CN=УЦ', 'OGRN=1027700132195, CN=УЦ'));
      assert.ok(sameName('E=ca@example.ru,CN=УЦ', 'CN=УЦ,1.2.840.113549.1.9.1=#160d6361406578616d706c652e7275'));
      assert.ok(!sameName('CN=УЦ 1,C=RU', 'CN=УЦ 2,C=RU'));
      assert.deepEqual(nameAtoms('CN=a\\,b+OU=c'), ['2.5.4.11=c', '2.5.4.3=a,b']);
    });
  });
});
