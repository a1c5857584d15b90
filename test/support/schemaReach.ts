import * as fs from 'node:fs';
import * as path from 'node:path';
import { XS_NS } from '../../server/src/catalog/namespaces';
import { XmlElement, attr, parseXmlTree, resolveQName, walk } from '../../server/src/xml/xmlTree';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const DECLARATIONS = new Set(['element', 'complexType', 'simpleType', 'group', 'attribute', 'attributeGroup']);

/** Files and bytes of a package folder (XSD and WSDL only). */
export function packageSize(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(xsd|wsdl)$/i.test(rel)) continue;
    files++;
    bytes += fs.statSync(path.join(root, rel)).size;
  }
  return { files, bytes };
}

/**
 * Global declarations of a package that no WSDL message reaches through element, type, group or
 * attribute references: the dead branches a lean package must not carry. A type derived from a
 * reached type counts as reached, since a document may name it in xsi:type.
 */
export function unreachableDeclarations(root: string): string[] {
  const globals = new Map<string, { node: XmlElement; file: string }>();
  const derived = new Map<string, string[]>();
  const roots: string[] = [];
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!/\.(xsd|wsdl)$/i.test(rel)) continue;
    const tree = parseXmlTree(fs.readFileSync(path.join(root, rel), 'utf8'));
    if (!tree) throw new Error(`${rel} is not well-formed`);
    if (tree.ns === WSDL_NS) {
      walk(tree, (e) => {
        const element = e.ns === WSDL_NS && e.local === 'part' ? attr(e, 'element') : undefined;
        if (element) {
          const q = resolveQName(e, element);
          roots.push(key('element', q.ns, q.local));
        }
      });
      continue;
    }
    const target = attr(tree, 'targetNamespace');
    for (const decl of tree.children) {
      const name = attr(decl, 'name');
      if (decl.ns === XS_NS && DECLARATIONS.has(decl.local) && name) {
        const k = key(decl.local, target, name);
        globals.set(k, { node: decl, file: rel.split(path.sep).join('/') });
        if (decl.local === 'complexType') {
          walk(decl, (e) => {
            const base = e.ns === XS_NS && (e.local === 'extension' || e.local === 'restriction') ? attr(e, 'base') : undefined;
            if (!base) return;
            const q = resolveQName(e, base);
            const b = key('complexType', q.ns, q.local);
            derived.set(b, [...(derived.get(b) ?? []), k]);
          });
        }
      }
    }
  }
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const k = queue.pop()!;
    if (reached.has(k)) continue;
    reached.add(k);
    queue.push(...(derived.get(k) ?? []));
    const g = globals.get(k);
    if (g) walk(g.node, (e) => void queue.push(...references(e)));
  }
  return [...globals.entries()].filter(([k]) => !reached.has(k)).map(([k, g]) => `${g.file}: ${k}`);
}

function references(e: XmlElement): string[] {
  if (e.ns !== XS_NS) return [];
  const out: string[] = [];
  const ref = attr(e, 'ref');
  if (ref && DECLARATIONS.has(e.local)) {
    const q = resolveQName(e, ref);
    out.push(key(e.local, q.ns, q.local));
  }
  const types = [attr(e, 'type'), attr(e, 'base'), attr(e, 'itemType'), ...(attr(e, 'memberTypes') ?? '').split(/\s+/)];
  for (const t of types) {
    if (!t) continue;
    const q = resolveQName(e, t);
    out.push(key('complexType', q.ns, q.local), key('simpleType', q.ns, q.local));
  }
  return out;
}

function key(kind: string, ns: string | undefined, local: string): string {
  return `${kind} {${ns ?? ''}}${local}`;
}
