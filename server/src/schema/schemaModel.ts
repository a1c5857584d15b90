import { XS_NS } from '../catalog/namespaces';
import type { PackageFiles } from '../catalog/packageFiles';
import { annotationText } from '../catalog/requestVersions';
import { XmlElement, attr, child, parseXmlTree, resolveQName } from '../xml/xmlTree';
import type {
  AttributeUse,
  ComplexTypeModel,
  ElementModel,
  Facets,
  IdentityConstraint,
  Occurs,
  Particle,
  SimpleTypeModel,
  TypeModel,
} from './schemaTypes';

/**
 * Every XSD of a package, read once, with declarations resolved on demand and kept: the model
 * completion, hover, skeletons and structure comparison share.
 */

interface SchemaFile {
  file: string;
  targetNs: string | undefined;
  qualifiedElements: boolean;
  qualifiedAttributes: boolean;
}

type DeclKind = 'element' | 'complexType' | 'simpleType' | 'group' | 'attribute' | 'attributeGroup';
const DECL_KINDS: ReadonlySet<string> = new Set(['element', 'complexType', 'simpleType', 'group', 'attribute', 'attributeGroup']);
const UNBOUNDED = Number.POSITIVE_INFINITY;
const ONCE: Occurs = { min: 1, max: 1 };
const NUMERIC_FACETS = ['length', 'minLength', 'maxLength', 'totalDigits', 'fractionDigits'] as const;
const VALUE_FACETS = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'whiteSpace'] as const;

export class SchemaModel {
  private readonly globals = new Map<string, XmlElement>();
  private readonly fileOf = new Map<XmlElement, SchemaFile>();
  private readonly elements = new Map<XmlElement, ElementModel>();
  private readonly types = new Map<XmlElement, TypeModel>();
  private readonly builtins = new Map<string, SimpleTypeModel>();

  private constructor(readonly problems: string[]) {}

  static read(files: PackageFiles): SchemaModel {
    const model = new SchemaModel([]);
    for (const rel of files.xsdFiles) {
      let root: XmlElement | undefined;
      try {
        root = parseXmlTree(files.readText(rel));
      } catch (e) {
        model.problems.push(`${rel}: ${(e as Error).message}`);
      }
      if (!root || root.ns !== XS_NS || root.local !== 'schema') {
        if (root) model.problems.push(`${rel}: not an XML Schema`);
        continue;
      }
      model.add(rel, root);
    }
    return model;
  }

  /** A model over schema texts given directly (tests, single files). */
  static fromTexts(texts: ReadonlyMap<string, string>): SchemaModel {
    const model = new SchemaModel([]);
    for (const [rel, text] of texts) {
      const root = parseXmlTree(text);
      if (root && root.ns === XS_NS && root.local === 'schema') model.add(rel, root);
      else model.problems.push(`${rel}: not an XML Schema`);
    }
    return model;
  }

  private add(rel: string, root: XmlElement): void {
    const targetNs = attr(root, 'targetNamespace') || undefined;
    this.fileOf.set(root, {
      file: rel,
      targetNs,
      qualifiedElements: attr(root, 'elementFormDefault') === 'qualified',
      qualifiedAttributes: attr(root, 'attributeFormDefault') === 'qualified',
    });
    for (const decl of root.children) {
      const name = attr(decl, 'name');
      if (decl.ns === XS_NS && DECL_KINDS.has(decl.local) && name) {
        const key = globalKey(decl.local as DeclKind, targetNs, name);
        if (!this.globals.has(key)) this.globals.set(key, decl);
      }
    }
  }

  /** A global element declaration. */
  element(ns: string | undefined, local: string): ElementModel | undefined {
    const decl = this.globals.get(globalKey('element', ns, local));
    return decl && this.elementModel(decl, true);
  }

  /** A named type (complex or simple), or an XML Schema built-in. */
  type(ns: string | undefined, local: string): TypeModel | undefined {
    if (ns === XS_NS) return this.builtin(local);
    const complex = this.globals.get(globalKey('complexType', ns, local));
    if (complex) return this.complexModel(complex);
    const simple = this.globals.get(globalKey('simpleType', ns, local));
    return simple && this.simpleModel(simple);
  }

  /** Named complex types that derive, directly or not, from the given one (for xsi:type). */
  derivedTypes(ns: string | undefined, local: string): ComplexTypeModel[] {
    const out: ComplexTypeModel[] = [];
    for (const [key, decl] of this.globals) {
      if (!key.startsWith('complexType ')) continue;
      const model = this.complexModel(decl);
      let base = model.base;
      for (let depth = 0; base && depth < 16; depth++) {
        if (base.ns === ns && base.local === local) {
          out.push(model);
          break;
        }
        const next = this.type(base.ns, base.local);
        base = next?.kind === 'complex' ? next.base : undefined;
      }
    }
    return out;
  }

