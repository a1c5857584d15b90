import { randomUUID } from 'node:crypto';

/** Identifiers, dates and sums as GIS writes them. */

export function newGuid(): string {
  return randomUUID();
}

export { mskDate, mskDateTime } from '../../../xml/moscowTime';

/** When a request's changes happened: now, never before the stand received it. */
export function processedAt(receivedAt: Date): Date {
  return new Date(Math.max(Date.now(), receivedAt.getTime()));
}

/** Rubles as written in XML ("1561.13", "-20.6", "45") → kopecks, exactly (no floating point). */
export function kopecks(rubles: string | undefined): number {
  if (rubles === undefined || rubles.trim() === '') return 0;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(rubles.trim());
  if (!m) return 0;
  const frac = ((m[3] ?? '') + '00').slice(0, 2);
  const n = Number(m[2] || '0') * 100 + Number(frac);
  return m[1] === '-' ? -n : n;
}

/** Kopecks → rubles with two decimals ("2181.12"). */
export function rubles(kop: number): string {
  const sign = kop < 0 ? '-' : '';
  const a = Math.abs(Math.round(kop));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export function int(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s.trim());
  return Number.isInteger(n) ? n : undefined;
}

/** GUIDs compare case-insensitively. */
export function sameGuid(a: string | undefined | null, b: string | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** A period as one comparable number: 2026-10 → 202610. */
export function periodKey(year: number, month: number): number {
  return year * 100 + month;
}

/** Where an answer needs a GUID the stand does not have (a request sent with SenderID only). */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
