import type { FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Tok, XmlScanner } from '../xml/scanner';

/**
 * Re-indents the markup only: whitespace between tags is rewritten to one element per line at its
 * depth; character data (Russian text, values, even a value of spaces), comments and the tags
 * themselves stay byte for byte.
 */
export function formatDocument(doc: TextDocument, options: FormattingOptions): TextEdit[] {
  const text = doc.getText();
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sc = new XmlScanner(text);
  const tokens: { kind: Tok; start: number; end: number; selfClosing: boolean }[] = [];
  for (let tok = sc.next(); tok !== Tok.EOF; tok = sc.next()) tokens.push({ kind: tok, start: sc.start, end: sc.end, selfClosing: sc.selfClosing });
  if (tokens.some((t) => t.kind === Tok.Invalid)) return [];
  let out = '';
  let depth = 0;
  let prev: (typeof tokens)[number] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const raw = text.slice(t.start, t.end);
    if (t.kind === Tok.Text && raw.trim() === '') {
      // The whole content of a leaf element is its value, even when it is only spaces.
      const next = tokens[i + 1];
      if (prev?.kind === Tok.StartTag && !prev.selfClosing && next?.kind === Tok.EndTag) {
        out += raw;
        prev = t;
      }
      continue;
    }
    if (t.kind === Tok.EndTag) depth--;
    const markup = t.kind !== Tok.Text && t.kind !== Tok.CData;
    const afterMarkup = prev !== undefined && prev.kind !== Tok.Text && prev.kind !== Tok.CData;
    const emptyElement = prev?.kind === Tok.StartTag && !prev.selfClosing && t.kind === Tok.EndTag;
    if (markup && afterMarkup && !emptyElement) out += eol + unit.repeat(Math.max(0, depth));
    out += raw;
    if (t.kind === Tok.StartTag && !t.selfClosing) depth++;
    prev = t;
  }
  if (/\r?\n$/.test(text)) out += eol;
  if (out === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: out }];
}
