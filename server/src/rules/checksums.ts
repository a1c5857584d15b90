import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/**
 * Check digits of Russian registration numbers. The XSD checks only lengths and digits; GIS and
 * the tax service reject a number whose check digit is wrong, and a typo is the usual cause.
 */

const digits = (s: string): number[] => [...s].map(Number);

export function innValid(inn: string): boolean {
  const d = digits(inn);
  const check = (weights: number[]) => (weights.reduce((sum, w, i) => sum + w * d[i], 0) % 11) % 10;
  if (/^\d{10}$/.test(inn)) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  if (/^\d{12}$/.test(inn)) return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
  return false;
}

export function ogrnValid(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 12)) % 11n % 10n) === Number(ogrn[12]);
  if (/^\d{15}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 14)) % 13n % 10n) === Number(ogrn[14]);
  return false;
}

export function kppValid(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

export function snilsValid(snils: string): boolean {
  const s = snils.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(s)) return false;
  // Numbers up to 001-001-998 were issued before check digits existed.
  if (Number(s.slice(0, 9)) <= 1001998) return true;
  const sum = digits(s.slice(0, 9)).reduce((acc, x, i) => acc + x * (9 - i), 0);
  const check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(s.slice(9));
}

interface Kind {
  names: RegExp;
  valid: (v: string) => boolean;
  ru: string;
  en: string;
}

const KINDS: Kind[] = [
  { names: /^(INN|Inn|.*INN)$/, valid: innValid, ru: 'ИНН', en: 'INN' },
  { names: /^(OGRNIP|.*OGRNIP)$/, valid: (v) => /^\d{15}$/.test(v) && ogrnValid(v), ru: 'ОГРНИП', en: 'OGRNIP' },
  { names: /^(OGRN|.*OGRN)$/, valid: (v) => /^\d{13}$/.test(v) && ogrnValid(v), ru: 'ОГРН', en: 'OGRN' },
  { names: /^(KPP|.*KPP)$/, valid: kppValid, ru: 'КПП', en: 'KPP' },
  { names: /^(SNILS|.*SNILS)$/, valid: snilsValid, ru: 'СНИЛС', en: 'SNILS' },
];

export const checksums: Rule = {
  code: 'gis-checksum',
  defaultSeverity: 'warning',
  begin(ctx: RuleContext): RuleCheck {
    // An element name decides the kind; a request repeats a few names many thousand times.
    const kinds = new Map<string, Kind | null>();
    return {
      value(v, out) {
        let kind = kinds.get(v.local);
        if (kind === undefined) kinds.set(v.local, (kind = KINDS.find((k) => k.names.test(v.local)) ?? null));
        const value = v.value.trim();
        // Malformed values are the XSD's to report; this rule speaks only of the check digits.
        if (!kind || !/^[\d\sA-Z-]+$/.test(value) || kind.valid(value)) return;
        if (kind.ru !== 'КПП' && !/^[\d\s-]+$/.test(value)) return;
        const lead = v.value.indexOf(value);
        out.push({
          start: v.valueStart + lead,
          end: v.valueStart + lead + value.length,
          message:
            kind.ru === 'КПП'
              ? say(ctx.lang, `${v.local}: «${value}» не похоже на КПП (4 цифры, 2 цифры или буквы A–Z, 3 цифры)`, `${v.local}: '${value}' is not shaped like a KPP`)
              : say(ctx.lang, `${v.local}: у ${kind.ru} ${value} неверная контрольная цифра`, `${v.local}: ${kind.en} ${value} has a wrong check digit`),
        });
      },
    };
  },
};
