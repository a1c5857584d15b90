import { FAULT_LOOKAHEAD } from './binding';
import { GIS_NS_PREFIX, isGisNamespace } from './namespaces';
import { readDocumentShape } from '../xml/documentShape';

/**
 * Whether a text may be GIS XML at all, decided in microseconds from its head: a GIS namespace
 * declared on the elements down to the payload, or named just after it (a SOAP Fault's detail).
 * Everything the binder binds passes; anything else (other XML, however large) is left alone
 * without being copied to a validation thread.
 */
export function mayBeGisDocument(text: string): boolean {
  const shape = readDocumentShape(text);
  if ([...shape.declaredNamespaces].some(isGisNamespace)) return true;
  const from = shape.payload?.start ?? 0;
  return text.slice(from, from + FAULT_LOOKAHEAD).includes(GIS_NS_PREFIX);
}
