import { parentPort, workerData } from 'node:worker_threads';
import type { CompactionJob, CompactionResult } from './compaction';
import { loadJournalDb } from './journalLoad';
import { writeSnapshot } from './snapshot';

/**
 * The thread that writes a new database file: it rebuilds the database from the current file and
 * the logs the writer has closed (what recovery after a crash would do), exports it and replaces
 * the file. sql.js's export holds its thread for ~85 ms at 100 000 messages; here that is not the
 * thread whose state changes the engine awaits.
 */
async function compact(job: CompactionJob): Promise<CompactionResult> {
  const { db } = await loadJournalDb(job.root, job.belowGeneration);
  try {
    const lastSeq = db.lastSeq;
    await writeSnapshot(job.root, job.tmpDir, db.export());
    return { ok: true, lastSeq };
  } finally {
    db.close();
  }
}

if (!parentPort) throw new Error('compactionWorker must run as a worker thread');
const port = parentPort;
compact(workerData as CompactionJob).then(
  (r) => port.postMessage(r),
  (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies CompactionResult),
);
