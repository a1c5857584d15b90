import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Tok, XmlScanner, splitQName } from '../xml/scanner';

/**
 * The outline of a GIS document (its records with their key fields: TransportGUID, FIAS GUID,
 * account and meter numbers) and folding ranges, from one scan of the text.
 */

/** Fields that identify a record, in the order they are shown. */
const KEY_FIELDS = [
  'TransportGUID',
  'FIASHouseGuid',
  'FIASHouseGUID',
  'AccountNumber',
  'UnifiedAccountNumber',
  'ServiceID',
  'AccountGUID',
  'MeteringDeviceNumber',
  'MeteringDeviceRootGUID',
  'PaymentDocumentNumber',
  'PaymentDocumentID',
  'PremisesNum',
  'ContractGUID',
  'NotificationsOfOrderExecutionGUID',
  'Code',
];
const KEY_RANK = new Map(KEY_FIELDS.map((k, i) => [k, i]));
const MAX_SYMBOLS = 20_000;
const MAX_DETAIL_FIELDS = 3;
/** Deeper elements are not outlined: the answer must stay serialisable (JSON nesting) and readable. */
const MAX_DEPTH = 64;

interface Frame {
  name: string;
  start: number;
  nameStart: number;
  nameEnd: number;
  contentStart: number;
  children: DocumentSymbol[];
  keys: { rank: number; text: string }[];
  hasChild: boolean;
}

export function documentSymbols(doc: TextDocument): DocumentSymbol[] {
  const text = doc.getText();
  const roots: DocumentSymbol[] = [];
  const stack: Frame[] = [];
  let count = 0;
  const sc = new XmlScanner(text);
  for (let tok = sc.next(); tok !== Tok.EOF; tok = sc.next()) {
    if (tok === Tok.StartTag) {
      const parent = stack[stack.length - 1];
      if (parent) parent.hasChild = true;
      if (!sc.selfClosing) stack.push({ name: sc.name, start: sc.start, nameStart: sc.nameStart, nameEnd: sc.nameEnd, contentStart: sc.end, children: [], keys: [], hasChild: false });
      else if (stack.length === 0) roots.push(leafSymbol(doc, sc.name, sc.start, sc.end, sc.nameStart, sc.nameEnd));
    } else if (tok === Tok.EndTag) {
      const f = stack.pop();
      if (!f) continue;
      const parent = stack[stack.length - 1];
      if (!f.hasChild && !parent) {
        roots.push(leafSymbol(doc, f.name, f.start, sc.end, f.nameStart, f.nameEnd));
        continue;
      }
      if (!f.hasChild) {
        // A value: it names its record when it is a key field.
        const rank = KEY_RANK.get(splitQName(f.name).local);
        if (parent && rank !== undefined) parent.keys.push({ rank, text: `${splitQName(f.name).local}: ${text.slice(f.contentStart, sc.start).trim()}` });
        continue;
      }
      if (count >= MAX_SYMBOLS || stack.length >= MAX_DEPTH) continue;
      count++;
      const symbol: DocumentSymbol = {
        name: f.name,
        detail: f.keys
          .sort((a, b) => a.rank - b.rank)
          .slice(0, MAX_DETAIL_FIELDS)
          .map((k) => k.text)
          .join(', '),
        kind: f.keys.length ? SymbolKind.Struct : SymbolKind.Object,
        range: { start: doc.positionAt(f.start), end: doc.positionAt(sc.end) },
        selectionRange: { start: doc.positionAt(f.nameStart), end: doc.positionAt(f.nameEnd) },
        children: f.children,
      };
      (parent ? parent.children : roots).push(symbol);
    }
  }
  return roots;
}

/** The root element even when it has no element children: an outline is never empty for a document. */
function leafSymbol(doc: TextDocument, name: string, start: number, end: number, nameStart: number, nameEnd: number): DocumentSymbol {
  return {
    name,
    kind: SymbolKind.Object,
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
    selectionRange: { start: doc.positionAt(nameStart), end: doc.positionAt(nameEnd) },
    children: [],
  };
}

export function foldingRanges(doc: TextDocument, limit = 50_000): FoldingRange[] {
  const text = doc.getText();
  const out: FoldingRange[] = [];
  const stack: number[] = [];
  const sc = new XmlScanner(text);
  for (let tok = sc.next(); tok !== Tok.EOF && out.length < limit; tok = sc.next()) {
    if (tok === Tok.StartTag && !sc.selfClosing) stack.push(doc.positionAt(sc.start).line);
    else if (tok === Tok.EndTag) {
      const startLine = stack.pop();
      const endLine = doc.positionAt(sc.start).line;
      // The end tag's line stays visible.
      if (startLine !== undefined && endLine - 1 > startLine) out.push({ startLine, endLine: endLine - 1 });
    } else if (tok === Tok.Comment) {
      const a = doc.positionAt(sc.start).line;
      const b = doc.positionAt(sc.end).line;
      if (b > a) out.push({ startLine: a, endLine: b, kind: FoldingRangeKind.Comment });
    }
  }
  return out;
}
