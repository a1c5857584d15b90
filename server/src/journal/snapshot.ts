import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileDurable } from './durableFile';

/**
 * The database file proper: a whole SQLite image, replaced atomically. It is rewritten only on
 * compaction, not on every change: at 100 000 messages the image is about 35 MB, and exporting,
 * writing and flushing it takes 80–170 ms (see bench/journal.bench.ts), twice the budget of
 * one state change, while an appended log record takes well under a millisecond.
 */
export const SNAPSHOT_FILE = 'journal.sqlite';

export function snapshotPath(root: string): string {
  return path.join(root, SNAPSHOT_FILE);
}

export function readSnapshot(root: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(snapshotPath(root));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function writeSnapshot(root: string, tmpDir: string, image: Uint8Array): Promise<void> {
  await writeFileDurable(snapshotPath(root), image, tmpDir);
}
