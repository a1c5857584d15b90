import { XS_NS } from '../catalog/namespaces';
import { annotationText } from '../catalog/requestVersions';
import { QName, XmlElement, attr, child, parseXmlTree, resolveQName, walk } from '../xml/xmlTree';

/**
 * What the schema says an element is, by namespace and local name, for messages: the element
 * declaration's documentation, or its type's. When a name is declared several times with
 * different texts, the most common text wins (the schema model of the editor features resolves
 * by context; a message only needs a faithful hint).
 */
export class SchemaDocs {
  private constructor(
    private readonly labels: ReadonlyMap<string, string>,
    /** Named simple types → the type they restrict, for saying "an integer" instead of a type name. */
    private readonly simpleBases: ReadonlyMap<string, QName>,
  ) {}

  static empty(): SchemaDocs {
    return new SchemaDocs(new Map(), new Map());
  }

  static fromSchemaText(xsd: string): SchemaDocs {
    const root = parseXmlTree(xsd);
    if (!root) return SchemaDocs.empty();
    const targetNs = attr(root, 'targetNamespace');
    const typeDocs = new Map<string, string>();
    const simpleBases = new Map<string, QName>();
    for (const t of root.children) {
      if (t.ns === XS_NS && (t.local === 'complexType' || t.local === 'simpleType')) {
        const name = attr(t, 'name');
        const doc = annotationText(t);
        if (name && doc) typeDocs.set(name, doc);
        const restriction = t.local === 'simpleType' ? child(t, XS_NS, 'restriction') : undefined;
        const base = restriction && attr(restriction, 'base');
        if (name && base) simpleBases.set(name, resolveQName(restriction, base));
      }
    }
    const votes = new Map<string, Map<string, number>>();
    walk(root, (e: XmlElement) => {
      if (e.ns !== XS_NS || e.local !== 'element') return;
      const name = attr(e, 'name');
      if (!name) return;
      let doc = annotationText(e);
      const type = attr(e, 'type');
      if (!doc && type) {
        const q = resolveQName(e, type);
        if (q.ns === targetNs) doc = typeDocs.get(q.local);
      }
      if (!doc) return;
      const v = votes.get(name) ?? new Map<string, number>();
      v.set(doc, (v.get(doc) ?? 0) + 1);
      votes.set(name, v);
    });
    const labels = new Map<string, string>();
    for (const [name, v] of votes) {
      const best = [...v.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0][0];
      labels.set(name, shortLabel(best));
    }
    return new SchemaDocs(labels, simpleBases);
  }

  /** The type a named simple type of this namespace restricts. */
  simpleBase(local: string): QName | undefined {
    return this.simpleBases.get(local);
  }

  /** A short lower-case label, e.g. "глобальный уникальный идентификатор дома по ФИАС". */
  label(local: string): string | undefined {
    return this.labels.get(local);
  }
}

const MAX_LABEL = 90;

function shortLabel(doc: string): string {
  let s = doc.replace(/\s+/g, ' ').trim();
  const stop = s.search(/(?<=[^\s.]{3})\. |; |\n/);
  if (stop > 0) s = s.slice(0, stop);
  s = s.replace(/[.;:\s]+$/, '');
  if (s.length > MAX_LABEL) s = `${s.slice(0, MAX_LABEL - 1).replace(/\s+\S*$/, '')}…`;
  // Lower-case the first letter unless the first word is an abbreviation (ФИАС, ЕЛС, GUID).
  const first = s.split(/[\s,(]/, 1)[0];
  if (first.length > 1 && first !== first.toUpperCase()) s = s[0].toLowerCase() + s.slice(1);
  return s;
}
