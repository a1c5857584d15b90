import * as assert from 'node:assert/strict';
import { decodeXmlBytes, firstInvalidUtf8 } from '../../server/src/xml/decodeXml';

describe('decodeXmlBytes', () => {
  it('reads UTF-8 with and without a BOM, keeping the BOM', () => {
    const r = decodeXmlBytes(Buffer.from('\ufeff<a>ж</a>', 'utf8'));
    assert.deepEqual(r, { ok: true, text: '\ufeff<a>ж</a>', encoding: 'utf-8' });
    assert.equal((decodeXmlBytes(Buffer.from('<a>ж</a>')) as { text: string }).text, '<a>ж</a>');
  });

  it('reads UTF-16 by its BOM and windows-1251 by its declaration', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>ж</a>', 'utf16le')]);
    assert.equal((decodeXmlBytes(utf16) as { text: string }).text, '\ufeff<a>ж</a>');
    const cp = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a>'), Buffer.from([0xe6]), Buffer.from('</a>')]);
    assert.equal((decodeXmlBytes(cp) as { text: string }).text, '<?xml version="1.0" encoding="windows-1251"?><a>ж</a>');
  });

  it('reports the first invalid UTF-8 byte with its line and character', () => {
    const bytes = Buffer.concat([Buffer.from('<a>\n  жж'), Buffer.from([0xd0]), Buffer.from('x</a>')]);
    const r = decodeXmlBytes(bytes);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.byte, 0xd0);
    assert.equal(r.byteOffset, 10);
    assert.deepEqual([r.line, r.character], [1, 4]);
  });

  it('finds overlong and surrogate encodings', () => {
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80])), 1);
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0);
    assert.equal(firstInvalidUtf8(Buffer.from([0xf0, 0x9f, 0x98, 0x80])), 4);
    assert.equal(firstInvalidUtf8(Buffer.from([0xe2, 0x82])), 0);
  });
});
