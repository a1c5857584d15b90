/**
 * A tolerant XML tokenizer that knows offsets. It never throws and never recurses, so any text
 * (truncated, binary, 10 000 levels deep, 50 MB) is scanned in linear time; well-formedness
 * itself is libxml2's job, this only finds where things are.
 */
export const enum Tok {
  EOF = 0,
  StartTag = 1,
  EndTag = 2,
  Text = 3,
  CData = 4,
  Comment = 5,
  PI = 6,
  Doctype = 7,
  Invalid = 8,
}

export interface AttributeSpan {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Value offsets exclude the quotes; -1 when the attribute has no value. */
  valueStart: number;
  valueEnd: number;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const BANG = 33;
const QMARK = 63;

export function isXmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isNameEnd(c: number): boolean {
  return c === GT || c === SLASH || c === EQ || c === LT || c === DQ || c === SQ || isXmlSpace(c) || Number.isNaN(c);
}

export class XmlScanner {
  kind: Tok = Tok.EOF;
  start = 0;
  end = 0;
  name = '';
  nameStart = 0;
  nameEnd = 0;
  selfClosing = false;

  private pos: number;
  private nextDq = -2;
  private nextSq = -2;

  constructor(readonly text: string, from = 0) {
    this.pos = from;
  }

  next(): Tok {
    const t = this.text;
    const n = t.length;
    const p = this.pos;
    this.start = p;
    this.selfClosing = false;
    if (p >= n) {
      this.end = p;
      return (this.kind = Tok.EOF);
    }
    if (t.charCodeAt(p) !== LT) {
      const lt = t.indexOf('<', p);
      this.end = lt < 0 ? n : lt;
      this.pos = this.end;
      return (this.kind = Tok.Text);
    }
    const c1 = t.charCodeAt(p + 1);
    if (c1 === SLASH) return this.endTag(p);
    if (c1 === BANG) return this.bang(p);
    if (c1 === QMARK) return this.pi(p);
    if (isNameEnd(c1)) {
      this.end = p + 1;
      this.pos = this.end;
      return (this.kind = Tok.Invalid);
    }
    return this.startTag(p);
  }

  /** Attributes of the current start tag, parsed on demand. */
  attributes(): AttributeSpan[] {
    if (this.kind !== Tok.StartTag) return [];
    return parseAttributes(this.text, this.nameEnd, this.end);
  }

  private startTag(p: number): Tok {
    const t = this.text;
    const n = t.length;
    let i = p + 1;
    while (i < n && !isNameEnd(t.charCodeAt(i))) i++;
    this.nameStart = p + 1;
    this.nameEnd = i;
    this.name = t.slice(p + 1, i);
    // Fast path: no quote before the next '>' means the tag ends there.
    const gt = t.indexOf('>', i);
    const lt = t.indexOf('<', i);
    if (gt >= 0 && (lt < 0 || gt < lt) && this.noQuoteBetween(i, gt)) {
      this.end = gt + 1;
      this.selfClosing = t.charCodeAt(gt - 1) === SLASH;
    } else {
      this.end = slowTagEnd(t, i);
      this.selfClosing = t.charCodeAt(this.end - 1) === GT && t.charCodeAt(this.end - 2) === SLASH;
    }
    this.pos = this.end;
    return (this.kind = Tok.StartTag);
  }

  private endTag(p: number): Tok {
    const t = this.text;
    const n = t.length;
    let i = p + 2;
    while (i < n && !isNameEnd(t.charCodeAt(i))) i++;
    this.nameStart = p + 2;
    this.nameEnd = i;
    this.name = t.slice(p + 2, i);
    const gt = t.indexOf('>', i);
    const lt = t.indexOf('<', i);
    if (gt >= 0 && (lt < 0 || gt < lt)) {
      this.end = gt + 1;
    } else {
      this.end = lt < 0 ? n : lt;
    }
    this.pos = this.end;
    return (this.kind = Tok.EndTag);
  }

