import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/** TransportGUID ties each answer item to its request item: a repeated one makes the answer ambiguous. */
export const transportGuids: Rule = {
  code: 'gis-transport-guid-repeated',
  defaultSeverity: 'error',
  begin(ctx: RuleContext): RuleCheck {
    if (!ctx.operation) return {};
    const seen = new Map<string, number>();
    return {
      value(v, out) {
        if (v.local !== 'TransportGUID') return;
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
      },
    };
  },
};
