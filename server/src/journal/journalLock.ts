import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * One writer per journal. Two (the extension in two windows, or the extension and the CLI) would
 * each replay and append to the same log and lose each other's changes. A lock left by a process
 * that died (killed, crashed) is taken over: its pid no longer runs.
 */
export const LOCK_FILE = 'journal.lock';

export class JournalLockedError extends Error {
  constructor(
    readonly root: string,
    readonly pid: number,
  ) {
    super(`the journal at ${root} is open for writing in another process (pid ${pid})`);
    this.name = 'JournalLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(root: string): () => void {
  const file = path.join(root, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      // Torn or vanished: treat as stale.
    }
    // A lock from another host (a shared folder) cannot be checked: respect it.
    if (holder && (holder.host !== me.host || running(holder.pid))) {
      throw new JournalLockedError(root, holder.pid);
    }
    // Stale: move it aside rather than delete it, so of two processes taking over only one wins.
    try {
      fs.renameSync(file, `${file}.${process.pid}.stale`);
      fs.rmSync(`${file}.${process.pid}.stale`, { force: true });
    } catch {
      // Someone else took it over first; try again.
    }
  }
  throw new Error(`cannot take the journal lock at ${file}`);
}