  private info(node: XmlElement): SchemaFile {
    let root = node;
    while (root.parent) root = root.parent;
    const info = this.fileOf.get(root);
    if (!info) throw new Error('declaration outside the model');
    return info;
  }

  private location(node: XmlElement): { file: string; offset: number } {
    return { file: this.info(node).file, offset: node.start };
  }

  private lookup(kind: DeclKind, at: XmlElement, qname: string): XmlElement | undefined {
    const q = resolveQName(at, qname);
    return this.globals.get(globalKey(kind, q.ns, q.local));
  }

  private typeByName(at: XmlElement, qname: string): TypeModel {
    const q = resolveQName(at, qname);
    return this.type(q.ns, q.local) ?? this.unresolved(qname);
  }

  private unresolved(qname: string): SimpleTypeModel {
    this.problems.push(`unresolved type ${qname}`);
    return { kind: 'simple', builtin: 'xs:anySimpleType', variety: 'atomic', facets: {} };
  }

  private builtin(local: string): SimpleTypeModel {
    let b = this.builtins.get(local);
    if (!b) {
      b = { kind: 'simple', name: { ns: XS_NS, local }, builtin: `xs:${local}`, variety: 'atomic', facets: {} };
      this.builtins.set(local, b);
    }
    return b;
  }

  // ---- elements ----

  private elementModel(decl: XmlElement, global: boolean): ElementModel {
    const known = this.elements.get(decl);
    if (known) return known;
    const info = this.info(decl);
    const qualified = global || (attr(decl, 'form') ?? (info.qualifiedElements ? 'qualified' : 'unqualified')) === 'qualified';
    const model: ElementModel = {
      name: { ns: qualified ? info.targetNs : undefined, local: attr(decl, 'name') ?? '' },
      type: this.builtin('anyType'),
      fixed: attr(decl, 'fixed'),
      default: attr(decl, 'default'),
      nillable: attr(decl, 'nillable') === 'true',
      abstract: attr(decl, 'abstract') === 'true',
      identity: [],
      doc: annotationText(decl),
      location: this.location(decl),
      global,
    };
    this.elements.set(decl, model);
    const typeName = attr(decl, 'type');
    const complex = child(decl, XS_NS, 'complexType');
    const simple = child(decl, XS_NS, 'simpleType');
    if (typeName) model.type = this.typeByName(decl, typeName);
    else if (complex) model.type = this.complexModel(complex);
    else if (simple) model.type = this.simpleModel(simple);
    for (const c of decl.children) {
      if (c.ns !== XS_NS || !(c.local === 'key' || c.local === 'unique' || c.local === 'keyref')) continue;
      model.identity.push(this.identity(c));
    }
    return model;
  }

  private identity(c: XmlElement): IdentityConstraint {
    const xpath = (e: XmlElement | undefined): string =>
      (attr(e ?? c, 'xpath') ?? '').replace(/\s+/g, '').replace(/([A-Za-z_][\w.-]*):/g, (_, p: string) => `{${(e ?? c).scope.get(p) ?? p}}`);
    const selector = child(c, XS_NS, 'selector');
    return {
      kind: c.local as IdentityConstraint['kind'],
      name: attr(c, 'name') ?? '',
      selector: xpath(selector),
      fields: c.children.filter((f) => f.ns === XS_NS && f.local === 'field').map((f) => xpath(f)),
    };
  }

  // ---- complex types ----

  private complexModel(decl: XmlElement): ComplexTypeModel {
    const known = this.types.get(decl);
    if (known) return known as ComplexTypeModel;
    const name = attr(decl, 'name');
    const model: ComplexTypeModel = {
      kind: 'complex',
      name: name ? { ns: this.info(decl).targetNs, local: name } : undefined,
      abstract: attr(decl, 'abstract') === 'true',
      mixed: attr(decl, 'mixed') === 'true',
      attributes: [],
      doc: annotationText(decl),
      location: this.location(decl),
    };
    this.types.set(decl, model);
    const simpleContent = child(decl, XS_NS, 'simpleContent');
    const complexContent = child(decl, XS_NS, 'complexContent');
    if (simpleContent) this.simpleContent(model, simpleContent);
    else if (complexContent) this.complexContent(model, complexContent);
    else {
      this.attributes(decl, model);
      model.content = this.modelGroup(decl);
    }
    return model;
  }

  private simpleContent(model: ComplexTypeModel, sc: XmlElement): void {
    const d = derivation(sc);
    if (!d) return;
    const base = this.inherit(model, d);
    const text = base?.kind === 'complex' ? base.text : base;
    model.text = d.local === 'restriction' && text ? this.restrict(text, d) : text;
    this.attributes(d, model);
  }

