/**
 * The bytes handed to libxml2, kept position-compatible with the editor's text.
 *
 * libxml2 counts lines only at LF, so a CR-only file (some GIS tools write them) would be "one
 * line" to it. XML parsing turns a lone CR into LF anyway (XML 1.0 §2.11), so replacing it changes
 * no parsed value and keeps every offset. CRLF stays as is: libxml2 counts its LF. A leading BOM is
 * left out; `shift` is the one character it takes in the editor's text, for columns on line 1.
 */
export interface ParserBytes {
  bytes: Uint8Array;
  shift: number;
}

const CR = 13;
const LF = 10;

export function toParserBytes(utf8: Uint8Array): ParserBytes {
  let bytes = utf8;
  let shift = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    shift = 1;
  }
  let copy: Uint8Array | undefined;
  for (let i = bytes.indexOf(CR); i >= 0; i = bytes.indexOf(CR, i + 1)) {
    if (bytes[i + 1] === LF) continue;
    // Copied only for CR-only text: the caller's bytes stay as they were.
    copy ??= bytes.slice();
    copy[i] = LF;
  }
  return { bytes: copy ?? bytes, shift };
}
