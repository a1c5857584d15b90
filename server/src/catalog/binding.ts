import { GIS_BASE_NS, GIS_NS_PREFIX, isGisNamespace } from './namespaces';
import type { Operation } from './operationCatalog';
import type { PackageContents } from './packageContents';
import { DocumentShape, ElementRef, SOAP11_NS, attributeValue } from '../xml/documentShape';

/**
 * Which schema a document is checked against, decided from the document alone: the namespace of
 * its root element, or of the first element of a SOAP 1.1 Body. No xsi:schemaLocation is read.
 */
export type BindingKind =
  /** An operation's request. */
  | 'request'
  /** base:getStateRequest (the same element for every service). */
  | 'state-request'
  /** A service's getStateResult. */
  | 'result'
  | 'ack'
  | 'fault'
  /** Another global element of a GIS namespace, or an envelope with GIS headers only. */
  | 'element';

export interface Binding {
  kind: BindingKind;
  /** The namespace whose schema validates the document. */
  namespace: string;
  /** That schema's path inside the package. */
  schemaRel: string;
  payload: ElementRef | undefined;
  envelope: boolean;
  operation?: Operation;
  service?: string;
  /** The payload's base:version attribute. */
  requestVersion?: string;
}

export type BindOutcome =
  | { status: 'bound'; binding: Binding }
  /** GIS XML, but the package has no schema for its namespace. */
  | { status: 'no-schema'; namespace: string; payload: ElementRef }
  /** Not GIS XML: left alone. */
  | { status: 'unbound' };

/** How far after a SOAP Fault's start GIS namespaces are looked for. */
export const FAULT_LOOKAHEAD = 64 * 1024;

export function bindDocument(shape: DocumentShape, text: string, contents: PackageContents): BindOutcome {
  const files = contents.files;
  const payload = shape.payload;
  const baseFile = files.schemaFileFor(GIS_BASE_NS);

  if (!payload) {
    // An envelope whose Body is missing or empty: still GIS if its headers are.
    if (shape.envelope && shape.headerEntries.some((h) => isGisNamespace(h.ns)) && baseFile) {
      return bound({ kind: 'element', namespace: GIS_BASE_NS, schemaRel: baseFile, payload, envelope: true });
    }
    return { status: 'unbound' };
  }

  if (shape.envelope && payload.ns === SOAP11_NS && payload.local === 'Fault') {
    // A SOAP Fault is GIS's when GIS namespaces are declared on the envelope or inside the fault.
    const ahead = text.slice(payload.start, payload.start + FAULT_LOOKAHEAD);
    const gis = [...shape.declaredNamespaces].some(isGisNamespace) || ahead.includes(GIS_NS_PREFIX);
    if (!gis || !baseFile) return { status: 'unbound' };
    return bound({ kind: 'fault', namespace: GIS_BASE_NS, schemaRel: baseFile, payload, envelope: true });
  }

  const ns = payload.ns;
  if (!isGisNamespace(ns)) return { status: 'unbound' };
  const schemaRel = files.schemaFileFor(ns);
  if (!schemaRel) return { status: 'no-schema', namespace: ns, payload };

  const q = { ns, local: payload.local };
  const requestVersion = attributeValue(text, payload, GIS_BASE_NS, 'version');
  const common = { namespace: ns, schemaRel, payload, envelope: shape.envelope, requestVersion };
  const catalog = contents.catalog;
  const requests = catalog.forRequest(q);
  if (requests.length === 1) {
    return bound({ ...common, kind: 'request', operation: requests[0], service: requests[0].service });
  }
  if (requests.length > 1) return bound({ ...common, kind: 'state-request' });
  const state = catalog.forResult(q);
  if (state) return bound({ ...common, kind: 'result', operation: state, service: state.service });
  if (ns === GIS_BASE_NS && payload.local === 'AckRequest') return bound({ ...common, kind: 'ack' });
  if (ns === GIS_BASE_NS && payload.local === 'Fault') return bound({ ...common, kind: 'fault' });
  return bound({ ...common, kind: 'element' });
}

function bound(binding: Binding): BindOutcome {
  return { status: 'bound', binding };
}
