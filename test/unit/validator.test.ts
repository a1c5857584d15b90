import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { GUIDS, NS, checkMini, testEngine, thingsRequest } from '../support/engine';

const envelope = (header: string, body: string): string =>
  `<soapenv:Envelope xmlns:soapenv="${NS.soap}" xmlns:base="${NS.base}" xmlns:d="${NS.demo}">\n<soapenv:Header>${header}</soapenv:Header>\n<soapenv:Body>\n${body}\n</soapenv:Body>\n</soapenv:Envelope>`;
const requestHeader = `<base:RequestHeader><base:Date>2026-03-04T10:21:36+03:00</base:Date><base:MessageGUID>${GUIDS[0]}</base:MessageGUID><base:orgPPAGUID>${GUIDS[1]}</base:orgPPAGUID></base:RequestHeader>`;
const bareRequest = thingsRequest(['Стол']).replace(/^<\?xml[^>]*>\n/, '');

describe('document validation', () => {
  it('accepts a valid bare request and a valid envelope', async () => {
    assert.equal((await checkMini(thingsRequest(['Стол', 'Стул']))).verdict, 'valid');
    const r = await checkMini(envelope(requestHeader, bareRequest));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.verdict, 'valid');
    assert.equal(r.binding?.operation, 'importThings');
    assert.equal(r.binding?.envelope, true);
    assert.match(r.binding?.schemaFile ?? '', /demo[\\/]hcs-demo-types\.xsd$/);
  });

  it('validates the SOAP header against the base schema', async () => {
    const r = await checkMini(envelope(requestHeader.replace(GUIDS[1], 'not-a-guid'), bareRequest));
    assert.equal(r.verdict, 'invalid');
    assert.match(r.diagnostics[0].message, /^orgPPAGUID \(идентификатор в формате GUID\): значение 'not-a-guid' не соответствует формату GUID$/);
  });

  it('reports a header of the wrong kind for the operation, which the XSD alone accepts', async () => {
    const isHeader = `<base:ISRequestHeader><base:Date>2026-03-04T10:21:36+03:00</base:Date><base:MessageGUID>${GUIDS[0]}</base:MessageGUID></base:ISRequestHeader>`;
    const r = await checkMini(envelope(isHeader, bareRequest));
    assert.deepEqual(
      r.diagnostics.map((d) => d.code),
      ['gis-header-kind'],
    );
    assert.match(r.diagnostics[0].message, /importThings принимает заголовок RequestHeader, а не ISRequestHeader/);
  });

  it('rejects an unknown element in the Body or the Header', async () => {
    const r = await checkMini(envelope(requestHeader, `<d:importThingzRequest base:version="1.0.0.1"/>`));
    assert.equal(r.verdict, 'invalid');
    assert.equal(r.diagnostics[0].code, 'xsd-no-declaration');
    const h = await checkMini(envelope(`${requestHeader}<base:Unknown/>`, bareRequest));
    assert.equal(h.diagnostics[0].code, 'xsd-no-declaration');
  });

  it('validates a SOAP Fault whose detail is a GIS Fault', async () => {
    const fault = `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Ошибка</faultstring><detail><base:Fault><base:ErrorCode>AUT011003</base:ErrorCode></base:Fault></detail></soapenv:Fault>`;
    assert.equal((await checkMini(envelope('', fault))).verdict, 'valid');
    const bad = await checkMini(envelope('', fault.replace('<base:ErrorCode>AUT011003</base:ErrorCode>', '')));
    assert.equal(bad.verdict, 'invalid');
    assert.equal(bad.binding?.kind, 'fault');
  });

  it('reports well-formedness errors at their position, in Russian and English', async () => {
    const text = thingsRequest(['Стол']).replace('</d:Name>', '</d:Nam>');
    const r = await checkMini(text);
    assert.equal(r.verdict, 'malformed');
    const d = r.diagnostics[0];
    const idx = new LineIndex(text);
    assert.equal(text.slice(idx.offsetAt(d.range.start), idx.offsetAt(d.range.end)), 'd:Nam');
    assert.match(d.message, /Закрывающий тег <\/Nam> не соответствует открывающему <Name> \(строка 5\)/);
    const en = await checkMini(text, 'en');
    assert.match(en.diagnostics[0].message, /Opening and ending tag mismatch/);
  });

  it('marks a truncated document at its end', async () => {
    const full = thingsRequest(['Стол']);
    const text = full.slice(0, full.indexOf('</d:Thing>'));
    const r = await checkMini(text);
    assert.equal(r.verdict, 'malformed');
    assert.ok(r.diagnostics.some((d) => d.range.end.line >= text.split('\n').length - 2), JSON.stringify(r.diagnostics));
  });

  it('treats an undeclared prefix as a syntax error, not a schema one', async () => {
    const r = await checkMini(thingsRequest(['Стол']).replace('<d:Name>Стол</d:Name>', '<q:Name>Стол</q:Name>'));
    assert.equal(r.verdict, 'malformed');
    assert.match(r.diagnostics[0].message, /Префикс пространства имён q/);
  });

  it("keeps the parser's warnings beside the schema's verdict", async () => {
    const text = thingsRequest(['Стол']).replace('version="1.0"', 'version="1.1"');
    const r = await checkMini(text);
    assert.equal(r.verdict, 'valid');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'xml-syntax']],
    );
    assert.match(r.diagnostics[0].message, /Версия XML «1\.1» не поддерживается/);
  });

  it('leaves non-GIS documents alone', async () => {
    const r = await checkMini('<project xmlns="http://maven.apache.org/POM/4.0.0"><broken></project>');
    assert.equal(r.verdict, 'unbound');
    assert.deepEqual(r.diagnostics, []);
  });

  it('caps the problems it lists but counts them all', async () => {
    const names = Array.from({ length: 3 }, () => 'имя-длиннее-десяти');
    const r = await checkMini(thingsRequest(names), 'ru', 2);
    assert.equal(r.diagnostics.length, 2);
    assert.ok(r.totalProblems >= 3);
  });

  it('does not read DTDs or external entities a document names', async () => {
    const text = `<!DOCTYPE d:importThingsRequest SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n` + thingsRequest(['&x;']).replace(/^<\?xml[^>]*>\n/, '');
    const e = await testEngine();
    const before = e.libxml.refusedUrls.length;
    const r = await checkMini(text);
    assert.notEqual(r.verdict, 'valid');
    // Nothing was opened; any attempt would have been refused and recorded.
    assert.deepEqual(e.libxml.refusedUrls.slice(before), []);
  });
});
