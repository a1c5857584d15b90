import type { SchemaModel } from '../../server/src/schema/schemaModel';
import type { ElementModel, Particle, SimpleTypeModel, TypeModel } from '../../server/src/schema/schemaTypes';

/**
 * Compares what two schema sets accept below an element, ignoring how it is written: type and
 * group names, 1..1 wrappers, optional wrappers around optional content, the order of choice
 * branches and the spelling of equivalent patterns. Used to hold the bundled package to the
 * official one beyond what the conformance documents exercise.
 */

type Norm =
  | { k: 'element'; occ: string; el: ElementModel }
  | { k: 'sequence' | 'choice' | 'all'; occ: string; items: Norm[] }
  | { k: 'any'; occ: string; what: string };

const ONCE = '1..1';

function occ(o: { min: number; max: number }): string {
  return `${o.min}..${o.max === Number.POSITIVE_INFINITY ? 'n' : o.max}`;
}

export function normalise(p: Particle): Norm {
  if (p.kind === 'element') return { k: 'element', occ: occ(p.occurs), el: p.element };
  if (p.kind === 'any') return { k: 'any', occ: occ(p.occurs), what: `${p.namespace} ${p.processContents}` };
  const flat: Norm[] = [];
  for (const item of p.items) {
    let n = normalise(item);
    // (X)? accepts what X accepts when X may be empty.
    if ((n.k === 'sequence' || n.k === 'choice') && n.occ === '0..1' && emptiableBody(n)) n = collapse({ ...n, occ: ONCE });
    if (n.k === p.kind && n.occ === ONCE && p.kind !== 'all') flat.push(...(n as { items: Norm[] }).items);
    else flat.push(n);
  }
  return collapse({ k: p.kind, occ: occ(p.occurs), items: flat });
}

function collapse(n: Norm): Norm {
  if ((n.k !== 'sequence' && n.k !== 'choice') || n.items.length !== 1) return n;
  const only = n.items[0];
  if (n.occ === ONCE) return only;
  if (only.occ === ONCE) return { ...only, occ: n.occ };
  return n;
}

function emptiable(n: Norm): boolean {
  return n.occ.startsWith('0..') || ((n.k === 'sequence' || n.k === 'choice' || n.k === 'all') && emptiableBody(n));
}

function emptiableBody(n: Norm): boolean {
  if (n.k === 'choice') return n.items.some(emptiable);
  if (n.k === 'sequence' || n.k === 'all') return n.items.every(emptiable);
  return false;
}

export function label(n: Norm): string {
  if (n.k === 'element') return short(`{${n.el.name.ns ?? ''}}${n.el.name.local}`);
  if (n.k === 'any') return '<any>';
  const items = n.items.map((i) => label(i) + (i.occ === ONCE ? '' : `{${i.occ}}`));
  // Branch order means nothing in a choice (nor in xs:all).
  if (n.k !== 'sequence') items.sort();
  return `${n.k}[${items.join(',')}]`;
}

function short(name: string): string {
  return name.replace(/\{[^}]*\/integration\/([^}/]*)\/\}/, '$1:').replace('{http://www.w3.org/2000/09/xmldsig#}', 'ds:').replace('{}', '');
}

/** Pattern spellings that accept the same strings. */
export function normalisePattern(p: string): string {
  let prev: string | undefined;
  while (prev !== p) {
    prev = p;
    p = p.replace(/\((\[[^\]]*\]|\\.|[^()|\\[\]])\)/g, '$1');
  }
  return p.replace(/\{0,1\}/g, '?').replace(/\{1,\}/g, '+').replace(/\{0,\}/g, '*');
}

export function simpleSignature(t: SimpleTypeModel | undefined): string {
  if (!t) return 'none';
  const f = t.facets;
  return JSON.stringify({
    builtin: t.builtin,
    variety: t.variety,
    item: t.item && simpleSignature(t.item),
    members: t.members?.map(simpleSignature),
    enumeration: f.enumeration && [...f.enumeration].sort(),
    patterns: f.patterns?.map((step) => step.map(normalisePattern).sort().join('|')).sort(),
    length: f.length,
    minLength: f.minLength,
    maxLength: f.maxLength,
    totalDigits: f.totalDigits,
    fractionDigits: f.fractionDigits,
    minInclusive: f.minInclusive,
    maxInclusive: f.maxInclusive,
    minExclusive: f.minExclusive,
    maxExclusive: f.maxExclusive,
  });
}

export class StructureDiff {
  readonly differences: string[] = [];
  /** Choice branches only the reference has (expected where the other side covers fewer operations). */
  readonly referenceOnly: string[] = [];
  private readonly compared = new Map<object, Set<object>>();

  /**
   * `a` is the reference (official), `b` the candidate (bundled). `lenient`: choice branches only the
   * reference has are listed apart, not as differences (a getStateResult answers fewer operations).
   */
  elements(a: ElementModel, b: ElementModel, path: string, lenientTopChoice = false): void {
    const here = `${path}/${short(`{${a.name.ns ?? ''}}${a.name.local}`)}`;
    if (a.name.ns !== b.name.ns || a.name.local !== b.name.local) this.diff(here, `name ${b.name.local} in candidate`);
    if (this.seen(a, b)) return;
    for (const f of ['fixed', 'default', 'nillable', 'abstract'] as const) {
      if (a[f] !== b[f]) this.diff(here, `${f}: ${String(a[f])} vs ${String(b[f])}`);
    }
    const idc = (e: ElementModel) => JSON.stringify(e.identity.map((i) => [i.kind, i.selector, i.fields]).sort());
    if (idc(a) !== idc(b)) this.diff(here, `identity constraints ${idc(a)} vs ${idc(b)}`);
    this.types(a.type, b.type, here, lenientTopChoice);
  }

