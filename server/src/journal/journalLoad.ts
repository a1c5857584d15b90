import * as path from 'node:path';
import { listLogGenerations, logFileName, readLog } from './changeLog';
import type { ChangeRecord } from './journalChange';
import { JournalDb } from './journalDb';
import { readSnapshot } from './snapshot';

export interface Loaded {
  db: JournalDb;
  replayed: number;
  /** The newest log read and how much of it is whole. */
  last?: { generation: number; validBytes: number; tornBytes: number };
}

/**
 * The database file plus every log after it (only the logs older than `belowGeneration`, when
 * given: what a compaction folds in). A torn record ends a log; anything after it is ignored.
 */
export async function loadJournalDb(root: string, belowGeneration = Infinity): Promise<Loaded> {
  const db = await JournalDb.open(readSnapshot(root));
  try {
    let replayed = 0;
    let last: Loaded['last'];
    for (const generation of listLogGenerations(root)) {
      if (generation >= belowGeneration) break;
      const contents = readLog<ChangeRecord>(path.join(root, logFileName(generation)));
      replayed += db.applyAll(contents.records);
      last = { generation, validBytes: contents.validBytes, tornBytes: contents.tornBytes };
    }
    return { db, replayed, last };
  } catch (e) {
    db.close();
    throw e;
  }
}
