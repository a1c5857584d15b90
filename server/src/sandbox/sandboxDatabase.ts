import * as fs from 'node:fs';
import * as path from 'node:path';
import { mkdirDurable, writeFileDurable } from '../journal/durableFile';
import { JournalLockedError, acquireLock } from '../journal/journalLock';
import { SqlDatabase, SqlValue, loadSqlJs, queryRows } from '../journal/sqlEngine';
import type { SandboxDb } from './operationHandler';

/**
 * The sandbox stand's SQLite database (sql.js): the protocol's messages and the domain tables
 * the operations create. With a folder it is one file, rewritten atomically (temp file, fsync,
 * rename) by `persist()`, which the stand calls before an answer leaves; without one it lives in
 * memory. One process per folder: the folder is locked while the stand runs.
 */
export const DATABASE_FILE = 'sandbox.sqlite';

export class SandboxLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the sandbox data folder ${dataDir} is in use by another process (pid ${pid})`);
    this.name = 'SandboxLockedError';
  }
}

export class SandboxDatabase implements SandboxDb {
  private closed = false;

  private constructor(
    private readonly sql: SqlDatabase,
    readonly file: string | undefined,
    private readonly release: () => void,
  ) {}

  static async open(dataDir?: string): Promise<SandboxDatabase> {
    const SQL = await loadSqlJs();
    if (!dataDir) return new SandboxDatabase(new SQL.Database(), undefined, () => undefined);
    await mkdirDurable(dataDir);
    let release: () => void;
    try {
      // The journal's lock: the same rule (one writer per folder, stale locks taken over).
      release = acquireLock(dataDir);
    } catch (e) {
      if (e instanceof JournalLockedError) throw new SandboxLockedError(dataDir, e.pid);
      throw e;
    }
    try {
      const file = path.join(dataDir, DATABASE_FILE);
      const data = fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : undefined;
      return new SandboxDatabase(new SQL.Database(data), file, release);
    } catch (e) {
      release();
      throw e;
    }
  }

  run(sql: string, params: readonly SqlValue[] = []): void {
    this.sql.run(sql, params);
  }

  all(sql: string, params: readonly SqlValue[] = []): Record<string, SqlValue>[] {
    const [result] = this.sql.exec(sql, params);
    if (!result) return [];
    return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i]])));
  }

  get(sql: string, params: readonly SqlValue[] = []): Record<string, SqlValue> | undefined {
    return this.all(sql, params)[0];
  }

  rows(sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
    return queryRows(this.sql, sql, params);
  }

  /** `fn` in one SQLite transaction: all of its changes, or (when it throws) none. */
  transaction<T>(fn: () => T): T {
    this.sql.run('BEGIN');
    try {
      const r = fn();
      this.sql.run('COMMIT');
      return r;
    } catch (e) {
      this.sql.run('ROLLBACK');
      throw e;
    }
  }

  /** Writes the database file (nothing in memory mode); durable when it resolves. */
  async persist(): Promise<void> {
    if (!this.file || this.closed) return;
    await writeFileDurable(this.file, this.sql.export());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sql.close();
    this.release();
  }
}
