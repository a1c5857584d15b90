import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob } from 'tinyglobby';

/** Files named on the command line: files as given, folders as every *.xml inside, the rest as globs. */
export async function expandFileArgs(args: string[], cwd = process.cwd()): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      files.push(arg);
      continue;
    }
    const pattern = stat?.isDirectory() ? `${arg.replace(/\\/g, '/').replace(/\/$/, '')}/**/*.xml` : arg.replace(/\\/g, '/');
    const matched = (await glob(pattern, { cwd, onlyFiles: true, dot: false })).sort();
    if (matched.length === 0) unmatched.push(arg);
    files.push(...matched);
  }
  return { files: [...new Set(files)], unmatched };
}
