import type { SandboxDb } from '../../../operationHandler';
import { E, ItemError } from '../codes';
import type { NoticeTable } from './noticeStore';
import { noticeByGuid } from './noticeStore';
import { houseByFias, houseByGuid } from '../lookups';
import { sameGuid } from '../values';

/** Checks shared by intervals and outage reports. */

/** An existing record that this organisation may change: found, not annulled, its own. */
export function changeable(db: SandboxDb, table: NoticeTable, guid: string, org: string | undefined, notFound: (g: string) => ItemError): ItemError | undefined {
  const n = noticeByGuid(db, table, guid);
  if (!n) return notFound(guid);
  if (n.annulmentReason !== undefined) return E.alreadyAnnulled(guid);
  if (n.orgPPAGUID && org && !sameGuid(n.orgPPAGUID, org)) return E.orgOfOtherRecord(guid);
  return undefined;
}

export function checkPeriod(start: string | undefined, end: string | undefined): ItemError | undefined {
  if (!start || !end) return undefined;
  const s = Date.parse(start);
  const e = Date.parse(end);
  return !Number.isNaN(s) && !Number.isNaN(e) && e < s ? E.endBeforeStart() : undefined;
}

export function checkFiasHouses(db: SandboxDb, guids: readonly string[]): ItemError[] {
  return [...new Set(guids.map((g) => g.toLowerCase()))].filter((g) => !houseByFias(db, g)).map((g) => E.fiasHouseUnknown(g));
}

export function checkHouses(db: SandboxDb, guids: readonly string[]): ItemError[] {
  return [...new Set(guids.map((g) => g.toLowerCase()))].filter((g) => !houseByGuid(db, g)).map((g) => E.houseUnknown(g));
}