  /** The derivation's base type, with its attributes copied in before the derivation's own. */
  private inherit(model: ComplexTypeModel, d: XmlElement): TypeModel | undefined {
    const baseName = attr(d, 'base');
    if (!baseName) return undefined;
    const base = this.typeByName(d, baseName);
    model.base = resolveQName(d, baseName);
    if (base.kind === 'complex') {
      model.attributes = [...base.attributes];
      model.anyAttribute = base.anyAttribute;
    }
    return base;
  }

  private complexContent(model: ComplexTypeModel, cc: XmlElement): void {
    const d = derivation(cc);
    if (!d) return;
    if (attr(cc, 'mixed') === 'true') model.mixed = true;
    const base = this.inherit(model, d);
    const own = this.modelGroup(d);
    const inherited = d.local === 'extension' && base?.kind === 'complex' ? base.content : undefined;
    model.content = inherited && own ? { kind: 'sequence', occurs: ONCE, items: [inherited, own] } : (own ?? inherited);
    this.attributes(d, model);
  }

  private attributes(owner: XmlElement, model: ComplexTypeModel): void {
    for (const a of owner.children) {
      if (a.ns !== XS_NS) continue;
      if (a.local === 'attribute') {
        const use = this.attributeUse(a);
        model.attributes = model.attributes.filter((x) => !(x.name.ns === use.name.ns && x.name.local === use.name.local));
        if (attr(a, 'use') !== 'prohibited') model.attributes.push(use);
      } else if (a.local === 'attributeGroup') {
        const ref = attr(a, 'ref');
        const group = ref ? this.lookup('attributeGroup', a, ref) : undefined;
        if (group) this.attributes(group, model);
        else if (ref) this.problems.push(`unresolved attribute group ${ref}`);
      } else if (a.local === 'anyAttribute') {
        model.anyAttribute = { namespace: attr(a, 'namespace') ?? '##any', processContents: attr(a, 'processContents') ?? 'strict' };
      }
    }
  }

  private attributeUse(a: XmlElement): AttributeUse {
    const ref = attr(a, 'ref');
    const decl = ref ? this.lookup('attribute', a, ref) : a;
    const info = this.info(decl ?? a);
    const qualified = ref !== undefined || (attr(a, 'form') ?? (info.qualifiedAttributes ? 'qualified' : 'unqualified')) === 'qualified';
    const name = ref ? resolveQName(a, ref) : { ns: qualified ? info.targetNs : undefined, local: attr(a, 'name') ?? '' };
    const typeName = decl && attr(decl, 'type');
    const inline = decl && child(decl, XS_NS, 'simpleType');
    const type = typeName ? this.typeByName(decl, typeName) : inline ? this.simpleModel(inline) : this.builtin('anySimpleType');
    return {
      name,
      use: attr(a, 'use') === 'required' ? 'required' : 'optional',
      fixed: attr(a, 'fixed') ?? (decl && attr(decl, 'fixed')),
      default: attr(a, 'default') ?? (decl && attr(decl, 'default')),
      type: type.kind === 'simple' ? type : this.unresolved(typeName ?? '?'),
      doc: annotationText(a) ?? (decl && annotationText(decl)),
      location: this.location(decl ?? a),
    };
  }

  // ---- particles ----

  private modelGroup(owner: XmlElement): Particle | undefined {
    for (const c of owner.children) {
      if (c.ns === XS_NS && (c.local === 'sequence' || c.local === 'choice' || c.local === 'all' || c.local === 'group')) return this.particle(c);
    }
    return undefined;
  }

  private particle(p: XmlElement): Particle | undefined {
    const occurs = occursOf(p);
    switch (p.local) {
      case 'element': {
        const ref = attr(p, 'ref');
        const decl = ref ? this.lookup('element', p, ref) : p;
        if (!decl) {
          this.problems.push(`unresolved element ${ref}`);
          return undefined;
        }
        return { kind: 'element', occurs, element: this.elementModel(decl, ref !== undefined) };
      }
      case 'group': {
        const ref = attr(p, 'ref');
        const group = ref ? this.lookup('group', p, ref) : undefined;
        const inner = group ? this.modelGroup(group) : undefined;
        if (!inner) {
          this.problems.push(`unresolved group ${ref}`);
          return undefined;
        }
        return inner.kind === 'element' || inner.kind === 'any' ? inner : { kind: inner.kind, occurs, items: inner.items };
      }
      case 'any':
        return { kind: 'any', occurs, namespace: attr(p, 'namespace') ?? '##any', processContents: attr(p, 'processContents') ?? 'strict' };
      case 'sequence':
      case 'choice':
      case 'all': {
        const items: Particle[] = [];
        for (const c of p.children) {
          if (c.ns !== XS_NS) continue;
          const item = c.local === 'annotation' ? undefined : this.particle(c);
          if (item) items.push(item);
        }
        return { kind: p.local, occurs, items };
      }
      default:
        return undefined;
    }
  }

