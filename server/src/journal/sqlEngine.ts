/**
 * sql.js (SQLite compiled to WebAssembly), loaded once per process. The "inline" build carries
 * its WebAssembly inside the JavaScript, so esbuild's bundles need no .wasm file beside them.
 * sql.js ships no TypeScript types; the little of its API the journal uses is declared here.
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlStatement {
  bind(values?: readonly SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  reset(): void;
  free(): boolean;
}

export interface SqlDatabase {
  exec(sql: string, params?: readonly SqlValue[]): { columns: string[]; values: SqlValue[][] }[];
  run(sql: string, params?: readonly SqlValue[]): SqlDatabase;
  prepare(sql: string): SqlStatement;
  /** Frees every prepared statement and reopens the database: callers must prepare again. */
  export(): Uint8Array;
  getRowsModified(): number;
  close(): void;
}

interface SqlJsStatic {
  Database: new (data?: Uint8Array) => SqlDatabase;
}

type InitSqlJs = () => Promise<SqlJsStatic>;

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  // A string literal, so esbuild bundles the module.
  loading ??= (require('sql.js/dist/sql-wasm-inline.js') as InitSqlJs)();
  return loading;
}

/** Rows of a statement as arrays, in column order: several times faster than sql.js's objects. */
export function statementRows(st: SqlStatement, params: readonly SqlValue[] = []): SqlValue[][] {
  st.bind(params);
  const rows: SqlValue[][] = [];
  while (st.step()) rows.push(st.get());
  return rows;
}

/** Rows of a one-off query (the statement is freed). */
export function queryRows(db: SqlDatabase, sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
  const st = db.prepare(sql);
  try {
    return statementRows(st, params);
  } finally {
    st.free();
  }
}
