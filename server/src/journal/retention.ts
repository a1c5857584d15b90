import type { MessageState } from './messageState';

/**
 * How long finished messages are kept. Done messages are the bulk and the least interesting;
 * failures are what GIS support asks about, so they may be kept longer (or for ever).
 */
export interface RetentionSettings {
  /** Delete done messages answered more than this many days ago. Absent: keep them. */
  doneDays?: number;
  /** The same for failed, rejected and abandoned messages. Absent: keep them. */
  otherFinalDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each rule as (states, cut-off time); a message answered before the cut-off goes. */
export function retentionRules(settings: RetentionSettings, now: number): { states: MessageState[]; before: number }[] {
  const rules: { states: MessageState[]; before: number }[] = [];
  const check = (days: number | undefined, name: string): boolean => {
    if (days === undefined) return false;
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention ${name} must be a number of days ≥ 0, not ${days}`);
    return true;
  };
  if (check(settings.doneDays, 'doneDays')) rules.push({ states: ['done'], before: now - settings.doneDays! * DAY_MS });
  if (check(settings.otherFinalDays, 'otherFinalDays')) {
    rules.push({ states: ['failed', 'rejected', 'abandoned'], before: now - settings.otherFinalDays! * DAY_MS });
  }
  return rules;
}
