import type { ProcessedResult } from '../../operationHandler';
import type { ItemError } from './codes';
import { PREFIXES } from './ns';
import { el, leaf } from './xml';

/** What one imported item came to: its identifiers, or its errors (matched by TransportGUID). */
export type ItemOutcome =
  | { readonly transportGuid: string; readonly guid?: string; readonly uniqueNumber?: string; readonly updateDate: string }
  | { readonly transportGuid: string; readonly errors: readonly ItemError[] };

export function ok(transportGuid: string, guid: string | undefined, updateDate: string, uniqueNumber?: string): ItemOutcome {
  return { transportGuid, guid, uniqueNumber, updateDate };
}

export function failed(transportGuid: string, ...errors: ItemError[]): ItemOutcome {
  return { transportGuid, errors };
}

export function answer(xml: string): ProcessedResult {
  return { xml, namespaces: PREFIXES };
}

export function errorXml(name: string, e: ItemError): string {
  return el(name, leaf('base:ErrorCode', e.code), leaf('base:Description', e.description));
}

/** The per-item results (base:CommonResultType) under the service's element name. */
export function importResults(elementName: string, items: readonly ItemOutcome[]): ProcessedResult {
  const xml = items
    .map((it) =>
      'errors' in it
        ? el(elementName, leaf('base:TransportGUID', it.transportGuid), it.errors.map((e) => errorXml('base:Error', e)))
        : el(
            elementName,
            leaf('base:GUID', it.guid),
            leaf('base:TransportGUID', it.transportGuid),
            leaf('base:UniqueNumber', it.uniqueNumber),
            leaf('base:UpdateDate', it.updateDate),
          ),
    )
    .join('');
  return answer(xml);
}

/** A whole-message answer: nothing to export, or a request the stand cannot take at all. */
export function errorMessage(e: ItemError): ProcessedResult {
  return answer(errorXml('base:ErrorMessage', e));
}
