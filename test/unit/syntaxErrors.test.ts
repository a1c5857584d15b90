import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { checkMini, thingsRequest } from '../support/engine';

/** Well-formedness errors: what the first diagnostic covers, and what it says in Russian. */
const base = thingsRequest(['Стол']);
const cases: [string, string, string, RegExp][] = [
  ['a bare ampersand', base.replace('Стол', 'Стол & стул'), '&', /Символ «&» записывается как &amp;/],
  ['an undefined entity', base.replace('Стол', 'Стол &nbsp; стул'), '&nbsp;', /Сущность &nbsp; не определена/],
  ["a '<' in an attribute value", base.replace('base:version="1.0.0.1"', 'base:version="1<0"'), '<', /в значении атрибута записывается как &lt;/],
  ['a repeated attribute', base.replace('base:version="1.0.0.1"', 'base:version="1.0.0.1" base:version="2"'), 'base:version', /Атрибут base:version указан дважды/],
  ['an undeclared prefix', base.replace('<d:Name>Стол</d:Name>', '<q:Name>Стол</q:Name>'), 'q:Name', /Префикс пространства имён q/],
  ['a mismatched end tag', base.replace('</d:Thing>', ''), 'd:importThingsRequest', /не соответствует открывающему <Thing>/],
  ['content after the root', `${base}<x/>`, '<', /Лишнее содержимое после корневого элемента/],
  ['an invalid name', base.replace('<d:Name>', '<d:1Name>'), 'd:1Name', /Недопустимое имя d:1Name/],
  ['a control character', base.replace('Стол', 'Ст\u0001ол'), '\u0001', /Недопустимый в XML символ \(код 1\)/],
  ["'--' inside a comment", base.replace('<d:Thing>', '<!-- x -- y --><d:Thing>'), '--', /Два дефиса подряд/],
  ['an XML declaration not at the start', ` ${base}`, 'xml', /только в самом начале документа/],
];

describe('well-formedness errors', () => {
  for (const [what, text, marked, message] of cases) {
    it(`marks ${what}`, async () => {
      const r = await checkMini(text);
      assert.equal(r.verdict, 'malformed');
      const d = r.diagnostics[0];
      const idx = new LineIndex(text);
      assert.equal(text.slice(idx.offsetAt(d.range.start), idx.offsetAt(d.range.end)), marked);
      assert.equal(d.code, 'xml-syntax');
      assert.match(d.message, message);
    });
  }
});
