import { escapeAttr, escapeText } from '../../xml/escape';
import { XmlElement, parseXmlTree } from '../../xml/xmlTree';

/**
 * Building answer XML for the sandbox's operations. Every answer uses the same prefixes for the
 * same namespaces (declared once on getStateResult through ProcessedResult.namespaces), so pieces
 * of requests kept in the database as XML text can be put back into any later answer.
 */

const GIS = 'http://dom.gosuslugi.ru/schema/integration/';

export const NS = {
  base: `${GIS}base/`,
  hm: `${GIS}house-management/`,
  dm: `${GIS}device-metering/`,
  nsi: `${GIS}nsi/`,
  'nsi-common': `${GIS}nsi-common/`,
  ro: `${GIS}organizations-registry-common/`,
  'nsi-base': `${GIS}nsi-base/`,
  mdb: `${GIS}metering-device-base/`,
  'premises-base': `${GIS}premises-base/`,
  'account-base': `${GIS}account-base/`,
  'individual-registry-base': `${GIS}individual-registry-base/`,
  'organizations-registry-base': `${GIS}organizations-registry-base/`,
  'organizations-base': `${GIS}organizations-base/`,
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export type Prefix = keyof typeof NS;

const PREFIX_BY_URI = new Map<string, string>(Object.entries(NS).map(([p, uri]) => [uri, p]));

/** The declarations every answer of these services carries (unused ones are harmless). */
export function answerNamespaces(): Record<string, string> {
  return { ...NS };
}

/** `<p:local>content</p:local>`; nothing when content is undefined or null. */
export function el(prefix: Prefix, local: string, content: string | undefined | null, attrs = ''): string {
  if (content === undefined || content === null) return '';
  return content === '' ? `<${prefix}:${local}${attrs}/>` : `<${prefix}:${local}${attrs}>${content}</${prefix}:${local}>`;
}

/** A leaf with escaped text; nothing when the value is undefined, null or empty. */
export function leaf(prefix: Prefix, local: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  return `<${prefix}:${local}>${escapeText(String(value))}</${prefix}:${local}>`;
}

export interface NsiRefData {
  code: string;
  guid: string;
  name?: string | null;
}

/** An nsi-base:nsiRef content (Code, GUID, Name?). */
export function nsiRefXml(r: NsiRefData): string {
  return leaf('nsi-base', 'Code', r.code) + leaf('nsi-base', 'GUID', r.guid) + leaf('nsi-base', 'Name', r.name ?? undefined);
}

export interface CopyOptions {
  /** Namespace of the copy's elements, by the source namespace (e.g. a document's ID into hm). */
  remap?: Readonly<Record<string, string>>;
  /** Local name of the copy's root element. */
  rename?: string;
  /** Leaves out children (at any depth) for which this returns true. */
  skip?(e: XmlElement): boolean;
}

/**
 * Serializes an element of a parsed request with the answer's prefixes. An element in a
 * namespace outside NS declares it on itself, so the copy stays well-formed anywhere.
 */
export function copyXml(e: XmlElement, o: CopyOptions = {}, depth = 0): string {
  const uri = (e.ns !== undefined && o.remap?.[e.ns]) || e.ns;
  const local = depth === 0 && o.rename ? o.rename : e.local;
  let name: string;
  let decl = '';
  if (uri === undefined) name = local;
  else {
    const p = PREFIX_BY_URI.get(uri);
    if (p) name = `${p}:${local}`;
    else {
      name = `x:${local}`;
      decl = ` xmlns:x="${escapeAttr(uri)}"`;
    }
  }
  // Only plain attributes travel: xsi:type and the like would need their QName values rewritten.
  const attrs = e.attrs
    .filter((a) => a.ns === undefined)
    .map((a) => ` ${a.local}="${escapeAttr(a.value)}"`)
    .join('');
  const kids = e.children.filter((c) => !o.skip?.(c));
  if (kids.length === 0) {
    // Leaves keep their text; an element that only had skipped children becomes empty.
    const text = e.children.length === 0 ? e.text : '';
    return text === '' ? `<${name}${decl}${attrs}/>` : `<${name}${decl}${attrs}>${escapeText(text)}</${name}>`;
  }
  return `<${name}${decl}${attrs}>${kids.map((c) => copyXml(c, o, depth + 1)).join('')}</${name}>`;
}

/** The content (children) of an element, copied. */
export function copyChildren(e: XmlElement, o: CopyOptions = {}): string {
  return e.children
    .filter((c) => !o.skip?.(c))
    .map((c) => copyXml(c, o, 1))
    .join('');
}

/** Local names of an element's children and their copies, in document order. */
export type FieldBag = Record<string, string[]>;

/** Children of an element as a FieldBag (the copies keep the answer's prefixes). */
export function fieldBag(e: XmlElement, skip?: (c: XmlElement) => boolean): FieldBag {
  const bag: FieldBag = {};
  for (const c of e.children) {
    if (skip?.(c)) continue;
    (bag[c.local] ??= []).push(copyXml(c));
  }
  return bag;
}

/**
 * Merges an update into a stored bag: a name the update carries replaces the stored values
 * (InheritMissingValues semantics: what is not sent stays). Names in `exclusive` groups replace
 * each other (a CadastralNumber sent removes a stored NoCadastralNumber).
 */
export function mergeBags(stored: FieldBag, update: FieldBag, exclusive: readonly (readonly string[])[] = []): FieldBag {
  const out: FieldBag = { ...stored };
  for (const [k, v] of Object.entries(update)) {
    for (const group of exclusive) if (group.includes(k)) for (const other of group) if (other !== k) delete out[other];
    out[k] = v;
  }
  return out;
}

/** The bag's values for these names, in this order. */
export function emitBag(bag: FieldBag, order: readonly string[]): string {
  let s = '';
  for (const k of order) for (const v of bag[k] ?? []) s += v;
  return s;
}

export function parseBag(json: unknown): FieldBag {
  if (typeof json !== 'string' || json === '') return {};
  return JSON.parse(json) as FieldBag;
}

/**
 * Parses XML text written with the answer's prefixes (stored copies, seed data) back into a tree:
 * the children of the returned element are the fragment's top-level elements.
 */
export function parseFragment(xml: string): XmlElement {
  const decls = Object.entries(NS)
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join('');
  const root = parseXmlTree(`<fragment${decls}>${xml}</fragment>`);
  if (!root) throw new Error('stored XML fragment does not parse');
  return root;
}

/** A FieldBag from XML text with the answer's prefixes (seed data is written that way). */
export function bagFromFragment(xml: string): FieldBag {
  return fieldBag(parseFragment(xml));
}
