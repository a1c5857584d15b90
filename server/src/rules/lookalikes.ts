import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/**
 * Cyrillic letters that look like Latin ones inside GUIDs and Latin-only codes (`с` for `c`, `Н`
 * for `H`, `А` for the `A` of an NSI code): real data has them, and the XSD then fails with a
 * pattern message nobody can read. GIS's own identifiers (ЕЛС, ЖКУ, payment document numbers)
 * legitimately hold Cyrillic letters, so only GUIDs, NSI codes and KPP are looked at.
 */

const TWINS: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', к: 'k',
};
const GUID_LIKE = /^[0-9a-fA-FА-Яа-яЁё]{8}-[0-9a-fA-FА-Яа-яЁё]{4}-[0-9a-fA-FА-Яа-яЁё]{4}-[0-9a-fA-FА-Яа-яЁё]{4}-[0-9a-fA-FА-Яа-яЁё]{12}$/;
const HAS_CYRILLIC = /[А-Яа-яЁё]/;
/** Codes whose letters are Latin by definition: an NSI item code (`A12.3`) and a KPP. */
const LATIN_CODE: Record<string, RegExp> = {
  Code: /^[AА]?\d{1,4}(\.[AА]?\d{1,4})*\.?$/,
  KPP: /^\d{4}[\dA-ZА-Я]{2}\d{3}$/,
};

export function latinTwin(value: string): string {
  return [...value].map((c) => TWINS[c] ?? c).join('');
}

export const lookalikes: Rule = {
  code: 'gis-lookalike',
  defaultSeverity: 'warning',
  begin(ctx: RuleContext): RuleCheck {
    return {
      value(v, out) {
        const value = v.value.trim();
        if (!HAS_CYRILLIC.test(value) || v.value.includes('&')) return;
        const guid = GUID_LIKE.test(value);
        const code = !guid && LATIN_CODE[v.local]?.test(value) === true && [...value].every((c) => !HAS_CYRILLIC.test(c) || c in TWINS);
        if (!guid && !code) return;
        const lead = v.value.indexOf(value);
        const chars = [...value];
        let offset = v.valueStart + lead;
        const bad: string[] = [];
        let first = -1;
        let last = -1;
        for (const c of chars) {
          if (HAS_CYRILLIC.test(c)) {
            if (first < 0) first = offset;
            last = offset + c.length;
            bad.push(c);
          }
          offset += c.length;
        }
        const fixed = latinTwin(value);
        out.push({
          start: first,
          end: last,
          message: say(
            ctx.lang,
            `${v.local}: кириллические буквы ${bad.map((c) => `«${c}»`).join(', ')} вместо латинских в ${guid ? 'GUID' : 'коде'} «${value}»`,
            `${v.local}: Cyrillic letters ${bad.map((c) => `'${c}'`).join(', ')} instead of Latin ones in the ${guid ? 'GUID' : 'code'} '${value}'`,
          ),
          fixes: [{ title: say(ctx.lang, `Заменить на латиницу: ${fixed}`, `Replace with Latin letters: ${fixed}`), start: v.valueStart + lead, end: v.valueStart + lead + value.length, newText: fixed }],
        });
      },
    };
  },
};
