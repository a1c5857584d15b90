import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Operation } from '../../server/src/catalog/operationCatalog';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { productRoot } from '../../server/src/productPaths';
import { innValid, kppValid, ogrnValid, snilsValid } from '../../server/src/rules/checksums';
import { RuleSeverity, runRules } from '../../server/src/rules/ruleRunner';
import type { GisDiagnostic } from '../../server/src/validation/diagnostic';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { testEngine } from '../support/engine';

/** Each rule beyond the XSD: a document that trips it and one that does not, with real-looking data. */

const NOW = new Date('2026-11-23T09:00:00Z');
const OP = { name: 'importAccountData', service: 'house-management', versions: { fixed: '10.0.1.1', documented: ['10.0.1.1'] } } as unknown as Operation;

function request(body: string, attrs = 'base:version="10.0.1.1"'): string {
  return `<hm:importAccountRequest xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" ${attrs}>\n${body}\n</hm:importAccountRequest>`;
}

function run(text: string, op: Operation | undefined = OP, severity?: Record<string, RuleSeverity>): GisDiagnostic[] {
  const versions = op ? (op.versions.fixed ? [op.versions.fixed] : op.versions.documented) : [];
  return runRules(text, { start: 0, operation: op, versions }, new LineIndex(() => text), { lang: 'ru', now: NOW, severity: { 'gis-unsigned-import': 'off', ...severity } });
}

const codes = (d: GisDiagnostic[]) => d.map((x) => x.code);

