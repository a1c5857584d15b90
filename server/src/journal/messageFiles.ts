import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir, mkdirDurable, writeFileDurable } from './durableFile';

/**
 * The XML of each message, kept as plain files in a folder named by our MessageGUID, so the user
 * can open a request and its answer side by side in the editor and hand them to GIS support.
 *
 *   request.xml            the request as composed
 *   request.signed.xml     the signed request (what was sent)
 *   ack.xml, fault.xml     GIS's immediate answer; ack.2.xml … for later attempts
 *   poll-001.request.xml   a getState request, poll-001.xml its answer
 *   answer.xml             the final answer (getStateResult with RequestState 3)
 */
export const FILE_KINDS = ['request', 'signed', 'ack', 'fault', 'poll-request', 'poll', 'answer'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface MessageFileInput {
  kind: FileKind;
  xml: string;
}

export interface MessageFile {
  kind: FileKind;
  /** The attempt (ack, fault) or poll number; 1 for the others. */
  n: number;
  name: string;
  path: string;
}

/** Where the names and numbers come from when a change writes files. */
export interface FileNumbers {
  attempt: number;
  poll: number;
}

export function messageFileName(kind: FileKind, numbers: FileNumbers): string {
  const nth = (n: number) => (n > 1 ? `.${n}` : '');
  switch (kind) {
    case 'request':
      return 'request.xml';
    case 'signed':
      return 'request.signed.xml';
    case 'ack':
      return `ack${nth(numbers.attempt)}.xml`;
    case 'fault':
      return `fault${nth(numbers.attempt)}.xml`;
    case 'poll-request':
      return `poll-${String(numbers.poll).padStart(3, '0')}.request.xml`;
    case 'poll':
      return `poll-${String(numbers.poll).padStart(3, '0')}.xml`;
    case 'answer':
      return 'answer.xml';
  }
}

const NAME = /^(?:(request)\.xml|request\.(signed)\.xml|(ack|fault)(?:\.(\d+))?\.xml|poll-(\d+)(\.request)?\.xml|(answer)\.xml)$/;

export function parseMessageFileName(name: string): { kind: FileKind; n: number } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  if (m[1]) return { kind: 'request', n: 1 };
  if (m[2]) return { kind: 'signed', n: 1 };
  if (m[3]) return { kind: m[3] as FileKind, n: m[4] ? Number(m[4]) : 1 };
  if (m[5]) return { kind: m[6] ? 'poll-request' : 'poll', n: Number(m[5]) };
  return { kind: 'answer', n: 1 };
}

// Exchange order: request, signed, then each attempt's ack/fault, polls in order, the answer.
const RANK: Record<FileKind, number> = { request: 0, signed: 1, ack: 2, fault: 2, 'poll-request': 3, poll: 3, answer: 4 };

export class MessageFiles {
  readonly messagesDir: string;
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.messagesDir = path.join(root, 'messages');
    this.tmpDir = path.join(root, 'tmp');
  }

  dirOf(messageGuid: string): string {
    if (!/^[0-9A-Za-z-]+$/.test(messageGuid)) throw new Error(`not a MessageGUID: ${messageGuid}`);
    return path.join(this.messagesDir, messageGuid);
  }

  async prepare(): Promise<void> {
    await mkdirDurable(this.messagesDir);
    await mkdirDurable(this.tmpDir);
  }

  /** Temp files left by a crash: never renamed into place, so nothing refers to them. */
  clearTemp(): void {
    for (const name of fs.readdirSync(this.tmpDir)) fs.rmSync(path.join(this.tmpDir, name), { force: true, recursive: true });
  }

  /** Writes the files durably, each complete or absent, before the change that names them is logged. */
  async write(messageGuid: string, files: readonly MessageFileInput[], numbers: FileNumbers): Promise<string[]> {
    if (files.length === 0) return [];
    const dir = this.dirOf(messageGuid);
    const isNew = !fs.existsSync(dir);
    if (isNew) {
      await fs.promises.mkdir(dir, { recursive: true });
      await fsyncDir(this.messagesDir);
    }
    const names: string[] = [];
    for (const f of files) {
      const name = messageFileName(f.kind, numbers);
      await writeFileDurable(path.join(dir, name), f.xml, this.tmpDir);
      names.push(name);
    }
    return names;
  }

  list(messageGuid: string): MessageFile[] {
    const dir = this.dirOf(messageGuid);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: MessageFile[] = [];
    for (const name of names) {
      const p = parseMessageFileName(name);
      if (p) out.push({ ...p, name, path: path.join(dir, name) });
    }
    return out.sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.n - b.n || (a.kind === 'poll-request' ? -1 : b.kind === 'poll-request' ? 1 : 0) || a.name.localeCompare(b.name));
  }

  async remove(messageGuid: string): Promise<void> {
    await fs.promises.rm(this.dirOf(messageGuid), { recursive: true, force: true });
  }
}
