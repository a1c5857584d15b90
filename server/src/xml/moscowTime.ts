/**
 * Times as GIS writes them: Moscow time (UTC+3, no daylight saving since 2014) with its offset,
 * so the clock shown and the offset written agree whatever the machine's time zone.
 */
const MSK_MS = 3 * 3600 * 1000;

/** xs:dateTime, `2026-11-23T10:15:07.402+03:00` (without the milliseconds when `withMs` is false). */
export function mskDateTime(d: Date, withMs = true): string {
  return `${new Date(d.getTime() + MSK_MS).toISOString().slice(0, withMs ? 23 : 19)}+03:00`;
}

/** xs:date, the Moscow calendar date of a moment. */
export function mskDate(d: Date): string {
  return new Date(d.getTime() + MSK_MS).toISOString().slice(0, 10);
}
