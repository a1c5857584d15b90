import { AttributeSpan, Tok, XmlScanner, isXmlSpace } from './scanner';

/**
 * Finds elements by their child-index path (the index of the element among its parent's element
 * children, from the root down: [] is the root, [1, 0] the first child of the root's second
 * child). libxml2 tells which node an error is about; its path is computed from the node, so
 * the element is found exactly even when a line holds many elements of the same name.
 */
export type ElementPath = readonly number[];

export interface ElementLocation {
  path: ElementPath;
  qname: string;
  start: number;
  nameStart: number;
  nameEnd: number;
  startTagEnd: number;
  selfClosing: boolean;
  attributes: AttributeSpan[];
  /** Offset where the content ends (the end tag's '<'); startTagEnd for an empty element. */
  contentEnd: number;
  /** Text directly inside the element, trimmed of surrounding whitespace; absent when there is none. */
  textStart?: number;
  textEnd?: number;
}

function comparePaths(a: ElementPath, b: ElementPath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

interface Frame {
  childCount: number;
  location?: ElementLocation;
}

/**
 * Locates every path in one pass over the text, stopping once the last one is closed.
 * Paths that match no element (a document libxml2 saw differently) are simply absent.
 */
export function locateElements(text: string, paths: readonly ElementPath[]): Map<string, ElementLocation> {
  const found = new Map<string, ElementLocation>();
  const wanted = [...new Map(paths.map((p) => [p.join('/'), p])).values()].sort(comparePaths);
  if (wanted.length === 0) return found;
  const sc = new XmlScanner(text);
  const stack: Frame[] = [];
  const current: number[] = [];
  let rootSeen = false;
  let next = 0;
  let open = 0;
  for (;;) {
    const tok = sc.next();
    if (tok === Tok.EOF) break;
    if (tok === Tok.StartTag) {
      let index = 0;
      if (stack.length > 0) {
        index = stack[stack.length - 1].childCount++;
        current.push(index);
      } else if (rootSeen) {
        break; // content after the root element is not part of the tree libxml2 validated
      } else {
        rootSeen = true;
      }
      const frame: Frame = { childCount: 0 };
      while (next < wanted.length && comparePaths(wanted[next], current) < 0) next++;
      if (next < wanted.length && comparePaths(wanted[next], current) === 0) {
        const loc: ElementLocation = {
          path: wanted[next],
          qname: sc.name,
          start: sc.start,
          nameStart: sc.nameStart,
          nameEnd: sc.nameEnd,
          startTagEnd: sc.end,
          selfClosing: sc.selfClosing,
          attributes: sc.attributes(),
          contentEnd: sc.end,
        };
        found.set(wanted[next].join('/'), loc);
        next++;
        if (!sc.selfClosing) {
          frame.location = loc;
          open++;
        }
      }
      if (sc.selfClosing) {
        if (stack.length > 0) current.pop();
      } else {
        stack.push(frame);
      }
      if (next >= wanted.length && open === 0) break;
    } else if (tok === Tok.EndTag) {
      const frame = stack.pop();
      if (stack.length > 0) current.pop();
      if (frame?.location) {
        frame.location.contentEnd = sc.start;
        open--;
        if (next >= wanted.length && open === 0) break;
      }
      if (stack.length === 0 && rootSeen) {
        if (next >= wanted.length) break;
      }
    } else if ((tok === Tok.Text || tok === Tok.CData) && stack.length > 0) {
      const loc = stack[stack.length - 1].location;
      if (loc && loc.textStart === undefined) {
        const [s, e] = tok === Tok.CData ? [sc.start + 9, Math.max(sc.start + 9, sc.end - 3)] : trimmed(text, sc.start, sc.end);
        if (e > s) {
          loc.textStart = s;
          loc.textEnd = e;
        }
      }
    }
  }
  return found;
}

function trimmed(text: string, s: number, e: number): [number, number] {
  while (s < e && isXmlSpace(text.charCodeAt(s))) s++;
  while (e > s && isXmlSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}
