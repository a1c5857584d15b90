import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/**
 * Dates no real record has: before 1900 or after 2100 (a typo in the year, a default value of the
 * accounting system), and readings taken after today.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;
const READING = new Set(['CurrentValue', 'ControlValue', 'StartValue', 'EndValue', 'VerificationValue']);
const DAY_MS = 24 * 60 * 60 * 1000;

export const dates: Rule = {
  code: 'gis-date-range',
  defaultSeverity: 'warning',
  begin(ctx: RuleContext): RuleCheck {
    return {
      value(v, out) {
        if (v.value.length < 10 || v.value.indexOf('-') < 0) return;
        const m = DATE.exec(v.value.trim());
        if (!m) return;
        const year = Number(m[1]);
        const at = { start: v.valueStart + v.value.indexOf(m[0]), end: v.valueStart + v.value.indexOf(m[0]) + m[0].length };
        if (year < 1900 || year > 2100) {
          out.push({ ...at, message: say(ctx.lang, `${v.local}: год ${year} вне правдоподобных пределов (1900–2100)`, `${v.local}: year ${year} is outside plausible bounds (1900-2100)`) });
          return;
        }
        const reading = ctx.operation && v.local === 'DateValue' && READING.has(v.parent ?? '');
        if (reading && Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) > ctx.now.getTime() + DAY_MS) {
          out.push({ ...at, message: say(ctx.lang, `${v.local}: показание датировано будущим днём ${m[0].slice(0, 10)}`, `${v.local}: the reading is dated in the future, ${m[0].slice(0, 10)}`) });
        }
      },
    };
  },
};
