import { randomUUID } from 'node:crypto';
import { GIS_BASE_NS, GIS_NS_PREFIX } from '../catalog/namespaces';
import { placeholderValue } from './placeholderValue';
import type { ComplexTypeModel, ElementModel, Particle, TypeModel } from './schemaTypes';

/**
 * The smallest document an element's schema accepts, written out for a person to fill in: every
 * required element and attribute, the cheapest branch of each choice (or a preferred one), a
 * type-correct placeholder in every value.
 */

export interface SkeletonOptions {
  now: Date;
  /** The value of base:version on elements whose declaration does not fix it. */
  version?: string;
  /** Values by element local name (orgPPAGUID from a stand profile, for example). */
  values?: ReadonlyMap<string, string>;
  /** Choice branches to take when the choice offers them (local names). */
  prefer?: ReadonlySet<string>;
  /** Attributes to write although optional (local name → value), e.g. Id for signing. */
  optionalAttributes?: ReadonlyMap<string, string>;
}

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const MAX_DEPTH = 60;

export class SkeletonWriter {
  private readonly prefixes = new Map<string, string>();
  private readonly costs = new Map<object, number>();

  constructor(private readonly options: SkeletonOptions) {}

  /** Namespace → prefix for every namespace the written elements used. */
  get namespaces(): ReadonlyMap<string, string> {
    return this.prefixes;
  }

  /** Writes `ns` with the prefix the document already declares for it. */
  usePrefix(ns: string, prefix: string): void {
    if (!this.prefixes.has(ns)) this.prefixes.set(ns, prefix);
  }

  prefixFor(ns: string): string {
    let p = this.prefixes.get(ns);
    if (!p) {
      p = preferredPrefix(ns);
      const taken = new Set(this.prefixes.values());
      for (let n = 2; taken.has(p); n++) p = `${preferredPrefix(ns)}${n}`;
      this.prefixes.set(ns, p);
    }
    return p;
  }

  /** The element and its required subtree, indented by `indent` levels of two spaces. */
  element(el: ElementModel, indent: number, extraAttributes = ''): string {
    return this.write(el, indent, extraAttributes, 0);
  }

  private write(el: ElementModel, indent: number, extraAttributes: string, depth: number): string {
    const pad = '  '.repeat(indent);
    const name = this.qname(el.name.ns, el.name.local);
    const attrs = extraAttributes + this.attributes(el.type);
    const type = el.type;
    if (type.kind === 'simple' || (type.kind === 'complex' && type.text && !type.content)) {
      const value = this.options.values?.get(el.name.local) ?? el.fixed ?? el.default ?? this.value(type);
      return `${pad}<${name}${attrs}>${escapeText(value)}</${name}>\n`;
    }
    if (!type.content || depth > MAX_DEPTH) return `${pad}<${name}${attrs}/>\n`;
    const body = this.particle(type.content, indent + 1, depth + 1);
    return body ? `${pad}<${name}${attrs}>\n${body}${pad}</${name}>\n` : `${pad}<${name}${attrs}/>\n`;
  }

  private attributes(type: TypeModel): string {
    if (type.kind !== 'complex') return '';
    let out = '';
    for (const a of type.attributes) {
      const optional = this.options.optionalAttributes?.get(a.name.local);
      if (a.use !== 'required' && optional === undefined) continue;
      const isVersion = a.name.ns === GIS_BASE_NS && a.name.local === 'version';
      const value = a.fixed ?? optional ?? (isVersion ? this.options.version : undefined) ?? a.default ?? placeholderValue(a.type, this.options);
      out += ` ${a.name.ns ? `${this.prefixFor(a.name.ns)}:` : ''}${a.name.local}="${escapeAttr(value)}"`;
    }
    return out;
  }

  private value(type: TypeModel): string {
    const simple = type.kind === 'simple' ? type : type.text;
    return simple ? placeholderValue(simple, this.options) : '';
  }

  private particle(p: Particle, indent: number, depth: number): string {
    if (p.occurs.min === 0) return '';
    let out = '';
    for (let i = 0; i < p.occurs.min; i++) {
      if (p.kind === 'element') out += this.write(p.element, indent, '', depth);
      else if (p.kind === 'sequence' || p.kind === 'all') for (const item of p.items) out += this.particle(item, indent, depth);
      else if (p.kind === 'choice') {
        const branch = this.branch(p.items);
        if (branch) out += this.particle(branch.occurs.min === 0 ? { ...branch, occurs: { min: 1, max: branch.occurs.max } } : branch, indent, depth);
      }
    }
    return out;
  }

  /** A preferred branch if offered, else the one with the smallest required subtree. */
  private branch(items: Particle[]): Particle | undefined {
    const preferred = items.find((i) => i.kind === 'element' && this.options.prefer?.has(i.element.name.local));
    if (preferred) return preferred;
    if (items.some((i) => this.cost(i) === 0 && i.occurs.min === 0)) return undefined;
    let best: Particle | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const item of items) {
      if (item.kind === 'any') continue;
      const c = this.cost({ ...item, occurs: { min: Math.max(1, item.occurs.min), max: item.occurs.max } });
      if (c < bestCost) {
        best = item;
        bestCost = c;
      }
    }
    return best;
  }

  /** Number of elements the required subtree writes; Infinity for an endless recursion. */
  private cost(p: Particle): number {
    if (p.occurs.min === 0) return 0;
    if (p.kind === 'any') return Number.POSITIVE_INFINITY;
    if (p.kind === 'element') return p.occurs.min * (1 + this.typeCost(p.element.type));
    if (p.kind === 'choice') {
      let best = Number.POSITIVE_INFINITY;
      for (const item of p.items) best = Math.min(best, item.kind === 'any' ? best : this.cost({ ...item, occurs: { min: Math.max(1, item.occurs.min), max: item.occurs.max } }));
      return p.occurs.min * best;
    }
    return p.occurs.min * p.items.reduce((sum, i) => sum + this.cost(i), 0);
  }

  private typeCost(t: TypeModel): number {
    if (t.kind === 'simple' || !t.content) return 0;
    const known = this.costs.get(t);
    if (known !== undefined) return known;
    this.costs.set(t, Number.POSITIVE_INFINITY); // in progress: a cycle costs too much
    const c = this.cost((t as ComplexTypeModel).content!);
    this.costs.set(t, c);
    return c;
  }

  private qname(ns: string | undefined, local: string): string {
    return ns ? `${this.prefixFor(ns)}:${local}` : local;
  }

  /** A GUID for identifiers the skeleton invents itself (MessageGUID and the like). */
  static guid(): string {
    return randomUUID();
  }
}

function preferredPrefix(ns: string): string {
  if (ns === DSIG_NS) return 'ds';
  if (ns === XSI_NS) return 'xsi';
  if (ns.startsWith(GIS_NS_PREFIX)) {
    const name = ns.slice(GIS_NS_PREFIX.length).replace(/\/$/, '');
    if (/^[A-Za-z_][\w.-]*$/.test(name)) return name;
  }
  return 'ns';
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
