import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { toParserBytes } from '../../server/src/xml/parserText';

describe('LineIndex', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`maps offsets and positions with ${name} line ends`, () => {
      const text = ['<a>', '  <b>x</b>', '</a>'].join(eol);
      const idx = new LineIndex(text);
      assert.equal(idx.lineCount, 3);
      const b = text.indexOf('<b>');
      assert.deepEqual(idx.positionAt(b), { line: 1, character: 2 });
      assert.equal(idx.offsetAt({ line: 1, character: 2 }), b);
      assert.equal(text.slice(idx.lineStart(2), idx.lineContentEnd(2)), '</a>');
      assert.equal(text.slice(idx.lineStart(1), idx.lineContentEnd(1)), '  <b>x</b>');
    });
  }

  it('handles more than 65 535 lines', () => {
    const text = Array.from({ length: 70_000 }, (_, i) => `<l n="${i}"/>`).join('\n');
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 70_000);
    const off = text.indexOf('<l n="69999"/>');
    assert.deepEqual(idx.positionAt(off), { line: 69_999, character: 0 });
  });

  it('clamps out-of-range positions', () => {
    const idx = new LineIndex('ab\ncd');
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 5);
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
  });
});

describe('toParserBytes', () => {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  const text = (b: Uint8Array): string => new TextDecoder().decode(b);

  it('turns lone CRs into LFs and keeps CRLF, every offset, and the caller\'s bytes', () => {
    const original = utf8('<a>\r<b/>\r\n</a>');
    const p = toParserBytes(original);
    assert.equal(text(p.bytes), '<a>\n<b/>\r\n</a>');
    assert.equal(text(original), '<a>\r<b/>\r\n</a>');
    assert.equal(p.shift, 0);
  });

  it('hands over LF and CRLF text without copying it', () => {
    const original = utf8('<a>\r\n<b/>\n</a>');
    assert.equal(toParserBytes(original).bytes, original);
  });

  it('leaves out a BOM and says so', () => {
    const p = toParserBytes(utf8('\ufeff<a/>'));
    assert.equal(text(p.bytes), '<a/>');
    assert.equal(p.shift, 1);
  });
});
