import { escapeAttr, escapeText } from '../../../xml/escape';
import type { XmlElement } from '../../../xml/xmlTree';
import { prefixOf } from './ns';

/**
 * Reading requests (namespace-aware children, trimmed text) and writing answers (escaped text,
 * elements that vanish when their value is absent), without a DOM.
 */

export function kid(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.ns === ns && c.local === local);
}

export function kids(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.ns === ns && c.local === local) : [];
}

/** Trimmed text of a child, or undefined when the child is missing. */
export function txt(el: XmlElement | undefined, ns: string, local: string): string | undefined {
  const c = kid(el, ns, local);
  return c ? c.text.trim() : undefined;
}

export function texts(el: XmlElement | undefined, ns: string, local: string): string[] {
  return kids(el, ns, local).map((c) => c.text.trim());
}

export function attrOf(el: XmlElement | undefined, local: string): string | undefined {
  return el?.attrs.find((a) => a.local === local && a.ns === undefined)?.value;
}

export { escapeAttr, escapeText } from '../../../xml/escape';

export type Content = string | undefined | null | false | readonly Content[];

function flatten(c: Content): string {
  if (c === undefined || c === null || c === false) return '';
  if (typeof c === 'string') return c;
  return c.map(flatten).join('');
}

/** An element with already-written child content; `attrs` values are escaped here. */
export function el(name: string, ...content: Content[]): string {
  return `<${name}>${content.map(flatten).join('')}</${name}>`;
}

export function elAttrs(name: string, attrs: Readonly<Record<string, string | undefined>>, ...content: Content[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v!)}"`)
    .join('');
  const body = content.map(flatten).join('');
  return body ? `<${name}${a}>${body}</${name}>` : `<${name}${a}/>`;
}

/** A leaf with escaped text; nothing at all when the value is absent or empty. */
export function leaf(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/**
 * A request subtree written again with the answer's prefixes (the request may use any prefixes).
 * Used where the answer's structure repeats the request's (debt information, attachments).
 */
export function rewrite(e: XmlElement): string {
  const name = qualified(e);
  const attrs = e.attrs
    .filter((a) => !(a.ns === undefined && a.local === 'Id') && (a.ns === undefined || prefixOf(a.ns) !== undefined))
    .map((a) => ` ${a.ns ? `${prefixOf(a.ns)}:` : ''}${a.local}="${escapeAttr(a.value)}"`)
    .join('');
  if (e.children.length === 0) {
    const t = e.text.trim();
    return t ? `<${name}${attrs}>${escapeText(t)}</${name}>` : `<${name}${attrs}/>`;
  }
  return `<${name}${attrs}>${e.children.map(rewrite).join('')}</${name}>`;
}

function qualified(e: XmlElement): string {
  const p = prefixOf(e.ns);
  if (p === undefined) throw new Error(`no answer prefix for namespace ${e.ns ?? '(none)'} of ${e.local}`);
  return `${p}:${e.local}`;
}
