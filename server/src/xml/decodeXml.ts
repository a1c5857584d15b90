/**
 * Bytes of an XML file → text, as an XML processor decides the encoding: a byte order mark,
 * else the encoding declaration, else UTF-8. Bytes that are not valid in that encoding are
 * reported with their position instead of being silently replaced.
 */
export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; encoding: string; byteOffset: number; byte: number; line: number; character: number };

const DECL = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

export function decodeXmlBytes(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict(bytes, 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict(bytes, 'utf-16be');
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const declared = DECL.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return decodeStrict(bytes, declared);
    } catch {
      // An encoding Node does not know: read as UTF-8 and let libxml2 report the declaration.
    }
  }
  return decodeStrict(bytes, 'utf-8');
}

function decodeStrict(bytes: Uint8Array, encoding: string): DecodeResult {
  // ignoreBOM: keep the BOM in the text, so offsets and the editor's view of the file agree.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  try {
    return { ok: true, text: decoder.decode(bytes), encoding };
  } catch {
    const bad = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : 0;
    const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
    return { ok: false, encoding, byteOffset: bad, byte: bytes[bad] ?? 0, line, character: before.length - lastBreak - 1 };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
