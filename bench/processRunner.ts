import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs an external command to completion and times it: wall time seen from here, and the peak
 * resident memory of the command when GNU time (/usr/bin/time) is there to report it.
 */
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the command (GNU time %M), when available. */
  maxRssBytes?: number;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = fs.existsSync(GNU_TIME);

export function runTimed(cmd: string, args: string[]): RunResult {
  const rssFile = hasGnuTime ? path.join(os.tmpdir(), `gis-bench-rss-${process.pid}.txt`) : undefined;
  const [file, argv] = rssFile ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const r = spawnSync(file, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  let maxRssBytes: number | undefined;
  if (rssFile) {
    try {
      const kb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (Number.isFinite(kb) && kb > 0) maxRssBytes = kb * 1024;
    } catch {
      // no figure
    }
    fs.rmSync(rssFile, { force: true });
  }
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wallMs, maxRssBytes };
}

/** Whether a command can be started (`cmd args` exits, whatever its status). */
export function available(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error;
}
