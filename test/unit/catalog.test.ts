import * as assert from 'node:assert/strict';
import { bindDocument } from '../../server/src/catalog/binding';
import { OperationCatalog } from '../../server/src/catalog/operationCatalog';
import { PackageFiles } from '../../server/src/catalog/packageFiles';
import { detectPackageVersion } from '../../server/src/catalog/packageVersion';
import { versionsInDocumentation } from '../../server/src/catalog/requestVersions';
import { readWsdl } from '../../server/src/catalog/wsdlReader';
import { readDocumentShape } from '../../server/src/xml/documentShape';
import { MINI_PACKAGE_ROOT, NS, miniContents, thingsRequest } from '../support/engine';

describe('operation catalog', () => {
  const catalog = OperationCatalog.read(PackageFiles.read(MINI_PACKAGE_ROOT));

  it('reads every operation of the WSDL with its soapAction, endpoint, elements and header', () => {
    assert.deepEqual(catalog.problems, []);
    assert.deepEqual(catalog.operations.map((o) => o.name).sort(), ['exportThings', 'getState', 'importThings']);
    const imp = catalog.find('importThings')!;
    assert.equal(imp.service, 'demo');
    assert.equal(imp.soapAction, 'urn:importThings');
    assert.equal(imp.endpointPath, '/ext-bus-demo-service/services/DemoAsync');
    assert.deepEqual(imp.request, { ns: NS.demo, local: 'importThingsRequest' });
    assert.deepEqual(imp.ack, { ns: NS.base, local: 'AckRequest' });
    assert.deepEqual(imp.result, { ns: NS.demo, local: 'getStateResult' });
    assert.equal(imp.headerKind, 'RequestHeader');
    assert.equal(imp.description, 'Передать вещи');
    assert.equal(catalog.find('exportThings')!.headerKind, 'ISRequestHeader');
  });

  it('takes versions from a fixed base:version and from the documentation', () => {
    assert.deepEqual(catalog.find('importThings')!.versions, { fixed: '1.0.0.1', documented: ['1.0.0.1'] });
    assert.deepEqual(catalog.find('exportThings')!.versions, { fixed: undefined, documented: ['1.0.0.1', '1.1.0.0'] });
  });

  it('finds the operation of a request element and of a result element', () => {
    assert.equal(catalog.forRequest({ ns: NS.demo, local: 'importThingsRequest' })[0].name, 'importThings');
    assert.equal(catalog.forRequest({ ns: NS.base, local: 'getStateRequest' }).length, 1);
    assert.equal(catalog.forResult({ ns: NS.demo, local: 'getStateResult' })!.name, 'getState');
    assert.equal(catalog.forRequest({ ns: NS.demo, local: 'nothing' }).length, 0);
  });

  it('reads "Доступны версии" lists as GIS writes them', () => {
    assert.deepEqual(versionsInDocumentation('Импорт. Доступны версии 11.0.10.1,  13.2.3.2'), ['11.0.10.1', '13.2.3.2']);
    assert.deepEqual(versionsInDocumentation('Доступны версии: 11.1.0.1, 12.2.0.1 и 15.10.0.0. Дальше текст 1.2.3.4'), ['11.1.0.1', '12.2.0.1', '15.10.0.0']);
    assert.deepEqual(versionsInDocumentation('Без списка 1.2.3.4'), []);
  });

  it('refuses a file that is not a WSDL', () => {
    assert.throws(() => readWsdl('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'), /not a WSDL/);
  });

  it('detects the package version from schemas and changelog', () => {
    const e = detectPackageVersion(PackageFiles.read(MINI_PACKAGE_ROOT), ['hcs_wsdl_xsd_v.1.1.0.0.zip']);
    assert.equal(e.version, '1.1.0.0');
    assert.equal(e.fromChangelog, '1.1.0.0');
    assert.equal(e.fromSchemas, '1.1.0.0');
    assert.equal(e.note, undefined);
    const newer = detectPackageVersion(PackageFiles.read(MINI_PACKAGE_ROOT), ['formats-1.2.0.0']);
    assert.equal(newer.version, '1.2.0.0');
    assert.match(newer.note ?? '', /1\.2\.0\.0/);
  });
});

describe('binding', () => {
  const bind = (text: string) => bindDocument(readDocumentShape(text), text, miniContents());

  it('binds a bare request by its root namespace', () => {
    const r = bind(thingsRequest());
    assert.equal(r.status, 'bound');
    if (r.status !== 'bound') return;
    assert.equal(r.binding.kind, 'request');
    assert.equal(r.binding.operation?.name, 'importThings');
    assert.equal(r.binding.schemaRel, 'demo/hcs-demo-types.xsd');
    assert.equal(r.binding.requestVersion, '1.0.0.1');
  });

  it('binds the first element of a SOAP Body, results, acks and faults', () => {
    const env = (body: string) => `<s:Envelope xmlns:s="${NS.soap}"><s:Body>${body}</s:Body></s:Envelope>`;
    const kinds = [
      env(`<d:getStateResult xmlns:d="${NS.demo}"/>`),
      env(`<b:AckRequest xmlns:b="${NS.base}"/>`),
      env(`<b:getStateRequest xmlns:b="${NS.base}"/>`),
      env(`<s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring><detail><b:Fault xmlns:b="${NS.base}"/></detail></s:Fault>`),
    ].map((t) => {
      const r = bind(t);
      return r.status === 'bound' ? r.binding.kind : r.status;
    });
    assert.deepEqual(kinds, ['result', 'ack', 'request', 'fault']);
  });

  it('leaves non-GIS XML alone and says when the package lacks the namespace', () => {
    assert.equal(bind('<project xmlns="http://maven.apache.org/POM/4.0.0"/>').status, 'unbound');
    assert.equal(bind('<a/>').status, 'unbound');
    assert.equal(bind(`<s:Envelope xmlns:s="${NS.soap}"><s:Body><x xmlns="urn:other"/></s:Body></s:Envelope>`).status, 'unbound');
    assert.equal(bind('<h:exportHouseRequest xmlns:h="http://dom.gosuslugi.ru/schema/integration/house-management/"/>').status, 'no-schema');
  });
});
