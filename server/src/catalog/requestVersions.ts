import { XS_NS } from './namespaces';
import { XmlElement, attr, child, children, resolveQName, walk } from '../xml/xmlTree';

/**
 * The `base:version` values a request element accepts: the one its XSD fixes, and the ones its
 * documentation lists ("Доступны версии 11.0.10.1, 13.2.3.2").
 */
export interface ElementVersions {
  fixed?: string;
  documented: string[];
}

const VERSION = /\d+\.\d+\.\d+\.\d+/g;
const LISTED = /доступн\S*\s+верси\S*/i;

export function versionsInDocumentation(doc: string | undefined): string[] {
  if (!doc) return [];
  const m = LISTED.exec(doc);
  if (!m) return [];
  const rest = doc.slice(m.index + m[0].length);
  const stop = rest.search(/[^0-9.,:;\sи]/);
  const list = stop < 0 ? rest : rest.slice(0, stop);
  return [...new Set(list.match(VERSION) ?? [])];
}

export function annotationText(el: XmlElement): string | undefined {
  const ann = child(el, XS_NS, 'annotation');
  if (!ann) return undefined;
  const text = children(ann, XS_NS, 'documentation')
    .map((d) => d.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

export function readRequestVersions(schema: XmlElement, baseNs: string, names: ReadonlySet<string>): Map<string, ElementVersions> {
  const out = new Map<string, ElementVersions>();
  const complexTypes = new Map(children(schema, XS_NS, 'complexType').map((t) => [attr(t, 'name') ?? '', t]));
  const targetNs = attr(schema, 'targetNamespace');
  for (const el of children(schema, XS_NS, 'element')) {
    const name = attr(el, 'name');
    if (!name || !names.has(name)) continue;
    let fixed = fixedVersion(el, baseNs);
    const typeRef = attr(el, 'type');
    if (fixed === undefined && typeRef) {
      const q = resolveQName(el, typeRef);
      const t = q.ns === targetNs ? complexTypes.get(q.local) : undefined;
      if (t) fixed = fixedVersion(t, baseNs);
    }
    const documented = versionsInDocumentation(annotationText(el));
    out.set(name, { fixed, documented: fixed && !documented.includes(fixed) ? [fixed, ...documented] : documented });
  }
  return out;
}

function fixedVersion(decl: XmlElement, baseNs: string): string | undefined {
  let fixed: string | undefined;
  walk(decl, (e) => {
    if (fixed !== undefined) return false;
    if (e !== decl && e.ns === XS_NS && e.local === 'element') return false;
    if (e.ns === XS_NS && e.local === 'attribute') {
      const ref = attr(e, 'ref');
      if (ref) {
        const q = resolveQName(e, ref);
        if (q.ns === baseNs && q.local === 'version') fixed = attr(e, 'fixed');
      }
    }
    return true;
  });
  return fixed;
}
