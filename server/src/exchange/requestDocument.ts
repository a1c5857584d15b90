import type { Operation } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import { ElementRef, readDocumentShape } from '../xml/documentShape';
import { escapeAttr } from '../xml/escape';
import { Tok, XmlScanner } from '../xml/scanner';
import { parseXmlTree } from '../xml/xmlTree';
import { ExchangeError } from './exchangeError';

/**
 * The request the user opened, bare or in an envelope: its element's text (exactly as written,
 * with the namespace declarations it relied on from the envelope added to its start tag), the
 * operation the catalog binds it to, and the sender fields of a header it already had.
 */
export interface RequestDocument {
  readonly operation: Operation;
  /** The request element alone, self-contained. */
  readonly requestXml: string;
  /** Header fields found in the document, used when the stand sets none. */
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
  /** RequestHeader: the request is signed by the operator on the organisation's behalf. */
  readonly isOperatorSignature?: boolean;
  /** ISRequestHeader: the third-party systems the data was prepared in. */
  readonly isCreators?: readonly { name: string; operator: string }[];
}

export function readRequestDocument(text: string, contents: PackageContents, service?: string): RequestDocument {
  const shape = readDocumentShape(text);
  const payload = shape.payload;
  if (!payload) {
    throw new ExchangeError('no-request', 'В документе нет элемента запроса (корень или первый элемент SOAP Body)', 'The document has no request element (the root or the first element of the SOAP Body)');
  }
  const candidates = contents.catalog.forRequest({ ns: payload.ns, local: payload.local }).filter((o) => !service || o.service === service);
  if (candidates.length === 0) {
    throw new ExchangeError('unknown-operation', `Пакет форматов ${contents.pkg.version} не знает запроса ${payload.local}`, `Format package ${contents.pkg.version} has no operation for ${payload.local}`);
  }
  if (candidates.length > 1 || candidates[0].name === 'getState') {
    throw new ExchangeError('poll-request', 'getState отправляет само расширение: используйте «Получить состояние» для сообщения из журнала', 'getState is sent by the product itself: use "Get State" on a journal message');
  }
  const end = elementEnd(text, payload);
  const requestXml = withInheritedNamespaces(text, payload, end);
  const header = shape.headerEntries.find((h) => h.local === candidates[0].headerKind || h.local === 'RequestHeader' || h.local === 'ISRequestHeader');
  return { operation: candidates[0], requestXml, ...headerFields(text, header) };
}

/** Offset just after the element's end tag. */
export function elementEnd(text: string, el: ElementRef): number {
  if (text.charCodeAt(el.startTagEnd - 2) === 0x2f) return el.startTagEnd;
  const sc = new XmlScanner(text, el.startTagEnd);
  let depth = 1;
  for (;;) {
    const tok = sc.next();
    if (tok === Tok.EOF) throw new ExchangeError('malformed', `Элемент ${el.qname} не закрыт`, `Element ${el.qname} is not closed`);
    if (tok === Tok.StartTag && !sc.selfClosing) depth++;
    else if (tok === Tok.EndTag && --depth === 0) return sc.end;
  }
}

function withInheritedNamespaces(text: string, el: ElementRef, end: number): string {
  const own = new Set(el.attributes.filter((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:')).map((a) => (a.name === 'xmlns' ? '' : a.name.slice(6))));
  let decl = '';
  for (const [prefix, uri] of el.scope) {
    if (own.has(prefix) || prefix === 'xml') continue;
    decl += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttr(uri)}"`;
  }
  return text.slice(el.start, el.nameEnd) + decl + text.slice(el.nameEnd, end);
}

function headerFields(text: string, header: ElementRef | undefined): Omit<RequestDocument, 'operation' | 'requestXml'> {
  if (!header) return {};
  const tree = parseXmlTree(withInheritedNamespaces(text, header, elementEnd(text, header)));
  if (!tree) return {};
  const value = (local: string) => tree.children.find((c) => c.local === local)?.text.trim() || undefined;
  const creators = tree.children
    .filter((c) => c.local === 'ISCreator')
    .map((c) => ({ name: c.children.find((x) => x.local === 'ISName')?.text.trim() ?? '', operator: c.children.find((x) => x.local === 'ISOperatorName')?.text.trim() ?? '' }))
    .filter((c) => c.name && c.operator);
  return {
    orgPPAGUID: value('orgPPAGUID'),
    senderId: value('SenderID'),
    isOperatorSignature: value('IsOperatorSignature') === 'true' || value('IsOperatorSignature') === '1' || undefined,
    isCreators: creators.length ? creators : undefined,
  };
}
