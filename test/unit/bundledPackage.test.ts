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

/**
 * The bundled format package (schemas/16.3.0.0, the project's own rewrite of the covered part of
 * GIS 16.3.0.0) and the demo samples that ship with it. Comparisons with the official package
 * belong to the conformance suite; this one needs nothing outside the repository.
 */

const root = productRoot();
const bundledDir = path.join(root, 'schemas', '16.3.0.0');
const samplesDir = path.join(root, 'samples');

/** What the bundled package must offer: operation → service, soapAction, header, request element, fixed version. */
const COVERED = [
  { service: 'nsi-common', name: 'exportNsiList', header: 'ISRequestHeader', request: 'exportNsiListRequest', fixed: '10.0.1.2' },
  { service: 'nsi-common', name: 'exportNsiItem', header: 'ISRequestHeader', request: 'exportNsiItemRequest', fixed: '10.0.1.2' },
  { service: 'nsi-common', name: 'exportNsiPagingItem', header: 'ISRequestHeader', request: 'exportNsiPagingItemRequest', fixed: '10.0.1.2' },
  { service: 'nsi-common', name: 'getState', header: 'ISRequestHeader', request: 'getStateRequest', fixed: undefined },
  { service: 'device-metering', name: 'importMeteringDeviceValues', header: 'RequestHeader', request: 'importMeteringDeviceValuesRequest', fixed: '10.0.1.1' },
  { service: 'device-metering', name: 'exportMeteringDeviceHistory', header: 'RequestHeader', request: 'exportMeteringDeviceHistoryRequest', fixed: undefined },
  { service: 'device-metering', name: 'getState', header: 'RequestHeader', request: 'getStateRequest', fixed: undefined },
];

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
    it('lists exactly the covered operations, without problems', () => {
      const catalog = contents.catalog;
      assert.deepEqual(catalog.problems, []);
      const listed = catalog.operations.map((o) => `${o.service}/${o.name}`).sort();
      assert.deepEqual(listed, COVERED.map((c) => `${c.service}/${c.name}`).sort());
    });

    for (const c of COVERED) {
      it(`${c.service}/${c.name}: soapAction, header, request element, version, endpoint`, () => {
        const op = contents.catalog.find(c.name, c.service);
        assert.ok(op);
        assert.equal(op.soapAction, `urn:${c.name}`);
        assert.equal(op.headerKind, c.header);
        assert.equal(op.request.local, c.request);
        assert.equal(op.versions.fixed, c.fixed);
        assert.equal(op.ack?.local, c.name === 'getState' ? 'getStateResult' : 'AckRequest');
        assert.equal(op.result?.local, 'getStateResult');
        assert.match(op.endpointUrl ?? '', /^https:\/\/api\.dom\.gosuslugi\.ru\/ext-bus-[a-z-]+-service\/services\/[A-Za-z]+Async$/);
        assert.ok(op.description, 'every operation carries a wsdl:documentation');
      });
    }
  });

  describe('samples', () => {
    const files = sampleFiles();

    it('cover a request and a result for every covered operation', () => {
      const names = new Set(files.map((f) => path.relative(samplesDir, f).split(path.sep).join('/')));
      for (const c of COVERED) {
        assert.ok(names.has(`${c.service}/${c.name}.request.xml`), `${c.service}/${c.name}.request.xml`);
        if (c.name !== 'getState') assert.ok(names.has(`${c.service}/${c.name}.result.xml`), `${c.service}/${c.name}.result.xml`);
      }
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
