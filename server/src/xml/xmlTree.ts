import { decodeReferences } from './references';
import { Tok, XmlScanner, splitQName } from './scanner';

/**
 * A namespace-aware element tree with offsets, for schema and WSDL files. QName-valued
 * attributes (type, ref, base, element, message) need the namespace declarations in scope
 * where they appear, which plain object-mapping parsers do not keep.
 */
export interface XmlElement {
  ns: string | undefined;
  local: string;
  qname: string;
  attrs: XmlAttr[];
  children: XmlElement[];
  /** Direct character data, references decoded. */
  text: string;
  start: number;
  nameStart: number;
  nameEnd: number;
  parent: XmlElement | undefined;
  scope: ReadonlyMap<string, string>;
}

export interface XmlAttr {
  ns: string | undefined;
  local: string;
  qname: string;
  value: string;
  nameStart: number;
  valueStart: number;
}

export interface QName {
  ns: string | undefined;
  local: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function parseXmlTree(text: string): XmlElement | undefined {
  const sc = new XmlScanner(text);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    const tok = sc.next();
    if (tok === Tok.EOF) break;
    const top = stack[stack.length - 1];
    if (tok === Tok.StartTag) {
      const el = element(sc, top);
      if (top) top.children.push(el);
      else if (!root) root = el;
      else break;
      if (!sc.selfClosing) stack.push(el);
    } else if (tok === Tok.EndTag) {
      stack.pop();
      if (stack.length === 0 && root) break;
    } else if (top && tok === Tok.Text) {
      top.text += decodeReferences(text.slice(sc.start, sc.end));
    } else if (top && tok === Tok.CData) {
      top.text += text.slice(sc.start + 9, sc.end - 3);
    }
  }
  return root;
}

function element(sc: XmlScanner, parent: XmlElement | undefined): XmlElement {
  const spans = sc.attributes();
  const parentScope = parent?.scope ?? new Map<string, string>();
  let scope = parentScope;
  for (const a of spans) {
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
    if (scope === parentScope) scope = new Map(parentScope);
    (scope as Map<string, string>).set(a.name === 'xmlns' ? '' : a.name.slice(6), attrValue(sc.text, a.valueStart, a.valueEnd));
  }
  const attrs: XmlAttr[] = [];
  for (const a of spans) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    const { prefix, local } = splitQName(a.name);
    attrs.push({
      ns: prefix === 'xml' ? XML_NS : prefix ? scope.get(prefix) : undefined,
      local,
      qname: a.name,
      value: attrValue(sc.text, a.valueStart, a.valueEnd),
      nameStart: a.nameStart,
      valueStart: a.valueStart,
    });
  }
  const { prefix, local } = splitQName(sc.name);
  const ns = scope.get(prefix);
  return {
    ns: ns === '' ? undefined : ns,
    local,
    qname: sc.name,
    attrs,
    children: [],
    text: '',
    start: sc.start,
    nameStart: sc.nameStart,
    nameEnd: sc.nameEnd,
    parent,
    scope,
  };
}

function attrValue(text: string, s: number, e: number): string {
  return s < 0 ? '' : decodeReferences(text.slice(s, e));
}

export function attr(el: XmlElement, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === undefined) return a.value;
  return undefined;
}

export function children(el: XmlElement, ns: string, local?: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && (local === undefined || c.local === local));
}

export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

/** Resolves a QName-valued attribute against the declarations in scope at `el`. */
export function resolveQName(el: XmlElement, value: string): QName {
  const { prefix, local } = splitQName(value.trim());
  const ns = el.scope.get(prefix);
  return { ns: ns === '' ? undefined : ns, local };
}

export function qnameKey(q: QName): string {
  return `{${q.ns ?? ''}}${q.local}`;
}

/** Depth-first walk; `visit` returning false skips the element's subtree. */
export function walk(el: XmlElement, visit: (e: XmlElement) => boolean | void): void {
  const stack: XmlElement[] = [el];
  while (stack.length) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
  }
}
