import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the compaction thread folds: the database file plus the logs older than `belowGeneration`. */
export interface CompactionJob {
  readonly root: string;
  readonly tmpDir: string;
  readonly belowGeneration: number;
}

export type CompactionResult = { ok: true; lastSeq: number } | { ok: false; error: string };

/**
 * The worker's script sits beside the code that starts it: dist/ in the bundles (its own esbuild
 * entry), out/server/src/journal/ when compiled by tsc for the tests and benchmarks.
 */
const WORKER_SCRIPT = path.join(__dirname, 'compactionWorker.js');

/** Writes the new database file on another thread; resolves with the last change it holds. */
export function compactOnWorker(job: CompactionJob, script = WORKER_SCRIPT): Promise<number> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(script, { workerData: job });
    worker.once('message', (r: CompactionResult) => {
      settled = true;
      if (r.ok) resolve(r.lastSeq);
      else reject(new Error(r.error));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the compaction thread stopped with exit code ${code} before writing the database file`));
    });
  });
}
