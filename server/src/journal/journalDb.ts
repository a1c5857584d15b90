import { ChangeRecord } from './journalChange';
import type { JournalMessage } from './journalMessage';
import { COLUMNS, SELECT_COLUMNS, createSchema, messageToRow, readMeta, rowToMessage, writeMeta } from './journalSchema';
import { SqlDatabase, SqlStatement, SqlValue, loadSqlJs, queryRows, statementRows } from './sqlEngine';

/**
 * The in-memory SQLite database and the only code that changes it: records from the change log
 * are applied here, whether live or replayed at open, so both paths give the same rows.
 */
const UPSERT = `INSERT INTO message(${SELECT_COLUMNS}) VALUES (${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT(message_guid) DO UPDATE SET ${COLUMNS.slice(1).map(([, c]) => `${c} = excluded.${c}`).join(', ')}`;

export class JournalDb {
  private readonly statements = new Map<string, SqlStatement>();

  private constructor(readonly sql: SqlDatabase) {}

  static async open(snapshot?: Uint8Array): Promise<JournalDb> {
    const SQL = await loadSqlJs();
    const db = new JournalDb(new SQL.Database(snapshot));
    createSchema(db.sql);
    return db;
  }

  /** The sequence number of the last change the database holds. */
  get lastSeq(): number {
    return readMeta(this.sql, 'last_seq') ?? 0;
  }

  apply(record: ChangeRecord, recordSeq = true): void {
    switch (record.op) {
      case 'put':
        this.run(UPSERT, messageToRow(record.m));
        break;
      case 'delete':
        for (const g of record.guids) {
          this.run('DELETE FROM message WHERE message_guid = ?', [g]);
          this.run('INSERT OR IGNORE INTO pending_purge(message_guid) VALUES (?)', [g]);
        }
        break;
      case 'purged':
        for (const g of record.guids) this.run('DELETE FROM pending_purge WHERE message_guid = ?', [g]);
        break;
    }
    if (recordSeq) writeMeta(this.sql, 'last_seq', record.seq);
  }

  /** Many records in one SQLite transaction: replay at open is then a matter of milliseconds. */
  applyAll(records: readonly ChangeRecord[]): number {
    const from = this.lastSeq;
    let applied = 0;
    let last = from;
    this.sql.run('BEGIN');
    try {
      for (const r of records) {
        // Already in the snapshot: the log outlived a compaction by a crash.
        if (r.seq <= from) continue;
        this.apply(r, false);
        applied++;
        last = r.seq;
      }
      if (last > from) writeMeta(this.sql, 'last_seq', last);
      this.sql.run('COMMIT');
    } catch (e) {
      this.sql.run('ROLLBACK');
      throw e;
    }
    return applied;
  }

  get(messageGuid: string): JournalMessage | undefined {
    const rows = this.rows(`SELECT ${SELECT_COLUMNS} FROM message WHERE message_guid = ?`, [messageGuid]);
    return rows[0] && rowToMessage(rows[0]);
  }

  pendingPurge(): string[] {
    return this.rows('SELECT message_guid FROM pending_purge').map((r) => String(r[0]));
  }

  rows(sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
    const st = this.statement(sql);
    try {
      return statementRows(st, params);
    } finally {
      st.reset();
    }
  }

  /** For one-off queries whose text varies (filters): not worth caching. */
  query(sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
    return queryRows(this.sql, sql, params);
  }

  /** The database file's bytes. sql.js reopens the database to do it, so cached statements go. */
  export(): Uint8Array {
    this.dropStatements();
    return this.sql.export();
  }

  close(): void {
    this.dropStatements();
    this.sql.close();
  }

  private run(sql: string, params: readonly SqlValue[]): void {
    const st = this.statement(sql);
    try {
      st.bind(params);
      st.step();
    } finally {
      st.reset();
    }
  }

  private statement(sql: string): SqlStatement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.sql.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private dropStatements(): void {
    for (const st of this.statements.values()) st.free();
    this.statements.clear();
  }
}