  // ---- simple types ----

  private simpleModel(decl: XmlElement): SimpleTypeModel {
    const known = this.types.get(decl);
    if (known) return known as SimpleTypeModel;
    const name = attr(decl, 'name');
    const named = name ? { ns: this.info(decl).targetNs, local: name } : undefined;
    // A placeholder first, so a (malformed) self-derivation ends instead of recursing.
    const model: SimpleTypeModel = { kind: 'simple', name: named, builtin: 'xs:anySimpleType', variety: 'atomic', facets: {}, doc: annotationText(decl), location: this.location(decl) };
    this.types.set(decl, model);
    const restriction = child(decl, XS_NS, 'restriction');
    if (restriction) {
      const baseName = attr(restriction, 'base');
      const inline = child(restriction, XS_NS, 'simpleType');
      const base = baseName ? this.typeByName(restriction, baseName) : inline ? this.simpleModel(inline) : undefined;
      const simpleBase = base?.kind === 'simple' ? base : base?.text;
      if (simpleBase) Object.assign(model, this.restrict(simpleBase, restriction), { name: named, doc: model.doc, location: model.location });
    } else if (child(decl, XS_NS, 'list')) {
      const list = child(decl, XS_NS, 'list')!;
      const itemName = attr(list, 'itemType');
      const inline = child(list, XS_NS, 'simpleType');
      const item = itemName ? this.typeByName(list, itemName) : inline ? this.simpleModel(inline) : undefined;
      Object.assign(model, { variety: 'list', builtin: 'xs:list', item: item?.kind === 'simple' ? item : undefined });
    } else if (child(decl, XS_NS, 'union')) {
      const union = child(decl, XS_NS, 'union')!;
      const members: SimpleTypeModel[] = [];
      for (const name of (attr(union, 'memberTypes') ?? '').split(/\s+/).filter(Boolean)) {
        const t = this.typeByName(union, name);
        if (t.kind === 'simple') members.push(t);
      }
      for (const inline of union.children) if (inline.ns === XS_NS && inline.local === 'simpleType') members.push(this.simpleModel(inline));
      Object.assign(model, { variety: 'union', builtin: 'xs:union', members });
    }
    return model;
  }

  /** The base type with one restriction step's facets applied. */
  private restrict(base: SimpleTypeModel, r: XmlElement): SimpleTypeModel {
    const facets: Facets = { ...base.facets, patterns: base.facets.patterns && [...base.facets.patterns] };
    const enumeration: string[] = [];
    const enumerationDocs = new Map<string, string>();
    const patterns: string[] = [];
    for (const f of r.children) {
      if (f.ns !== XS_NS) continue;
      const value = attr(f, 'value') ?? '';
      if (f.local === 'enumeration') {
        enumeration.push(value);
        const doc = annotationText(f);
        if (doc) enumerationDocs.set(value, doc);
      } else if (f.local === 'pattern') patterns.push(value);
      else if ((NUMERIC_FACETS as readonly string[]).includes(f.local)) facets[f.local as (typeof NUMERIC_FACETS)[number]] = Number(value);
      else if ((VALUE_FACETS as readonly string[]).includes(f.local)) facets[f.local as (typeof VALUE_FACETS)[number]] = value;
    }
    if (enumeration.length) facets.enumeration = enumeration;
    if (patterns.length) facets.patterns = [...(facets.patterns ?? []), patterns];
    if (!facets.patterns) delete facets.patterns;
    return {
      kind: 'simple',
      builtin: base.builtin,
      variety: base.variety,
      item: base.item,
      members: base.members,
      facets,
      enumerationDocs: enumeration.length ? enumerationDocs : base.enumerationDocs,
      doc: base.doc,
      location: base.location,
    };
  }
}

function globalKey(kind: DeclKind, ns: string | undefined, local: string): string {
  return `${kind} {${ns ?? ''}}${local}`;
}

function derivation(content: XmlElement): XmlElement | undefined {
  return content.children.find((c) => c.ns === XS_NS && (c.local === 'extension' || c.local === 'restriction'));
}

function occursOf(p: XmlElement): Occurs {
  const max = attr(p, 'maxOccurs');
  return { min: Number(attr(p, 'minOccurs') ?? '1'), max: max === 'unbounded' ? UNBOUNDED : Number(max ?? '1') };
}
