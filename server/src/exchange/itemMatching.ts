import { XmlElement, parseXmlTree, walk } from '../xml/xmlTree';
import type { ItemOutcome } from './exchangeApi';

/**
 * Per-item results matched back to the request's items by TransportGUID (GIS-FACTS §2.3). A
 * request item is any element with a TransportGUID child, which is how every GIS import marks its
 * records (a few packages put the TransportGUID in the service's own namespace, one spells it
 * TransportGuid, so the local name in any case is what counts).
 */
/** volume-quality spells it TransportGuid. */
const isTransportGuid = (local: string) => local.toLowerCase() === 'transportguid';

export interface RequestItem {
  readonly transportGuid: string;
  readonly element: string;
  /** The TransportGUID of the nearest enclosing item (a contract's subject, a house's premises). */
  readonly parent?: string;
}

export function requestItems(request: XmlElement): RequestItem[] {
  const items: RequestItem[] = [];
  const itemOf = new Map<XmlElement, string>();
  walk(request, (e) => {
    if (e === request) return;
    const tg = e.children.find((c) => isTransportGuid(c.local))?.text.trim().toLowerCase();
    if (!tg) return;
    let up = e.parent;
    while (up && up !== request && !itemOf.has(up)) up = up.parent;
    itemOf.set(e, tg);
    items.push({ transportGuid: tg, element: e.local, parent: up ? itemOf.get(up) : undefined });
  });
  return items;
}

export function requestItemsOf(xml: string): RequestItem[] {
  const shapeRoot = parseXmlTree(xml);
  if (!shapeRoot) return [];
  const body = shapeRoot.local === 'Envelope' ? shapeRoot.children.find((c) => c.local === 'Body')?.children[0] : shapeRoot;
  return body ? requestItems(body) : [];
}

const childText = (e: XmlElement, local: string) => e.children.find((c) => c.local === local)?.text.trim() || undefined;

/**
 * Per-item results of a processed getStateResult: ImportResult / CommonResult (debt-requests
 * spells it importResult) with a TransportGUID. Exported records may carry the TransportGUID of
 * the import that made them (a contract's subjects do); those are data, not results.
 */
const RESULT_ELEMENT = /^(import|common)result$/i;

export function answerItems(result: XmlElement): Omit<ItemOutcome, 'item'>[] {
  const out: Omit<ItemOutcome, 'item'>[] = [];
  walk(result, (e) => {
    if (e === result || !RESULT_ELEMENT.test(e.local)) return;
    const tg = e.children.find((c) => isTransportGuid(c.local))?.text.trim();
    if (!tg) return;
    const errors = e.children
      .filter((c) => c.local === 'Error')
      .map((c) => ({ code: childText(c, 'ErrorCode') ?? '', description: childText(c, 'Description') ?? '' }));
    const guid = childText(e, 'GUID');
    const uniqueNumber = childText(e, 'UniqueNumber');
    const updateDate = childText(e, 'UpdateDate');
    out.push({ transportGuid: tg.toLowerCase(), ok: errors.length === 0, guid, uniqueNumber, updateDate, errors });
    return false;
  });
  return out;
}

/**
 * Each answered item with the request element it came from, and the request's items the answer
 * leaves out. GIS answers some nested items on their own (a house's premises) and others only
 * through their parent (a contract's subjects), so a nested item counts as unanswered only when
 * no enclosing item was answered either.
 */
export function matchItems(requested: readonly RequestItem[], answered: readonly Omit<ItemOutcome, 'item'>[]): { items: ItemOutcome[]; unanswered: string[] } {
  const byGuid = new Map(requested.map((r) => [r.transportGuid, r]));
  const items = answered.map((a) => ({ ...a, item: byGuid.get(a.transportGuid)?.element }));
  const seen = new Set(answered.map((a) => a.transportGuid));
  const covered = (r: RequestItem): boolean => {
    for (let p = r.parent; p !== undefined; p = byGuid.get(p)?.parent) if (seen.has(p)) return true;
    return false;
  };
  return { items, unanswered: requested.filter((r) => !seen.has(r.transportGuid) && !covered(r)).map((r) => r.transportGuid) };
}
