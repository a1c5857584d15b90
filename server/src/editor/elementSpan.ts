import { Tok, XmlScanner } from '../xml/scanner';

/** The element starting at `at` through its end tag, with the indentation before it. */
export function elementSpan(text: string, at: number): { name: string; from: number; to: number } | undefined {
  const sc = new XmlScanner(text, at);
  let tok = sc.next();
  if (tok !== Tok.StartTag) return undefined;
  const name = sc.name;
  let depth = sc.selfClosing ? 0 : 1;
  while (depth > 0) {
    tok = sc.next();
    if (tok === Tok.EOF) return undefined;
    if (tok === Tok.StartTag && !sc.selfClosing) depth++;
    else if (tok === Tok.EndTag) depth--;
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const from = /^[ \t]*$/.test(text.slice(lineStart, at)) && lineStart > 0 ? lineStart - 1 : at;
  return { name, from, to: sc.end };
}

