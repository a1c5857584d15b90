import { Tok, XmlScanner, parseAttributes, splitQName } from '../xml/scanner';
import { decodeReferences } from '../xml/references';

/**
 * What the rules look at, in one pass over the text: every element with character data only (a
 * "value"), and the request element with its attributes and first child.
 */

export interface ValueElement {
  ns: string | undefined;
  local: string;
  /** Local name of the enclosing element. */
  parent: string | undefined;
  value: string;
  /** Offsets of the raw character data (between the tags) and of the start tag's name. */
  valueStart: number;
  valueEnd: number;
  nameStart: number;
  nameEnd: number;
}

export interface RequestFacts {
  ns: string | undefined;
  local: string;
  nameStart: number;
  nameEnd: number;
  version?: { value: string; start: number; end: number };
  firstChild?: { ns: string | undefined; local: string };
  /** Count of descendant elements by local name. */
  counts: Map<string, number>;
}


const BASE_NS = 'http://dom.gosuslugi.ru/schema/integration/base/';

interface Frame {
  ns: string | undefined;
  local: string;
  scope: ReadonlyMap<string, string>;
  nameStart: number;
  nameEnd: number;
  contentStart: number;
  hasChild: boolean;
}

/**
 * `payloadStart`: offset of the request element's '<' (the root, or the first element of the SOAP
 * Body). Each value goes to `onValue` as it is met; the request's facts come back at the end.
 */
export function documentFacts(text: string, payloadStart: number | undefined, onValue: (v: ValueElement) => void): RequestFacts | undefined {
  let request: RequestFacts | undefined;
  let requestDepth = -1;
  const stack: Frame[] = [];
  const sc = new XmlScanner(text);
  for (let tok = sc.next(); tok !== Tok.EOF; tok = sc.next()) {
    if (tok === Tok.StartTag) {
      const parent = stack[stack.length - 1];
      if (parent) parent.hasChild = true;
      // Only namespace declarations and the request's own attributes matter: most tags have neither.
      const wanted = sc.start === payloadStart || text.substring(sc.nameEnd, sc.end).includes('xmlns');
      const attrs = wanted ? parseAttributes(text, sc.nameEnd, sc.end) : [];
      let scope = parent?.scope ?? new Map<string, string>();
      for (const a of attrs) {
        if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
        if (scope === parent?.scope || scope.size === 0) scope = new Map(scope);
        (scope as Map<string, string>).set(a.name === 'xmlns' ? '' : a.name.slice(6), a.valueStart < 0 ? '' : text.slice(a.valueStart, a.valueEnd));
      }
      const { prefix, local } = splitQName(sc.name);
      const ns = scope.get(prefix) || undefined;
      if (request) {
        if (stack.length === requestDepth + 1 && !request.firstChild) request.firstChild = { ns, local };
        request.counts.set(local, (request.counts.get(local) ?? 0) + 1);
      }
      if (!request && sc.start === payloadStart) {
        request = { ns, local, nameStart: sc.nameStart, nameEnd: sc.nameEnd, counts: new Map() };
        requestDepth = stack.length;
        for (const a of attrs) {
          const q = splitQName(a.name);
          if (q.local === 'version' && q.prefix && scope.get(q.prefix) === BASE_NS && a.valueStart >= 0) {
            request.version = { value: text.slice(a.valueStart, a.valueEnd), start: a.valueStart, end: a.valueEnd };
          }
        }
      }
      if (!sc.selfClosing) stack.push({ ns, local, scope, nameStart: sc.nameStart, nameEnd: sc.nameEnd, contentStart: sc.end, hasChild: false });
    } else if (tok === Tok.EndTag) {
      const f = stack.pop();
      if (f && !f.hasChild) {
        const raw = text.slice(f.contentStart, sc.start);
        onValue({
          ns: f.ns,
          local: f.local,
          parent: stack[stack.length - 1]?.local,
          value: raw.includes('&') ? decodeReferences(raw) : raw,
          valueStart: f.contentStart,
          valueEnd: sc.start,
          nameStart: f.nameStart,
          nameEnd: f.nameEnd,
        });
      }
    }
  }
  return request;
}
