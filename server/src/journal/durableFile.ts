import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writing files so that after a crash or power loss each one is either the old version or the
 * new one, never a mix: write a temp file, flush it to the disk, rename it over the target (atomic
 * on one file system) and flush the folder, which is what makes the rename itself survive.
 */

const isWindows = process.platform === 'win32';

/** Flushes a folder's entries. Windows cannot open a folder for that; NTFS journals renames itself. */
export async function fsyncDir(dir: string): Promise<void> {
  if (isWindows) return;
  const h = await fs.promises.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export function fsyncDirSync(dir: string): void {
  if (isWindows) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

let counter = 0;

/** A temp name unique across processes and calls, so two writers never share one. */
export function tempName(base: string): string {
  return `${base}.${process.pid}.${Date.now().toString(36)}.${(counter++).toString(36)}.tmp`;
}

export function isTempName(name: string): boolean {
  return name.endsWith('.tmp');
}

/**
 * Writes `data` to `target` atomically and durably. `tmpDir` must be on the same file system as
 * the target (the journal keeps one inside its folder); the default is the target's own folder.
 * `syncDirs`: folders whose entries changed and must be flushed too (a folder just created).
 */
export async function writeFileDurable(target: string, data: string | Uint8Array, tmpDir = path.dirname(target), syncDirs: string[] = []): Promise<void> {
  const tmp = path.join(tmpDir, tempName(path.basename(target)));
  const h = await fs.promises.open(tmp, 'w');
  try {
    await h.writeFile(data);
    await h.sync();
  } catch (e) {
    await h.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  await h.close();
  try {
    await renameReplacing(tmp, target);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  for (const d of new Set([path.dirname(target), ...syncDirs])) await fsyncDir(d);
}

/**
 * rename() that also replaces on Windows, where a virus scanner or the indexer briefly holding
 * the target makes the rename fail with EPERM/EACCES/EBUSY: retried for up to about a second.
 */
export async function renameReplacing(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.promises.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!isWindows || attempt >= 20 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** mkdir -p, then flushes every parent whose entries changed, so the new folder survives a crash. */
export async function mkdirDurable(dir: string): Promise<void> {
  const first = await fs.promises.mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // `first` is the topmost folder created; flush it, the folders below it, and its parent.
  let d = dir;
  const created: string[] = [];
  for (;;) {
    created.push(d);
    if (path.resolve(d) === path.resolve(first)) break;
    d = path.dirname(d);
  }
  for (const c of created) await fsyncDir(c);
  await fsyncDir(path.dirname(first));
}
