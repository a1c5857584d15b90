/**
 * The text handed to libxml2, kept offset-compatible with the editor's text.
 *
 * libxml2 counts lines only at LF, so a CR-only file (some GIS tools write them) would be
 * "one line" to it. XML parsing turns a lone CR into LF anyway (XML 1.0 §2.11), so replacing
 * it changes no parsed value and keeps every offset. CRLF stays as is: libxml2 counts its LF.
 * A leading BOM is removed because the text is handed over already decoded; `shift` says how
 * many UTF-16 units were removed so positions can be mapped back.
 */
export interface ParserText {
  text: string;
  shift: number;
}

export function toParserText(text: string): ParserText {
  let shift = 0;
  let t = text;
  if (t.charCodeAt(0) === 0xfeff) {
    t = t.slice(1);
    shift = 1;
  }
  if (t.indexOf('\r') >= 0) t = t.replace(/\r(?!\n)/g, '\n');
  return { text: t, shift };
}
