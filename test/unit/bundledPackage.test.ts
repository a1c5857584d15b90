import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XS_NS } from '../../server/src/catalog/namespaces';
import type { PackageContents } from '../../server/src/catalog/packageContents';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { annotationText } from '../../server/src/catalog/requestVersions';
import { productRoot } from '../../server/src/productPaths';
import { ValidationEngine, createValidationEngine } from '../../server/src/validation/validationEngine';
import { XmlElement, attr, parseXmlTree, walk } from '../../server/src/xml/xmlTree';
import { BUNDLED_SCOPE, bundledScope } from '../support/bundledScope';
import { packageSize, unreachableDeclarations } from '../support/schemaReach';

/**
 * The bundled format package (schemas/16.3.0.0, the project's own rewrite of the covered part of
 * GIS 16.3.0.0) and the demo samples that ship with it. Comparisons with the official package
 * belong to the conformance suite; this one needs nothing outside the repository.
 */

const root = productRoot();
const bundledDir = path.join(root, 'schemas', '16.3.0.0');
const samplesDir = path.join(root, 'samples');

function sampleFiles(): string[] {
  const out: string[] = [];
  for (const service of fs.readdirSync(samplesDir).sort()) {
    const dir = path.join(samplesDir, service);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.xml')) out.push(path.join(dir, f));
  }
  return out;
}

describe('bundled format package 16.3.0.0', function () {
  this.timeout(60_000);
  let engine: ValidationEngine;
  let contents: PackageContents;
  const figures: string[] = [];
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
  });

  before(async () => {
    engine = await createValidationEngine();
    const registry = new PackageRegistry({ bundledRoot: path.join(root, 'schemas') });
    const pkg = registry.find('bundled');
    assert.ok(pkg, 'no bundled package found under schemas/');
    assert.equal(pkg.version, '16.3.0.0');
    contents = registry.contents(pkg);
  });

  const validate = (text: string) => engine.validator.validate(text, contents, { lang: 'ru', maxProblems: 100 });
  const sample = (rel: string) => fs.readFileSync(path.join(samplesDir, rel), 'utf8');

  describe('catalog', () => {
    it('lists exactly the promised operations, without problems', () => {
      const catalog = contents.catalog;
      assert.deepEqual(catalog.problems, []);
      const listed = catalog.operations.map((o) => `${o.service}/${o.name}`).sort();
      const promised = bundledScope().sort();
      const size = packageSize(bundledDir);
      figures.push(
        `bundled 16.3.0.0 covers ${promised.filter((k) => listed.includes(k)).length}/${promised.length} listed operations ` +
          `(${Object.values(BUNDLED_SCOPE).flat().length} + getState of ${Object.keys(BUNDLED_SCOPE).length} services); ` +
          `${size.files} files, ${(size.bytes / 1024).toFixed(0)} KB`,
      );
      assert.deepEqual(listed, promised);
    });

    it('gives every operation its soapAction, an endpoint, a header, an answer and a description', () => {
      for (const op of contents.catalog.operations) {
        const name = `${op.service}/${op.name}`;
        assert.equal(op.soapAction, `urn:${op.name}`, name);
        assert.ok(op.headerKind === 'RequestHeader' || op.headerKind === 'ISRequestHeader', name);
        assert.equal(op.ack?.local, op.name === 'getState' ? 'getStateResult' : 'AckRequest', name);
        assert.equal(op.result?.local, 'getStateResult', name);
        assert.match(op.endpointUrl ?? '', /^https:\/\/api\.dom\.gosuslugi\.ru\/ext-bus-[a-z-]+-service\/services\/[A-Za-z]+Async$/, name);
        assert.ok(op.description, `${name}: every operation carries a wsdl:documentation`);
        if (op.name !== 'getState') assert.ok(op.requestSchemaFile?.startsWith(`${op.service}/`), `${name}: request declared in the service's types`);
      }
    });

    it('declares nothing that no covered operation reaches', () => {
      assert.deepEqual(unreachableDeclarations(bundledDir), []);
    });
  });

  describe('samples', () => {
    const files = sampleFiles();

    it('cover a request and a result for every covered operation', () => {
      const names = new Set(files.map((f) => path.relative(samplesDir, f).split(path.sep).join('/')));
      const missing = bundledScope()
        .flatMap((key) => (key.endsWith('/getState') ? [`${key}.request.xml`] : [`${key}.request.xml`, `${key}.result.xml`]))
        .filter((f) => !names.has(f));
      assert.deepEqual(missing, []);
    });

    for (const file of files) {
      const rel = path.relative(samplesDir, file).split(path.sep).join('/');
      it(`${rel} is valid and bound to its operation`, () => {
        const report = validate(fs.readFileSync(file, 'utf8'));
        assert.equal(report.verdict, 'valid', report.diagnostics.map((d) => d.message).join('\n'));
        const [service, base] = rel.split('/');
        const [operation, kind] = base.split('.');
        assert.equal(report.binding?.envelope, true, 'samples are full SOAP envelopes');
        if (operation === 'getState') {
          assert.equal(report.binding?.kind, 'state-request');
        } else if (kind === 'request') {
          assert.equal(report.binding?.kind, 'request');
          assert.equal(report.binding?.operation, operation);
          assert.equal(report.binding?.service, service);
        } else {
          assert.equal(report.binding?.kind, 'result');
          assert.equal(report.binding?.service, service);
          assert.match(fs.readFileSync(file, 'utf8'), /<base:RequestState>3<\/base:RequestState>/);
        }
      });
    }
  });

  describe('schema facts', () => {
    it('accepts an XAdES-style ds:Signature as the first child of a request', () => {
      const text = sample('device-metering/importMeteringDeviceValues.request.xml').replace(
        /(<dm:importMeteringDeviceValuesRequest[^>]*>)/,
        `$1${SIGNATURE}`,
      );
      const report = validate(text);
      assert.equal(report.verdict, 'valid', report.diagnostics.map((d) => d.message).join('\n'));
    });

    it('rejects a signature without SignatureValue and a signature after the data', () => {
      const broken = SIGNATURE.replace(/<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/, '');
      const withBroken = sample('device-metering/importMeteringDeviceValues.request.xml').replace(
        /(<dm:importMeteringDeviceValuesRequest[^>]*>)/,
        `$1${broken}`,
      );
      assert.equal(validate(withBroken).verdict, 'invalid');
      const misplaced = sample('device-metering/importMeteringDeviceValues.request.xml').replace(
        /(<\/dm:importMeteringDeviceValuesRequest>)/,
        `${SIGNATURE}$1`,
      );
      assert.equal(validate(misplaced).verdict, 'invalid');
    });

    it('rejects a repeated TransportGUID in importMeteringDeviceValues', () => {
      const text = sample('device-metering/importMeteringDeviceValues.request.xml');
      const guids = [...text.matchAll(/<base:TransportGUID>([^<]+)<\/base:TransportGUID>/g)].map((m) => m[1]);
      assert.ok(guids.length >= 2);
      const report = validate(text.replace(guids[1], guids[0]));
      assert.equal(report.verdict, 'invalid');
    });

    it('requires base:version; the fixed value itself is left to the catalog', () => {
      // libxml2 ignores `fixed` on an attribute use that refers to base:version (the official
      // package has the same construct), so the XSD verdict only sees a missing attribute.
      const missing = sample('nsi-common/exportNsiList.request.xml').replace(' base:version="10.0.1.2"', '');
      assert.equal(validate(missing).verdict, 'invalid');
      const history = sample('device-metering/exportMeteringDeviceHistory.request.xml').replace(/base:version="[^"]*"/, 'base:version="11.1.0.2"');
      assert.equal(validate(history).verdict, 'valid');
    });

    it('documents every named element, type, group and attribute', () => {
      const missing: string[] = [];
      for (const rel of contents.files.xsdFiles) {
        const schema = parseXmlTree(fs.readFileSync(path.join(bundledDir, rel), 'utf8'));
        assert.ok(schema, rel);
        walk(schema, (e: XmlElement) => {
          const declares = e.ns === XS_NS && ['element', 'complexType', 'simpleType', 'group', 'attribute'].includes(e.local);
          const name = declares ? attr(e, 'name') : undefined;
          if (name && !annotationText(e)) missing.push(`${rel}: ${e.local} ${name}`);
        });
      }
      assert.deepEqual(missing, []);
    });
  });
});