  private types(a: TypeModel, b: TypeModel, path: string, lenient: boolean): void {
    if (a.kind === 'simple' || b.kind === 'simple') {
      const sa = a.kind === 'simple' ? simpleSignature(a) : 'complex';
      const sb = b.kind === 'simple' ? simpleSignature(b) : 'complex';
      if (sa !== sb) this.diff(path, `type ${sa} vs ${sb}`);
      return;
    }
    if (this.seen(a, b)) return;
    const attrs = (t: typeof a) =>
      new Map(t.attributes.map((x) => [`{${x.name.ns ?? ''}}${x.name.local}`, JSON.stringify([x.use, x.fixed, x.default, simpleSignature(x.type)])]));
    const aa = attrs(a);
    const ab = attrs(b);
    for (const k of new Set([...aa.keys(), ...ab.keys()])) {
      if (aa.get(k) !== ab.get(k)) this.diff(path, `attribute ${short(k)}: ${aa.get(k) ?? 'absent'} vs ${ab.get(k) ?? 'absent'}`);
    }
    if (JSON.stringify(a.anyAttribute) !== JSON.stringify(b.anyAttribute)) this.diff(path, 'anyAttribute differs');
    if (a.mixed !== b.mixed) this.diff(path, `mixed ${a.mixed} vs ${b.mixed}`);
    if (simpleSignature(a.text) !== simpleSignature(b.text)) this.diff(path, `text ${simpleSignature(a.text)} vs ${simpleSignature(b.text)}`);
    const ca = a.content && normalise(a.content);
    const cb = b.content && normalise(b.content);
    if (!ca || !cb) {
      if (ca || cb) this.diff(path, `content ${ca ? label(ca) : 'empty'} vs ${cb ? label(cb) : 'empty'}`);
      return;
    }
    this.particles(ca, cb, path, lenient);
  }

  private particles(a: Norm, b: Norm, path: string, lenient = false): void {
    if (a.k !== b.k) return this.diff(path, `${label(a)} vs ${label(b)}`);
    // A choice that may be empty through a branch and one that is optional accept the same.
    const occursOf = (n: Norm) => (n.k === 'choice' ? `${emptiable(n) ? 0 : 1}..${n.occ.split('..')[1]}` : n.occ);
    if (occursOf(a) !== occursOf(b) && !(lenient && a.k === 'choice' && a.occ.endsWith('..1') && b.occ.endsWith('..1'))) {
      this.diff(`${path}/${label(a)}`, `occurs ${a.occ} vs ${b.occ}`);
    }
    if (a.k === 'element' && b.k === 'element') return this.elements(a.el, b.el, path, lenient);
    if (a.k === 'any' && b.k === 'any') {
      if (a.what !== b.what) this.diff(path, `any ${a.what} vs ${b.what}`);
      return;
    }
    const ia = (a as { items: Norm[] }).items;
    const ib = (b as { items: Norm[] }).items;
    const here = `${path}/${a.k}`;
    if (a.k === 'choice' || a.k === 'all') {
      const ma = new Map(ia.map((i) => [label(i), i]));
      const mb = new Map(ib.map((i) => [label(i), i]));
      for (const [k, i] of ma) {
        const other = mb.get(k);
        if (other) this.particles(i, other, here, lenient);
        else if (lenient) this.referenceOnly.push(`${here}: ${k}`);
        else this.diff(here, `branch ${k} missing`);
      }
      for (const k of mb.keys()) if (!ma.has(k)) this.diff(here, `extra branch ${k}`);
      return;
    }
    // In a getStateResult a choice may lack branches that answer operations left out.
    const seqLabel = (i: Norm) => (lenient && i.k === 'choice' ? 'choice' : label(i));
    const la = ia.map(seqLabel);
    const lb = ib.map(seqLabel);
    if (la.join() !== lb.join()) {
      this.diff(here, `children [${la.join(', ')}] vs [${lb.join(', ')}]`);
      // Same length: pair by position so a changed group is still looked into; else by label.
      const byLabel = new Map(ib.map((i) => [label(i), i]));
      ia.forEach((i, n) => {
        const other = ia.length === ib.length && ib[n].k === i.k ? ib[n] : byLabel.get(label(i));
        if (other) this.particles(i, other, here, lenient);
      });
      return;
    }
    ia.forEach((i, n) => this.particles(i, ib[n], here, lenient));
  }

  private seen(a: object, b: object): boolean {
    let set = this.compared.get(a);
    if (!set) this.compared.set(a, (set = new Set()));
    if (set.has(b)) return true;
    set.add(b);
    return false;
  }

  private diff(path: string, what: string): void {
    this.differences.push(`${path}: ${what}`);
  }
}

/** Compares one global element of two schema models. */
export function compareElement(reference: SchemaModel, candidate: SchemaModel, ns: string | undefined, local: string, lenient = false): StructureDiff {
  const d = new StructureDiff();
  const a = reference.element(ns, local);
  const b = candidate.element(ns, local);
  if (!a || !b) {
    d.differences.push(`${local}: declared in reference ${!!a}, candidate ${!!b}`);
    return d;
  }
  d.elements(a, b, '', lenient);
  return d;
}
