import * as assert from 'node:assert/strict';
import type { GisDiagnostic } from '../../server/src/validation/diagnostic';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { DocumentText } from '../../server/src/xml/documentText';
import { GUIDS, NS, checkMini, miniContents, testEngine, thingsRequest } from '../support/engine';

/** The exact text a diagnostic covers. */
function covered(text: string, d: GisDiagnostic): string {
  const idx = new LineIndex(text);
  return text.slice(idx.offsetAt(d.range.start), idx.offsetAt(d.range.end));
}

describe('diagnostic ranges', () => {
  it('marks the text value for a facet error, on the element libxml2 means even when a line repeats the name', async () => {
    const text = `<d:importThingsRequest xmlns:d="${NS.demo}" xmlns:base="${NS.base}" base:version="1.0.0.1"><d:Thing><base:TransportGUID>${GUIDS[0]}</base:TransportGUID><d:Name>ok</d:Name></d:Thing><d:Thing><base:TransportGUID>${GUIDS[1]}</base:TransportGUID><d:Name>слишком-длинное-имя</d:Name></d:Thing></d:importThingsRequest>`;
    const r = await checkMini(text);
    assert.equal(r.verdict, 'invalid');
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.code, 'xsd-facet-maxLength');
    assert.equal(covered(text, d), 'слишком-длинное-имя');
    assert.equal(d.range.start.line, 0);
    assert.match(d.message, /^Name \(короткое имя\): длина значения 'слишком-длинное-имя' — 19 симв\., а нужно не больше 10$/);
  });

  it('marks the whole start tag for an unexpected element and lists what was expected', async () => {
    const text = thingsRequest(['Стол']).replace('<d:Name>', '<d:Extra/><d:Name>');
    const r = await checkMini(text);
    const d = r.diagnostics[0];
    assert.equal(d.code, 'xsd-not-expected');
    assert.equal(covered(text, d), '<d:Extra/>');
    assert.match(d.message, /Ожидается d:Name \(короткое имя\)/);
  });

  it('marks the attribute for an attribute error, and the start tag for a missing one', async () => {
    const bad = thingsRequest(['Стол']).replace('<d:Thing>', '<d:Thing code="12x">');
    const r1 = await checkMini(bad);
    assert.equal(covered(bad, r1.diagnostics[0]), 'code="12x"');
    const noVersion = thingsRequest(['Стол']).replace(' base:version="1.0.0.1"', '');
    const r2 = await checkMini(noVersion);
    assert.equal(r2.diagnostics[0].code, 'xsd-attribute-missing');
    assert.ok(covered(noVersion, r2.diagnostics[0]).startsWith('<d:importThingsRequest '));
    assert.match(r2.diagnostics[0].message, /нет обязательного атрибута base:version \(версии для этой операции: 1\.0\.0\.1\)/);
    // libxml2 does not enforce `fixed` on an attribute use that refers to a global attribute, and
    // the official verdicts agree (every wrong-version mutant of the corpus is valid): the XSD
    // verdict must stay "valid"; the version check belongs to the rules beyond the XSD.
    const wrong = thingsRequest(['Стол']).replace('base:version="1.0.0.1"', 'base:version="9.9.9.9"');
    assert.equal((await checkMini(wrong)).verdict, 'valid');
  });

  it('puts a multi-line start tag error on the tag though libxml2 names its last line', async () => {
    const text = thingsRequest(['Стол']).replace('<d:Thing>', '<d:Thing\n      code="bad"\n    >');
    const r = await checkMini(text);
    const d = r.diagnostics[0];
    assert.equal(covered(text, d), 'code="bad"');
    assert.equal(d.libxmlLine, d.range.start.line + 2);
  });

  it('says which Cyrillic letter hides in a GUID', async () => {
    const text = thingsRequest(['Стол']).replace(GUIDS[0], GUIDS[0].replace('c', 'с'));
    const r = await checkMini(text);
    assert.match(r.diagnostics[0].message, /формату GUID \(в значении кириллическая буква «с» в позиции 4\)/);
    assert.equal(covered(text, r.diagnostics[0]), GUIDS[0].replace('c', 'с'));
  });

  it('reports a repeated TransportGUID on the repeating value', async () => {
    const text = thingsRequest(['Стол', 'Стул']).replace(GUIDS[1], GUIDS[0]);
    const r = await checkMini(text);
    const dup = r.diagnostics.find((d) => d.code === 'xsd-duplicate-key')!;
    assert.ok(dup, JSON.stringify(r.diagnostics));
    assert.equal(covered(text, dup), GUIDS[0]);
    assert.equal(dup.range.start.line, text.split('\n').findIndex((l, i) => i > 3 && l.includes(GUIDS[0])));
  });

  for (const [name, eol, bom] of [
    ['LF', '\n', false],
    ['CRLF', '\r\n', false],
    ['CR only', '\r', false],
    ['LF with BOM', '\n', true],
    ['CR only with BOM', '\r', true],
  ] as const) {
    it(`places errors on the right line and column: ${name}`, async () => {
      const lf = thingsRequest(['Стол', 'Стул', 'а-очень-длинное-имя']);
      const text = (bom ? '\ufeff' : '') + lf.replace(/\n/g, eol);
      const r = await checkMini(text, 'en');
      assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
      const d = r.diagnostics[0];
      const expectedLine = lf.split('\n').findIndex((l) => l.includes('а-очень-длинное-имя'));
      assert.equal(d.range.start.line, expectedLine);
      assert.equal(d.libxmlLine, expectedLine + 1);
      assert.equal(covered(text, d), 'а-очень-длинное-имя');
      assert.match(d.message, /^Name \(короткое имя\): value 'а-очень-длинное-имя' has 19 characters; at most 10 required$/);
    });
  }

  it('gives the same diagnostics for UTF-8 bytes from another thread as for the text', async () => {
    const e = await testEngine();
    const variants = [
      thingsRequest(['Стол', 'а-очень-длинное-имя']),
      '\ufeff' + thingsRequest(['а-очень-длинное-имя']).replace(/\n/g, '\r'),
      // The head read to bind the document ends before the payload: the whole text is read instead.
      `<!-- ${'ж'.repeat(700_000)} -->\n` + thingsRequest(['а-очень-длинное-имя']).replace(/^<\?xml[^>]*>\n/, ''),
      thingsRequest(['Стол']).replace('</d:Name>', '</d:Nam>'),
    ];
    for (const text of variants) {
      const fromText = e.validator.validate(text, miniContents(), { lang: 'ru', maxProblems: 100 });
      const fromBytes = e.validator.validate(DocumentText.fromUtf8(new TextEncoder().encode(text)), miniContents(), { lang: 'ru', maxProblems: 100 });
      assert.notEqual(fromText.verdict, 'valid');
      assert.deepEqual(fromBytes.diagnostics, fromText.diagnostics);
      assert.equal(fromBytes.verdict, fromText.verdict);
    }
  });

  it('keeps line numbers exact beyond 65 535 lines', async () => {
    const pad = '\n'.repeat(70_000);
    const text = thingsRequest(['Стол']).replace('<d:Thing>', `${pad}<d:Thing>`).replace('<d:Name>Стол', '<d:Name>имя-длиннее-десяти');
    const r = await checkMini(text);
    const d = r.diagnostics[0];
    const line = text.split('\n').findIndex((l) => l.includes('имя-длиннее-десяти'));
    assert.ok(line > 70_000);
    assert.equal(d.range.start.line, line);
    assert.equal(d.libxmlLine, line + 1);
  });
});
