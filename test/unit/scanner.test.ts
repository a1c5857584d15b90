import * as assert from 'node:assert/strict';
import { Tok, XmlScanner, parseAttributes } from '../../server/src/xml/scanner';

function tokens(text: string): [Tok, string][] {
  const sc = new XmlScanner(text);
  const out: [Tok, string][] = [];
  for (let t = sc.next(); t !== Tok.EOF; t = sc.next()) out.push([t, text.slice(sc.start, sc.end)]);
  return out;
}

describe('XmlScanner', () => {
  it('splits a document into tokens with their offsets', () => {
    const text = '<?xml version="1.0"?><!-- c --><a x="1"><![CDATA[<x>]]>t<b/></a>';
    assert.deepEqual(tokens(text), [
      [Tok.PI, '<?xml version="1.0"?>'],
      [Tok.Comment, '<!-- c -->'],
      [Tok.StartTag, '<a x="1">'],
      [Tok.CData, '<![CDATA[<x>]]>'],
      [Tok.Text, 't'],
      [Tok.StartTag, '<b/>'],
      [Tok.EndTag, '</a>'],
    ]);
  });

  it("finds a start tag's end past a '>' inside an attribute value", () => {
    const text = `<a title="x > y" other='>'>z</a>`;
    const sc = new XmlScanner(text);
    assert.equal(sc.next(), Tok.StartTag);
    assert.equal(text.slice(sc.start, sc.end), `<a title="x > y" other='>'>`);
    assert.deepEqual(
      sc.attributes().map((a) => [a.name, text.slice(a.valueStart, a.valueEnd)]),
      [
        ['title', 'x > y'],
        ['other', '>'],
      ],
    );
  });

  it('reads multi-line start tags and self-closing tags', () => {
    const text = '<a\n  b="1"\n  c="2"\n/>';
    const sc = new XmlScanner(text);
    assert.equal(sc.next(), Tok.StartTag);
    assert.equal(sc.selfClosing, true);
    assert.equal(sc.end, text.length);
  });

  it('never throws and always advances on broken input', () => {
    const broken = ['<', '<a', '<a b="', '</', '<!--', '<![CDATA[', '<!DOCTYPE [', '<?pi', '<<<>>>', '<a x=1 y>', '\u0000<\u0001'];
    for (const t of broken) {
      const sc = new XmlScanner(t);
      let last = -1;
      let n = 0;
      for (let k = sc.next(); k !== Tok.EOF; k = sc.next()) {
        assert.ok(sc.end > last, `no progress on ${JSON.stringify(t)}`);
        last = sc.end;
        assert.ok(++n < 100);
      }
    }
  });

  it('parses unquoted and value-less attributes tolerantly', () => {
    const text = '<a x=1 y z="3">';
    const attrs = parseAttributes(text, 2, text.length - 1);
    assert.deepEqual(
      attrs.map((a) => [a.name, a.valueStart >= 0 ? text.slice(a.valueStart, a.valueEnd) : null]),
      [
        ['x', '1'],
        ['y', null],
        ['z', '3'],
      ],
    );
  });

  it('scans a text without quotes in linear time', () => {
    const body = '<r>' + '<e>1</e>'.repeat(200_000) + '</r>';
    const sc = new XmlScanner(body);
    let n = 0;
    for (let k = sc.next(); k !== Tok.EOF; k = sc.next()) n++;
    assert.equal(n, 2 + 200_000 * 3);
  });
});
