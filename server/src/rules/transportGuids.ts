import type { Finding, Rule, RuleContext } from './rule';
import { say } from './rule';

/** TransportGUID ties each answer item to its request item: a repeated one makes the answer ambiguous. */
export const transportGuids: Rule = {
  code: 'gis-transport-guid-repeated',
  defaultSeverity: 'error',
  check(ctx: RuleContext): Finding[] {
    if (!ctx.operation) return [];
    const seen = new Map<string, number>();
    const out: Finding[] = [];
    for (const v of ctx.facts.values) {
      if (v.local !== 'TransportGUID') continue;
      const key = v.value.trim().toLowerCase();
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) {
        out.push({
          start: v.valueStart,
          end: v.valueEnd,
          message: say(ctx.lang, `TransportGUID ${v.value.trim()} уже встречался в этом запросе (повтор № ${n - 1})`, `TransportGUID ${v.value.trim()} already occurs in this request (repeat ${n - 1})`),
        });
      }
    }
    return out;
  },
};
