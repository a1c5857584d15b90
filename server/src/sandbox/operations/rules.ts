import type { ItemError } from './common';
import { mskDate } from './common';

/**
 * The business rules the sandbox stand checks per item, with the codes it answers. The code
 * families are GIS's (INT… integration controls, SRV… business rules); the numbers are the
 * stand's own, except INT002012 (object not found / nothing to export) and SRV007013 (reading
 * period), which GIS uses for the same situations.
 */
export const CODES = {
  /** An object named by GUID (account, meter, premises, contract, NSI position) is not on the stand. */
  notFound: 'INT002012',
  /** An export found nothing (the whole message). */
  nothingToExport: 'INT002012',
  /** An NSI code is not in the registry the element refers to. */
  nsiUnknown: 'INT002021',
  /** The FIAS house GUID is unknown (not in FIAS, or the house has no card on the stand). */
  fiasUnknown: 'SRV004044',
  /** ApartmentHouseToCreate / LivingHouseToCreate for a house that already has a card. */
  houseExists: 'SRV004045',
  /** Another meter with the same serial number is already registered in the house. */
  duplicateSerial: 'SRV007020',
  /** A reading's date is outside the period in which readings are accepted. */
  readingPeriod: 'SRV007013',
  /** Readings of an archived meter are not accepted. */
  meterArchived: 'SRV007014',
  /** Readings of a kind (or resource) the meter does not measure. */
  wrongValueKind: 'SRV007015',
  /** The organisation may not change an object that belongs to another organisation. */
  foreignObject: 'SRV000010',
  /** A value the schema still accepts but GIS no longer does (StringDimensionUnit of NSI 1). */
  obsolete: 'INT002030',
} as const;

export const err = (code: string, description: string): ItemError => ({ code, description });

/**
 * Readings are accepted for dates from the first day of the previous month until the 25th of the
 * current month, and for the current month until "today" (Moscow time) — GIS's usual window for
 * the monthly readings: the month just ended is open until the 25th of the next one. Future dates
 * are never accepted. `receivedAt` is the moment the stand received the message.
 */
export function readingWindow(receivedAt: Date): { from: string; to: string } {
  const today = mskDate(receivedAt); // YYYY-MM-DD
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  const first = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  const from = day <= 25 ? (month === 1 ? first(year - 1, 12) : first(year, month - 1)) : first(year, month);
  return { from, to: today };
}

/** The SRV007013 error for a reading date outside the window, or undefined. */
export function checkReadingDate(date: string, receivedAt: Date): ItemError | undefined {
  const d = date.slice(0, 10);
  const { from, to } = readingWindow(receivedAt);
  if (d > to) return err(CODES.readingPeriod, `Дата показания ${d} позже даты приёма ${to}: показания будущими датами не принимаются`);
  if (d < from) {
    return err(
      CODES.readingPeriod,
      `Истёк срок передачи показаний за дату ${d}: на ${to} принимаются показания с ${from} (за прошлый месяц — до 25-го числа текущего)`,
    );
  }
  return undefined;
}