/** A structurally complete XAdES-BES signature; the values are placeholders (no cryptography here). */
const SIGNATURE = `
      <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="xmldsig-5f1c">
        <ds:SignedInfo>
          <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
          <ds:SignatureMethod Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256"/>
          <ds:Reference Id="xmldsig-5f1c-ref0" URI="#signed-data-container">
            <ds:Transforms>
              <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
              <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
            </ds:Transforms>
            <ds:DigestMethod Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256"/>
            <ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>
          </ds:Reference>
          <ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#xmldsig-5f1c-signedprops">
            <ds:Transforms>
              <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
            </ds:Transforms>
            <ds:DigestMethod Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256"/>
            <ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>
          </ds:Reference>
        </ds:SignedInfo>
        <ds:SignatureValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==</ds:SignatureValue>
        <ds:KeyInfo>
          <ds:X509Data>
            <ds:X509Certificate>AAAA</ds:X509Certificate>
          </ds:X509Data>
        </ds:KeyInfo>
        <ds:Object>
          <xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#xmldsig-5f1c">
            <xades:SignedProperties Id="xmldsig-5f1c-signedprops">
              <xades:SignedSignatureProperties>
                <xades:SigningTime>2026-03-25T10:42:17+03:00</xades:SigningTime>
                <xades:SigningCertificate>
                  <xades:Cert>
                    <xades:CertDigest>
                      <ds:DigestMethod Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256"/>
                      <ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>
                    </xades:CertDigest>
                    <xades:IssuerSerial>
                      <ds:X509IssuerName>CN=Тестовый УЦ</ds:X509IssuerName>
                      <ds:X509SerialNumber>1234567890</ds:X509SerialNumber>
                    </xades:IssuerSerial>
                  </xades:Cert>
                </xades:SigningCertificate>
              </xades:SignedSignatureProperties>
            </xades:SignedProperties>
          </xades:QualifyingProperties>
        </ds:Object>
      </ds:Signature>`;