  private bang(p: number): Tok {
    const t = this.text;
    if (t.startsWith('<!--', p)) return this.delimited(p, '-->', 4, Tok.Comment);
    if (t.startsWith('<![CDATA[', p)) return this.delimited(p, ']]>', 9, Tok.CData);
    if (t.startsWith('<!DOCTYPE', p)) {
      this.end = doctypeEnd(t, p + 9);
      this.pos = this.end;
      return (this.kind = Tok.Doctype);
    }
    const gt = t.indexOf('>', p);
    this.end = gt < 0 ? t.length : gt + 1;
    this.pos = this.end;
    return (this.kind = Tok.Invalid);
  }

  private pi(p: number): Tok {
    const t = this.text;
    let i = p + 2;
    while (i < t.length && !isNameEnd(t.charCodeAt(i)) && t.charCodeAt(i) !== QMARK) i++;
    this.nameStart = p + 2;
    this.nameEnd = i;
    this.name = t.slice(p + 2, i);
    return this.delimited(p, '?>', 2, Tok.PI);
  }

  private delimited(p: number, close: string, open: number, kind: Tok): Tok {
    const e = this.text.indexOf(close, p + open);
    this.end = e < 0 ? this.text.length : e + close.length;
    this.pos = this.end;
    return (this.kind = kind);
  }

  private noQuoteBetween(from: number, to: number): boolean {
    const t = this.text;
    if (this.nextDq !== -1 && this.nextDq < from) this.nextDq = t.indexOf('"', from);
    if (this.nextSq !== -1 && this.nextSq < from) this.nextSq = t.indexOf("'", from);
    return (this.nextDq < 0 || this.nextDq > to) && (this.nextSq < 0 || this.nextSq > to);
  }
}

/** End of a start tag whose attribute values may hold '>' (or which is broken). */
function slowTagEnd(t: string, from: number): number {
  const n = t.length;
  let i = from;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === GT) return i + 1;
    if (c === LT) return i;
    if (c === DQ || c === SQ) {
      const q = t.indexOf(c === DQ ? '"' : "'", i + 1);
      if (q < 0) return n;
      const lt = t.indexOf('<', i + 1);
      // A '<' inside a quoted value is an error anyway; treat it as the tag's end to stay local.
      if (lt >= 0 && lt < q) return lt;
      i = q + 1;
      continue;
    }
    i++;
  }
  return n;
}

function doctypeEnd(t: string, from: number): number {
  const n = t.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === DQ || c === SQ) {
      const q = t.indexOf(c === DQ ? '"' : "'", i + 1);
      if (q < 0) return n;
      i = q + 1;
      continue;
    }
    if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth = Math.max(0, depth - 1);
    else if (c === GT && depth === 0) return i + 1;
    i++;
  }
  return n;
}

export function parseAttributes(t: string, from: number, to: number): AttributeSpan[] {
  const out: AttributeSpan[] = [];
  let i = from;
  while (i < to) {
    let c = t.charCodeAt(i);
    if (isXmlSpace(c) || c === SLASH) {
      i++;
      continue;
    }
    if (c === GT || c === LT) break;
    if (c === DQ || c === SQ) {
      const q = t.indexOf(c === DQ ? '"' : "'", i + 1);
      i = q < 0 || q >= to ? to : q + 1;
      continue;
    }
    const nameStart = i;
    while (i < to && !isNameEnd(t.charCodeAt(i))) i++;
    if (i === nameStart) {
      i++;
      continue;
    }
    const attr: AttributeSpan = { name: t.slice(nameStart, i), nameStart, nameEnd: i, valueStart: -1, valueEnd: -1 };
    let j = i;
    while (j < to && isXmlSpace(t.charCodeAt(j))) j++;
    if (t.charCodeAt(j) === EQ) {
      j++;
      while (j < to && isXmlSpace(t.charCodeAt(j))) j++;
      c = t.charCodeAt(j);
      if (c === DQ || c === SQ) {
        const q = t.indexOf(c === DQ ? '"' : "'", j + 1);
        const close = q < 0 || q >= to ? to : q;
        attr.valueStart = j + 1;
        attr.valueEnd = close;
        i = close + 1;
      } else {
        const vs = j;
        while (j < to && !isXmlSpace(t.charCodeAt(j)) && t.charCodeAt(j) !== GT) j++;
        attr.valueStart = vs;
        attr.valueEnd = j;
        i = j;
      }
    }
    out.push(attr);
  }
  return out;
}

export function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}
