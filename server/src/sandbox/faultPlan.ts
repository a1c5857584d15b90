/**
 * Fault injection for the sandbox stand: what goes wrong, how often, reproducibly (a seeded RNG).
 * At most one fault per HTTP request. Rates may differ for sends (an operation's request) and
 * for getState; a request is told apart by its SOAPAction header before the body is read, so a
 * request without SOAPAction counts as a send.
 *
 * - drop:      the connection is closed before the request is read: it never arrived.
 * - dropAfter: the request is processed and stored, then the connection is closed without an
 *              answer: it arrived, and the client cannot know (the ambiguous case).
 * - http500:   HTTP 500 with an HTML page, before processing (a proxy or a fallen node).
 * - fault:     a SOAP Fault INT… «temporarily unavailable», before processing.
 * - slow:      processed, then answered after `slowMs`.
 * - malformed: processed, then answered with truncated XML.
 */
export const FAULT_KINDS = ['drop', 'dropAfter', 'http500', 'fault', 'slow', 'malformed'] as const;
export type InjectedFault = (typeof FAULT_KINDS)[number];

export type FaultRates = Partial<Record<InjectedFault, number>> & { readonly slowMs?: number };

export interface FaultPlan {
  /** Applies to sends and getState alike, unless `send` / `state` say otherwise. */
  readonly rates?: FaultRates;
  readonly send?: FaultRates;
  readonly state?: FaultRates;
  /** Same seed, same faults for the same sequence of requests. Random when not given. */
  readonly seed?: number;
}

export const DEFAULT_SLOW_MS = 2000;

export class FaultSpecError extends Error {}

/**
 * `drop=0.2,http500=0.1,fault=0.05,slow=0.1:2000,malformed=0.05,seed=42`; a key prefixed with
 * `send.` or `state.` applies to that kind of request only (`state.drop=0`). `drop-after` is
 * accepted for `dropAfter`.
 */
export function parseFaultSpec(spec: string): FaultPlan {
  const rates: Record<string, number> = {};
  const send: Record<string, number> = {};
  const state: Record<string, number> = {};
  let seed: number | undefined;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new FaultSpecError(part);
    const rawKey = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (rawKey === 'seed') {
      seed = Number(value);
      if (!Number.isInteger(seed)) throw new FaultSpecError(part);
      continue;
    }
    const dot = rawKey.indexOf('.');
    const scope = dot < 0 ? undefined : rawKey.slice(0, dot);
    const key = (dot < 0 ? rawKey : rawKey.slice(dot + 1)).replace('drop-after', 'dropAfter');
    const target = scope === undefined ? rates : scope === 'send' ? send : scope === 'state' ? state : undefined;
    if (!target || !(FAULT_KINDS as readonly string[]).includes(key)) throw new FaultSpecError(part);
    const [rate, ms] = value.split(':');
    const r = Number(rate);
    if (!(r >= 0 && r <= 1)) throw new FaultSpecError(part);
    target[key] = r;
    if (ms !== undefined) {
      if (key !== 'slow' || !(Number(ms) >= 0)) throw new FaultSpecError(part);
      target.slowMs = Number(ms);
    }
  }
  const plan: FaultPlan = { rates, send, state, seed };
  for (const kind of ['send', 'state'] as const) {
    const total = FAULT_KINDS.reduce((s, k) => s + ratesFor(plan, kind)[k], 0);
    if (total > 1 + 1e-9) throw new FaultSpecError(`${kind}: ${total.toFixed(2)} > 1`);
  }
  return plan;
}

type Resolved = Record<InjectedFault, number> & { slowMs: number };

function ratesFor(plan: FaultPlan, kind: 'send' | 'state'): Resolved {
  const merged = { ...plan.rates, ...plan[kind] };
  const out = { slowMs: merged.slowMs ?? DEFAULT_SLOW_MS } as Resolved;
  for (const k of FAULT_KINDS) out[k] = merged[k] ?? 0;
  return out;
}

/** mulberry32: small, fast and good enough to pick faults; the same seed gives the same sequence. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultDecision {
  readonly kind: InjectedFault;
  /** For `slow`. */
  readonly delayMs: number;
}

export class FaultInjector {
  readonly seed: number;
  private readonly next: () => number;
  private readonly send: Resolved;
  private readonly state: Resolved;

  constructor(plan: FaultPlan = {}) {
    this.seed = plan.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.next = rng(this.seed);
    this.send = ratesFor(plan, 'send');
    this.state = ratesFor(plan, 'state');
  }

  get active(): boolean {
    return FAULT_KINDS.some((k) => this.send[k] > 0 || this.state[k] > 0);
  }

  /** One draw per request, whether or not a fault comes of it, so the sequence depends on the requests only. */
  decide(kind: 'send' | 'state'): FaultDecision | undefined {
    const r = this.next();
    const rates = kind === 'send' ? this.send : this.state;
    let edge = 0;
    for (const k of FAULT_KINDS) {
      edge += rates[k];
      if (r < edge) return { kind: k, delayMs: rates.slowMs };
    }
    return undefined;
  }
}
