import type { Operation } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import { childParticle, hasWildcard } from '../schema/contentModel';
import type { ElementModel, Occurs } from '../schema/schemaTypes';
import type { OpenElement } from './xmlContext';

/**
 * The schema declarations behind the elements of a document, found by walking from the root: a
 * global element, or the SOAP envelope whose Header and Body hold global GIS elements.
 */

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface PathElement {
  ns: string | undefined;
  local: string;
  xsiType?: { ns: string | undefined; local: string };
}

export type Step =
  | { kind: 'element'; model: ElementModel; occurs?: Occurs }
  | { kind: 'soap'; local: 'Envelope' | 'Header' | 'Body' | 'Fault' };

/** Resolves every element of `path` (root first); stops at the first unknown one. */
export function resolvePath(contents: PackageContents, path: readonly PathElement[]): (Step | undefined)[] {
  const out: (Step | undefined)[] = [];
  let parent: Step | undefined;
  for (let i = 0; i < path.length; i++) {
    const el = path[i];
    let step: Step | undefined = i === 0 ? rootStep(contents, el) : childStep(contents, parent, el);
    if (step?.kind === 'element' && el.xsiType) {
      // xsi:type swaps the declared type for a derived one (NSI fields, for one).
      const derived = contents.schema.type(el.xsiType.ns, el.xsiType.local);
      if (derived) step = { ...step, model: { ...step.model, type: derived } };
    }
    out.push(step);
    if (!step) break;
    parent = step;
  }
  return out;
}

function rootStep(contents: PackageContents, el: { ns: string | undefined; local: string }): Step | undefined {
  if (el.ns === SOAP_ENV_NS && el.local === 'Envelope') return { kind: 'soap', local: 'Envelope' };
  const model = contents.schema.element(el.ns, el.local);
  return model && { kind: 'element', model };
}

function childStep(contents: PackageContents, parent: Step | undefined, el: { ns: string | undefined; local: string }): Step | undefined {
  if (!parent) return undefined;
  if (parent.kind === 'soap') {
    if (parent.local === 'Envelope') {
      return el.ns === SOAP_ENV_NS && (el.local === 'Header' || el.local === 'Body') ? { kind: 'soap', local: el.local } : undefined;
    }
    if (el.ns === SOAP_ENV_NS && el.local === 'Fault') return { kind: 'soap', local: 'Fault' };
    const model = contents.schema.element(el.ns, el.local);
    return model && { kind: 'element', model };
  }
  const type = parent.model.type;
  if (type.kind !== 'complex') return undefined;
  const particle = childParticle(type.content, el.ns, el.local);
  if (particle) return { kind: 'element', model: particle.element, occurs: particle.occurs };
  if (hasWildcard(type.content)) {
    const model = contents.schema.element(el.ns, el.local);
    return model && { kind: 'element', model };
  }
  return undefined;
}

/** What the SOAP Header or Body of a GIS message may hold: the catalog's headers, requests and answers. */
export function soapChildren(contents: PackageContents, where: 'Header' | 'Body'): ElementModel[] {
  const seen = new Set<ElementModel>();
  const add = (q: Operation['request'] | undefined) => {
    const m = q && contents.schema.element(q.ns, q.local);
    if (m) seen.add(m);
  };
  for (const op of contents.catalog.operations) {
    if (where === 'Header') add(op.header);
    else add(op.request);
  }
  return [...seen];
}

export function lastElement(steps: (Step | undefined)[], length: number): Step | undefined {
  return steps.length === length ? steps[length - 1] : undefined;
}

export type { OpenElement };
