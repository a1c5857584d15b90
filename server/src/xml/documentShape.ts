import { decodeReferences } from './references';
import { AttributeSpan, Tok, XmlScanner, splitQName } from './scanner';

/**
 * The few elements that decide what a document is: the root, and for a SOAP 1.1 envelope its
 * header entries and the first element of its Body. Read with the tolerant scanner, stopping as
 * soon as the payload is known, so binding a 50 MB document costs microseconds.
 */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface ElementRef {
  qname: string;
  prefix: string;
  local: string;
  /** Resolved namespace; undefined when the prefix is not declared. */
  ns: string | undefined;
  start: number;
  nameStart: number;
  nameEnd: number;
  startTagEnd: number;
  attributes: AttributeSpan[];
  /** Namespace declarations in scope at this element (prefix '' is the default namespace). */
  scope: ReadonlyMap<string, string>;
}

export interface DocumentShape {
  root?: ElementRef;
  envelope: boolean;
  header?: ElementRef;
  headerEntries: ElementRef[];
  body?: ElementRef;
  /** The root, or the first element of the SOAP Body. */
  payload?: ElementRef;
  /** Every namespace URI declared on the elements read. */
  declaredNamespaces: Set<string>;
  hasDoctype: boolean;
}

interface Frame {
  scope: Map<string, string>;
  ref: ElementRef;
}

export function readDocumentShape(text: string): DocumentShape {
  const shape: DocumentShape = { envelope: false, headerEntries: [], declaredNamespaces: new Set(), hasDoctype: false };
  const sc = new XmlScanner(text);
  const stack: Frame[] = [];
  for (;;) {
    const tok = sc.next();
    if (tok === Tok.EOF) break;
    if (tok === Tok.Doctype) {
      shape.hasDoctype = true;
      continue;
    }
    if (tok === Tok.EndTag) {
      stack.pop();
      if (stack.length === 0 && shape.root) break;
      continue;
    }
    if (tok !== Tok.StartTag) continue;
    const parentScope = stack.length ? stack[stack.length - 1].scope : new Map<string, string>();
    const ref = elementRef(sc, parentScope, shape.declaredNamespaces);
    const depth = stack.length;
    if (depth === 0) {
      if (shape.root) break; // a second root: libxml2 reports it; nothing more to learn here
      shape.root = ref;
      shape.envelope = ref.ns === SOAP11_NS && ref.local === 'Envelope';
      if (!shape.envelope) {
        shape.payload = ref;
        break;
      }
    } else if (depth === 1) {
      if (ref.ns === SOAP11_NS && ref.local === 'Header') shape.header = ref;
      if (ref.ns === SOAP11_NS && ref.local === 'Body') shape.body = ref;
    } else if (depth === 2) {
      const parent = stack[1].ref;
      if (parent === shape.header) shape.headerEntries.push(ref);
      if (parent === shape.body) {
        shape.payload = ref;
        break;
      }
    }
    if (!sc.selfClosing) stack.push({ scope: ref.scope as Map<string, string>, ref });
  }
  return shape;
}

function elementRef(sc: XmlScanner, parentScope: Map<string, string>, declared: Set<string>): ElementRef {
  const attributes = sc.attributes();
  let scope = parentScope;
  for (const a of attributes) {
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
    if (scope === parentScope) scope = new Map(parentScope);
    const uri = a.valueStart >= 0 ? decodeReferences(sc.text.slice(a.valueStart, a.valueEnd)) : '';
    scope.set(a.name === 'xmlns' ? '' : a.name.slice(6), uri);
    if (uri) declared.add(uri);
  }
  const { prefix, local } = splitQName(sc.name);
  const ns = scope.get(prefix);
  return {
    qname: sc.name,
    prefix,
    local,
    ns: ns === '' && prefix === '' ? undefined : ns,
    start: sc.start,
    nameStart: sc.nameStart,
    nameEnd: sc.nameEnd,
    startTagEnd: sc.end,
    attributes,
    scope,
  };
}

/** The value of an attribute given by namespace and local name, if present. */
export function attributeValue(text: string, el: ElementRef, ns: string | undefined, local: string): string | undefined {
  for (const a of el.attributes) {
    const { prefix, local: l } = splitQName(a.name);
    if (l !== local || a.name.startsWith('xmlns')) continue;
    const attrNs = prefix ? el.scope.get(prefix) : undefined;
    if (attrNs === ns && a.valueStart >= 0) return decodeReferences(text.slice(a.valueStart, a.valueEnd));
  }
  return undefined;
}
