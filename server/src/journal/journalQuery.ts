import type { JournalMessage } from './journalMessage';
import type { JournalDb } from './journalDb';
import { SELECT_COLUMNS, rowToMessage } from './journalSchema';
import { IN_FLIGHT_STATES, MessageState } from './messageState';
import type { SqlValue } from './sqlEngine';

/**
 * Reading the journal: the tree view (counts by stand and state, then a page of messages),
 * filters, and the messages a restart must resume. Queries are synchronous against the in-memory
 * database and see every change whose call has returned.
 */
export interface MessageFilter {
  stand?: string;
  states?: readonly MessageState[];
  service?: string;
  operation?: string;
  /** created_at ≥ this (ms). */
  createdFrom?: number;
  /** created_at < this (ms). */
  createdTo?: number;
  errorCode?: string;
  /** Start of our or GIS's MessageGUID. */
  guidPrefix?: string;
}

export interface Page {
  /** Default 200: a view shows a page, never 100 000 rows at once. */
  limit?: number;
  offset?: number;
}

export interface StateCount {
  stand: string;
  state: MessageState;
  count: number;
}

/**
 * - poll: GIS acknowledged it (we hold its MessageGUID); resume getState, never resend.
 * - check-before-resend: the process died while sending; GIS may or may not have it. Ask
 *   getRequestsState (or the user) first; a resend keeps the same MessageGUID.
 */
export type ResumeAction = 'poll' | 'check-before-resend';

export interface InFlight {
  message: JournalMessage;
  resume: ResumeAction;
}

function where(f: MessageFilter): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (f.stand !== undefined) {
    parts.push('stand = ?');
    params.push(f.stand);
  }
  if (f.states && f.states.length > 0) {
    parts.push(`state IN (${f.states.map(() => '?').join(', ')})`);
    params.push(...f.states);
  }
  if (f.service !== undefined) {
    parts.push('service = ?');
    params.push(f.service);
  }
  if (f.operation !== undefined) {
    parts.push('operation = ?');
    params.push(f.operation);
  }
  if (f.createdFrom !== undefined) {
    parts.push('created_at >= ?');
    params.push(f.createdFrom);
  }
  if (f.createdTo !== undefined) {
    parts.push('created_at < ?');
    params.push(f.createdTo);
  }
  if (f.errorCode !== undefined) {
    parts.push('error_code = ?');
    params.push(f.errorCode);
  }
  if (f.guidPrefix) {
    // GUIDs are stored lower case; a range rather than LIKE lets the unique index answer.
    const p = f.guidPrefix.toLowerCase();
    parts.push('((message_guid >= ? AND message_guid < ?) OR (gis_message_guid >= ? AND gis_message_guid < ?))');
    params.push(p, p + '\uffff', p, p + '\uffff');
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listMessages(db: JournalDb, filter: MessageFilter = {}, page: Page = {}): JournalMessage[] {
  const w = where(filter);
  const limit = page.limit ?? 200;
  const sql = `SELECT ${SELECT_COLUMNS} FROM message ${w.sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
  return db.query(sql, [...w.params, limit < 0 ? -1 : limit, page.offset ?? 0]).map(rowToMessage);
}

export function countMessages(db: JournalDb, filter: MessageFilter = {}): number {
  const w = where(filter);
  return Number(db.query(`SELECT count(*) FROM message ${w.sql}`, w.params)[0][0]);
}

export function stateCounts(db: JournalDb): StateCount[] {
  return db
    .rows('SELECT stand, state, count(*) FROM message GROUP BY stand, state ORDER BY stand, state')
    .map((r) => ({ stand: String(r[0]), state: r[1] as MessageState, count: Number(r[2]) }));
}

export function findByGisGuid(db: JournalDb, gisMessageGuid: string): JournalMessage | undefined {
  const rows = db.rows(`SELECT ${SELECT_COLUMNS} FROM message WHERE gis_message_guid = ?`, [gisMessageGuid.toLowerCase()]);
  return rows[0] && rowToMessage(rows[0]);
}

/** Oldest first: the order in which they were sent, and should be resumed. */
export function inFlight(db: JournalDb): InFlight[] {
  const sql = `SELECT ${SELECT_COLUMNS} FROM message WHERE state IN (${IN_FLIGHT_STATES.map(() => '?').join(', ')}) ORDER BY created_at, id`;
  return db.query(sql, [...IN_FLIGHT_STATES]).map((r) => {
    const message = rowToMessage(r);
    return { message, resume: message.state === 'sending' ? 'check-before-resend' : 'poll' };
  });
}

/** Final messages past their keeping time, for retention. */
export function expiredMessages(db: JournalDb, states: readonly MessageState[], before: number): string[] {
  const sql = `SELECT message_guid FROM message WHERE state IN (${states.map(() => '?').join(', ')}) AND coalesce(answered_at, updated_at) < ?`;
  return db.query(sql, [...states, before]).map((r) => String(r[0]));
}
