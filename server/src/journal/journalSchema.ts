import type { JournalMessage } from './journalMessage';
import { isMessageState } from './messageState';
import type { SqlDatabase, SqlValue } from './sqlEngine';

/**
 * The database layout. Columns are listed once, here, so the insert, the update and the row
 * mapping cannot drift apart.
 */
export const SCHEMA_VERSION = 1;

type Field = keyof JournalMessage;

export const COLUMNS: readonly (readonly [Field, string])[] = [
  ['messageGuid', 'message_guid'],
  ['gisMessageGuid', 'gis_message_guid'],
  ['stand', 'stand'],
  ['service', 'service'],
  ['operation', 'operation'],
  ['state', 'state'],
  ['createdAt', 'created_at'],
  ['sentAt', 'sent_at'],
  ['acknowledgedAt', 'acknowledged_at'],
  ['answeredAt', 'answered_at'],
  ['updatedAt', 'updated_at'],
  ['attempts', 'attempts'],
  ['polls', 'polls'],
  ['errorCode', 'error_code'],
  ['errorText', 'error_text'],
  ['itemsOk', 'items_ok'],
  ['itemsFailed', 'items_failed'],
];

const COLUMN_OF = new Map<string, string>(COLUMNS);

export const SELECT_COLUMNS = COLUMNS.map(([, c]) => c).join(', ');

// The indexes serve the tree view (stand → state, newest first), the state filter, retention
// (done and old) and lookups by GIS's MessageGUID (`gis-zhkh state <guid>` accepts either).
const DDL = `
CREATE TABLE IF NOT EXISTS message (
  id INTEGER PRIMARY KEY,
  message_guid TEXT NOT NULL UNIQUE,
  gis_message_guid TEXT,
  stand TEXT NOT NULL,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  acknowledged_at INTEGER,
  answered_at INTEGER,
  updated_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  polls INTEGER NOT NULL,
  error_code TEXT,
  error_text TEXT,
  items_ok INTEGER,
  items_failed INTEGER
);
CREATE INDEX IF NOT EXISTS message_state ON message(state, created_at);
CREATE INDEX IF NOT EXISTS message_stand ON message(stand, state, created_at);
CREATE INDEX IF NOT EXISTS message_created ON message(created_at);
CREATE INDEX IF NOT EXISTS message_gis_guid ON message(gis_message_guid);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pending_purge (message_guid TEXT PRIMARY KEY);
`;

export function createSchema(db: SqlDatabase): void {
  db.exec(DDL);
  const version = readMeta(db, 'schema_version');
  if (version === undefined) writeMeta(db, 'schema_version', SCHEMA_VERSION);
  else if (version > SCHEMA_VERSION) {
    throw new Error(`the journal was written by a newer version of the product (schema ${version}, this one knows ${SCHEMA_VERSION})`);
  }
}

export function readMeta(db: SqlDatabase, key: string): number | undefined {
  const r = db.exec('SELECT value FROM meta WHERE key = ?', [key]);
  const v = r[0]?.values[0]?.[0];
  return typeof v === 'number' ? v : undefined;
}

export function writeMeta(db: SqlDatabase, key: string, value: number): void {
  db.run('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

export function columnOf(field: string): string {
  const c = COLUMN_OF.get(field);
  if (!c) throw new Error(`not a journal field: ${field}`);
  return c;
}

export function toSql(v: unknown): SqlValue {
  return v === undefined ? null : (v as SqlValue);
}

/** A row in SELECT_COLUMNS order back to a message; NULL becomes an absent field. */
export function rowToMessage(row: readonly SqlValue[]): JournalMessage {
  const m: Record<string, unknown> = {};
  for (let i = 0; i < COLUMNS.length; i++) {
    const v = row[i];
    if (v !== null && v !== undefined) m[COLUMNS[i][0]] = v;
  }
  const state = String(m.state);
  if (!isMessageState(state)) throw new Error(`message ${String(m.messageGuid)} has an unknown state '${state}' in the journal`);
  return m as unknown as JournalMessage;
}

export function messageToRow(m: JournalMessage): SqlValue[] {
  return COLUMNS.map(([f]) => toSql(m[f]));
}