describe('rules beyond the XSD', () => {
  describe('check digits', () => {
    it('accepts real-shaped valid numbers and rejects one-digit typos', () => {
      assert.ok(innValid('6950128472'));
      assert.ok(!innValid('6950128473'));
      assert.ok(innValid('695003218713'));
      assert.ok(!innValid('695003218714'));
      assert.ok(ogrnValid('1166952018320'));
      assert.ok(!ogrnValid('1166952018321'));
      assert.ok(ogrnValid('321695200012345'));
      assert.ok(!ogrnValid('321695200012346'));
      assert.ok(snilsValid('112-233-445 95'));
      assert.ok(!snilsValid('112-233-445 96'));
      assert.ok(snilsValid('14567832900'));
      assert.ok(kppValid('695001001') && kppValid('7701AB001'));
      assert.ok(!kppValid('69500100'));
    });

    it('reports a wrong INN and OGRN in a document and leaves correct ones alone', () => {
      const ok = request('<hm:INN>6950128472</hm:INN><hm:OGRN>1166952018320</hm:OGRN><hm:SNILS>11223344595</hm:SNILS>');
      assert.deepEqual(codes(run(ok)), []);
      const bad = run(request('<hm:INN>6950128473</hm:INN><hm:OGRN>1166952018321</hm:OGRN>'));
      assert.deepEqual(codes(bad), ['gis-checksum', 'gis-checksum']);
      assert.match(bad[0].message, /INN: у ИНН 6950128473 неверная контрольная цифра/);
    });
  });

  describe('look-alike letters', () => {
    it('finds a Cyrillic «с» in a GUID, marks it and offers the Latin GUID', () => {
      const text = request('<base:TransportGUID>4f1сd2a0-7b6e-4c1a-9d3f-2e8b5a6c7d10</base:TransportGUID>');
      const [d] = run(text);
      assert.equal(d.code, 'gis-lookalike');
      assert.equal(text.split('\n')[1].slice(d.range.start.character, d.range.end.character), 'с');
      const fixes = (d.data as { fixes: { newText: string }[] }).fixes;
      assert.equal(fixes[0].newText, '4f1cd2a0-7b6e-4c1a-9d3f-2e8b5a6c7d10');
    });

    it('finds a Cyrillic «А» in an NSI code, and leaves GIS identifiers with Cyrillic letters alone', () => {
      assert.deepEqual(codes(run(request('<nsi:Code xmlns:nsi="urn:x">А1.2</nsi:Code>'))), ['gis-lookalike']);
      assert.deepEqual(codes(run(request('<hm:UnifiedAccountNumber>66ВР967363</hm:UnifiedAccountNumber><hm:Name>Сидоров</hm:Name>'))), []);
    });
  });

  it('reports a TransportGUID repeated in a request', () => {
    const g = '<base:TransportGUID>0b8f5a52-9c1e-4f4e-8a1d-5d2c3b4a6e71</base:TransportGUID>';
    assert.deepEqual(codes(run(request(`<hm:Account>${g}</hm:Account><hm:Account>${g}</hm:Account>`))), ['gis-transport-guid-repeated']);
    assert.deepEqual(codes(run(request(`<hm:Account>${g}</hm:Account>`))), []);
  });

  it('reports more records than GIS takes in one request', () => {
    const accounts = (n: number) => Array.from({ length: n }, () => '<hm:Account><hm:AccountNumber>1</hm:AccountNumber></hm:Account>').join('');
    const over = run(request(accounts(101)));
    assert.deepEqual(codes(over), ['gis-batch-limit']);
    assert.match(over[0].message, /101 лицевых счетов.*не больше 100: разбейте его на 2/);
    assert.deepEqual(codes(run(request(accounts(100)))), []);
  });

  it('reports a version the operation does not take, and offers the supported one', () => {
    const [d] = run(request('', 'base:version="9.9.9.9"'));
    assert.equal(d.code, 'gis-version');
    assert.equal((d.data as { fixes: { newText: string }[] }).fixes[0].newText, '10.0.1.1');
    assert.deepEqual(codes(run(request(''))), []);
  });

  it('reports implausible years and readings dated after today', () => {
    assert.deepEqual(codes(run(request('<hm:DateOfBirth>1085-04-12</hm:DateOfBirth><hm:EndDate>2099-12-31</hm:EndDate>'))), ['gis-date-range']);
    const reading = (d: string) => request(`<dm:CurrentValue xmlns:dm="urn:dm"><dm:DateValue>${d}</dm:DateValue></dm:CurrentValue>`);
    assert.deepEqual(codes(run(reading('2026-12-05'))), ['gis-date-range']);
    assert.deepEqual(codes(run(reading('2026-11-20'))), []);
  });

  it('reminds that an import goes signed, and is silent once the signature is there', () => {
    const on = { 'gis-unsigned-import': 'information' as const };
    assert.deepEqual(codes(run(request(''), OP, on)), ['gis-unsigned-import']);
    const signed = request('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>');
    assert.deepEqual(codes(run(signed, OP, on)), []);
  });

  it('takes the severity from settings, "off" included', () => {
    const text = request('<hm:INN>6950128473</hm:INN>');
    assert.equal(run(text, OP, { 'gis-checksum': 'error' })[0].severity, 'error');
    assert.deepEqual(run(text, OP, { 'gis-checksum': 'off' }), []);
  });

  it('never changes the schema verdict, and says nothing about the valid samples', async () => {
    const registry = new PackageRegistry({ bundledRoot: path.join(productRoot(), 'schemas') });
    const contents = registry.contents(registry.find('bundled')!);
    const engine = await testEngine();
    const sample = fs.readFileSync(path.join(productRoot(), 'samples', 'device-metering', 'importMeteringDeviceValues.request.xml'), 'utf8');
    const clean = engine.validator.validate(sample, contents, { lang: 'ru', maxProblems: 50, now: NOW });
    assert.deepEqual(clean.diagnostics.map((d) => d.code), ['gis-unsigned-import']);
    const wrong = engine.validator.validate(sample.replace('base:version="10.0.1.1"', 'base:version="9.9.9.9"'), contents, { lang: 'ru', maxProblems: 50, now: NOW });
    assert.equal(wrong.verdict, 'valid');
    assert.ok(wrong.diagnostics.some((d) => d.code === 'gis-version' && d.severity === 'error'));
  });
});
