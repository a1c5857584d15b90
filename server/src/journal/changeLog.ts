import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fsyncDir } from './durableFile';

/**
 * An append-only file of JSON records, one a line, each behind the CRC-32 of its text:
 * `0a1b2c3d {"seq":1,...}\n`. A record counts only once it is flushed to the disk; a crash
 * mid-append leaves at most one torn line at the end, which the checksum (or the missing newline)
 * gives away, so reading stops there and a writer cuts it off before appending again.
 *
 * Logs are numbered generations (`changes-00000001.log`): compaction starts a new one, so appends
 * never wait for the snapshot being written, and the old one is deleted once the snapshot is safe.
 */
const PREFIX = 'changes-';
const SUFFIX = '.log';

export function logFileName(generation: number): string {
  return `${PREFIX}${String(generation).padStart(8, '0')}${SUFFIX}`;
}

/** Generations of the logs in a folder, oldest first. */
export function listLogGenerations(dir: string): number[] {
  const gens: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) continue;
    const n = Number(name.slice(PREFIX.length, -SUFFIX.length));
    if (Number.isSafeInteger(n) && n > 0) gens.push(n);
  }
  return gens.sort((a, b) => a - b);
}

export function encodeRecord(record: object): string {
  const json = JSON.stringify(record);
  return `${zlib.crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

export interface LogContents<T> {
  records: T[];
  /** Bytes of whole, valid records from the start: where the next append belongs. */
  validBytes: number;
  /** Bytes after the last valid record: a torn append (or damage), never acknowledged. */
  tornBytes: number;
}

export function readLog<T>(file: string): LogContents<T> {
  const buf = fs.readFileSync(file);
  const records: T[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    const line = buf.toString('utf8', pos, nl);
    const record = decodeLine<T>(line);
    if (record === undefined) break;
    records.push(record);
    pos = nl + 1;
  }
  return { records, validBytes: pos, tornBytes: buf.length - pos };
}

function decodeLine<T>(line: string): T | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const json = line.slice(9);
  if (zlib.crc32(json) !== parseInt(line.slice(0, 8), 16)) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

/** The open, newest log of a journal, appended to by one writer. */
export class ChangeLogWriter {
  private constructor(
    readonly file: string,
    readonly generation: number,
    private readonly handle: fs.promises.FileHandle,
    private size: number,
  ) {}

  /**
   * Opens (creating if needed) the log of this generation for appending, first cutting off a torn
   * tail, and makes sure the file itself survives a crash (its folder entry is flushed).
   */
  static async open(dir: string, generation: number, validBytes?: number): Promise<ChangeLogWriter> {
    const file = path.join(dir, logFileName(generation));
    const existed = fs.existsSync(file);
    const handle = await fs.promises.open(file, existed ? 'r+' : 'w');
    try {
      let size = (await handle.stat()).size;
      if (validBytes !== undefined && validBytes < size) {
        await handle.truncate(validBytes);
        await handle.sync();
        size = validBytes;
      }
      if (!existed) {
        await handle.sync();
        await fsyncDir(dir);
      }
      return new ChangeLogWriter(file, generation, handle, size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends the records in one write and returns once they are on the disk. */
  async append(records: readonly object[]): Promise<void> {
    const buf = Buffer.from(records.map(encodeRecord).join(''), 'utf8');
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, done, buf.length - done, this.size + done);
      done += bytesWritten;
    }
    // fdatasync: the data and the new length, which is all a reader needs.
    await this.handle.datasync();
    this.size += buf.length;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
