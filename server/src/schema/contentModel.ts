import type { ElementModel, Particle } from './schemaTypes';

/**
 * A content model as an automaton over child element names, to tell which elements may come next
 * after the children already written. Repetition beyond a few copies becomes a loop: completion
 * needs what may follow, not an exact count.
 */

interface Edge {
  to: number;
  /** undefined: any element (xs:any). */
  element?: ElementModel;
  /** Index of the element particle in schema order, for sorting offers. */
  order: number;
  /** The particle requires at least one occurrence where it stands. */
  required: boolean;
}

export interface NextElement {
  element: ElementModel;
  /** No way to finish the parent without an element from this offer list. */
  required: boolean;
  order: number;
}

const UNROLL = 3;

class Automaton {
  readonly eps: number[][] = [[]];
  readonly edges: Edge[][] = [[]];
  accept = 0;
  private order = 0;

  state(): number {
    this.eps.push([]);
    this.edges.push([]);
    return this.eps.length - 1;
  }

  build(p: Particle, from: number, required = true): number {
    const { min, max } = p.occurs;
    let at = from;
    for (let i = 0; i < Math.min(min, UNROLL); i++) at = this.once(p, at, required);
    if (max === min && min <= UNROLL) return at;
    if (max === Number.POSITIVE_INFINITY || max > UNROLL) {
      const loop = this.state();
      this.eps[at].push(loop);
      const end = this.once(p, loop, false);
      this.eps[end].push(loop);
      return loop;
    }
    const exit = this.state();
    this.eps[at].push(exit);
    for (let i = min; i < max; i++) {
      at = this.once(p, at, false);
      this.eps[at].push(exit);
    }
    return exit;
  }

  private once(p: Particle, from: number, required: boolean): number {
    if (p.kind === 'element' || p.kind === 'any') {
      const to = this.state();
      this.edges[from].push({ to, element: p.kind === 'element' ? p.element : undefined, order: this.order++, required: required && p.occurs.min > 0 });
      return to;
    }
    if (p.kind === 'sequence') {
      let at = from;
      for (const item of p.items) at = this.build(item, at, required && p.occurs.min > 0);
      return at;
    }
    // choice, and xs:all read as a repeated choice (order free)
    const end = this.state();
    for (const item of p.items) {
      const start = this.state();
      this.eps[from].push(start);
      // One branch of a required choice is required: its elements are offered as such.
      this.eps[this.build(item, start, required && p.occurs.min > 0 && p.kind === 'choice')].push(end);
    }
    if (p.kind === 'all') this.eps[end].push(from);
    return end;
  }

  closure(states: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stack = [...states];
    while (stack.length) {
      const s = stack.pop()!;
      if (out.has(s)) continue;
      out.add(s);
      stack.push(...this.eps[s]);
    }
    return out;
  }
}

const automata = new WeakMap<Particle, Automaton>();

function automaton(content: Particle): Automaton {
  let a = automata.get(content);
  if (!a) {
    a = new Automaton();
    a.accept = a.build(content, 0);
    automata.set(content, a);
  }
  return a;
}

/** The elements that may follow `children` (namespace, local name) inside content `content`. */
export function nextElements(content: Particle, children: readonly { ns: string | undefined; local: string }[]): NextElement[] {
  const a = automaton(content);
  let states = a.closure([0]);
  for (const c of children) {
    const next: number[] = [];
    for (const s of states) {
      for (const e of a.edges[s]) {
        if (!e.element || (e.element.name.local === c.local && e.element.name.ns === c.ns)) next.push(e.to);
      }
    }
    // An unexpected child is skipped: the offer then reflects the children that fit.
    if (next.length) states = a.closure(next);
  }
  const mayEnd = states.has(a.accept);
  const seen = new Map<ElementModel, NextElement>();
  for (const s of states) {
    for (const e of a.edges[s]) {
      if (!e.element || seen.has(e.element)) continue;
      seen.set(e.element, { element: e.element, required: !mayEnd && e.required, order: e.order });
    }
  }
  return [...seen.values()].sort((x, y) => Number(y.required) - Number(x.required) || x.order - y.order);
}

/** The particle that declares a child element inside `content`, searched depth-first. */
export function childParticle(content: Particle | undefined, ns: string | undefined, local: string): (Particle & { kind: 'element' }) | undefined {
  if (!content) return undefined;
  const stack: Particle[] = [content];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.kind === 'element') {
      if (p.element.name.local === local && p.element.name.ns === ns) return p;
    } else if (p.kind !== 'any') {
      for (let i = p.items.length - 1; i >= 0; i--) stack.push(p.items[i]);
    }
  }
  return undefined;
}

/** Whether the content admits elements from any namespace somewhere (xs:any). */
export function hasWildcard(content: Particle | undefined): boolean {
  if (!content) return false;
  if (content.kind === 'any') return true;
  if (content.kind === 'element') return false;
  return content.items.some(hasWildcard);
}
