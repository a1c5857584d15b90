import { parseAttributes } from '../xml/scanner';
import { OpenElement, OpenElementIndex, openElement } from './openElements';

export type { OpenElement };

/**
 * Where the cursor is in an XML document, read tolerantly from the text before it (the rest may be
 * unfinished): the open elements around it with their namespace scopes and the children each has
 * so far, and whether the cursor is in a tag name, an attribute, a value or between elements.
 */

export type XmlContext =
  /** Between elements (or in whitespace): element offers. `partial` is what follows a typed '<'. */
  | { kind: 'content'; path: OpenElement[]; replaceFrom: number; partial?: string }
  /** Inside character data of the innermost element. */
  | { kind: 'text'; path: OpenElement[]; from: number; to: number }
  /** In the attribute area of a start tag; `element` is the tag's element (not yet in `path`). */
  | { kind: 'attributeName'; path: OpenElement[]; element: OpenElement; existing: string[]; replaceFrom: number }
  | { kind: 'attributeValue'; path: OpenElement[]; element: OpenElement; attribute: string; from: number; to: number }
  | { kind: 'none' };

export function xmlContext(text: string, offset: number, index = new OpenElementIndex()): XmlContext {
  const lt = text.lastIndexOf('<', offset - 1);
  const inTag = lt >= 0 && text.indexOf('>', lt) >= offset && !/^<[!?]/.test(text.slice(lt, lt + 2));
  const stack = index.openAt(text, inTag ? lt : offset);
  if (inTag) return tagContext(text, lt, offset, stack);
  const parent = stack[stack.length - 1];
  if (!parent) return { kind: 'none' };
  const before = text.lastIndexOf('>', offset - 1);
  const after = text.indexOf('<', offset);
  const from = before + 1;
  const to = after < 0 ? text.length : after;
  const typed = text.slice(from, offset);
  if (typed.trim() === '' && text.slice(offset, to).trim() === '') return { kind: 'content', path: stack, replaceFrom: offset };
  return { kind: 'text', path: stack, from, to };
}

export interface TagAt {
  /** The open elements around the tag (its parent last). */
  path: OpenElement[];
  element: OpenElement;
  /** The name under the cursor: the tag's own or one of its attributes'. */
  attribute?: string;
  from: number;
  to: number;
}

/** The start- or end-tag name, or attribute name, under the cursor (for hover and navigation). */
export function tagAt(text: string, offset: number, index = new OpenElementIndex()): TagAt | undefined {
  const lt = text.lastIndexOf('<', offset);
  if (lt < 0) return undefined;
  const gt = text.indexOf('>', lt);
  if (gt >= 0 && gt < offset) return undefined;
  const closing = text[lt + 1] === '/';
  const nameFrom = lt + (closing ? 2 : 1);
  const qname = /^[^\s/>]*/.exec(text.slice(nameFrom, nameFrom + 512))?.[0] ?? '';
  if (!qname || /^[!?]/.test(qname)) return undefined;
  const before = xmlContext(text, lt, index);
  const path = before.kind === 'content' || before.kind === 'text' ? before.path : [];
  if (closing) {
    const element = path[path.length - 1];
    if (!element || offset > nameFrom + qname.length) return undefined;
    return { path: path.slice(0, -1), element, from: nameFrom, to: nameFrom + qname.length };
  }
  const end = gt < 0 ? Math.min(text.length, lt + 4096) : gt;
  const element = { ...openElement(qname, lt, text, nameFrom + qname.length, end, path[path.length - 1]?.scope), children: [] };
  if (offset <= nameFrom + qname.length) return { path, element, from: nameFrom, to: nameFrom + qname.length };
  const a = parseAttributes(text, nameFrom + qname.length, end).find((x) => offset >= x.nameStart && offset <= x.nameEnd);
  return a ? { path, element, attribute: a.name, from: a.nameStart, to: a.nameEnd } : undefined;
}

function tagContext(text: string, lt: number, offset: number, stack: OpenElement[]): XmlContext {
  const piece = text.slice(lt, offset);
  if (piece.startsWith('</')) return { kind: 'none' };
  const name = /^<([^\s/>]*)$/.exec(piece);
  if (name) return { kind: 'content', path: stack, replaceFrom: lt, partial: name[1] };
  const qname = /^<([^\s/>]+)/.exec(piece)?.[1] ?? '';
  const el = { ...openElement(qname, lt, text, lt + 1 + qname.length, offset, stack[stack.length - 1]?.scope), children: [] };
  const attrs = parseAttributes(text, lt + 1 + qname.length, offset);
  const value = /([^\s=]+)\s*=\s*(["'])([^"']*)$/.exec(piece);
  if (value) {
    const from = offset - value[3].length;
    const close = text.indexOf(value[2], offset);
    return { kind: 'attributeValue', path: stack, element: el, attribute: value[1], from, to: close < 0 ? offset : close };
  }
  const partial = /[^\s"'=<>]*$/.exec(piece)?.[0] ?? '';
  return {
    kind: 'attributeName',
    path: stack,
    element: el,
    existing: attrs.map((a) => a.name),
    replaceFrom: offset - partial.length,
  };
}
