import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { fsyncDir, renameReplacing, tempName } from './durableFile';
import type { JournalMessage } from './journalMessage';
import type { MessageFile } from './messageFiles';

/** The journal's record of a message in readable form (ISO times): for summary.json and `journal --format json`. */
export function messageRecord(m: JournalMessage): object {
  const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  return {
    messageGuid: m.messageGuid,
    gisMessageGuid: m.gisMessageGuid,
    stand: m.stand,
    service: m.service,
    operation: m.operation,
    state: m.state,
    created: iso(m.createdAt),
    sent: iso(m.sentAt),
    acknowledged: iso(m.acknowledgedAt),
    answered: iso(m.answeredAt),
    updated: iso(m.updatedAt),
    attempts: m.attempts,
    polls: m.polls,
    errorCode: m.errorCode,
    errorText: m.errorText,
    itemsOk: m.itemsOk,
    itemsFailed: m.itemsFailed,
  };
}

/**
 * One message packed for GIS support: every XML file of the exchange (request, signed request,
 * acknowledgement, polls, answer) and summary.json with the journal's record in readable form.
 */
export function messageSummary(m: JournalMessage, files: readonly MessageFile[]): object {
  return { ...messageRecord(m), files: files.map((f) => f.name) };
}

/** Writes the zip next to `zipPath` under a temp name and renames it into place when complete. */
export async function writeMessageZip(zipPath: string, m: JournalMessage, files: readonly MessageFile[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(m.updatedAt);
  for (const f of files) zip.addFile(f.path, f.name, { mtime });
  zip.addBuffer(Buffer.from(JSON.stringify(messageSummary(m, files), null, 2) + '\n', 'utf8'), 'summary.json', { mtime });
  zip.end();
  const dir = path.dirname(zipPath);
  const tmp = path.join(dir, tempName(path.basename(zipPath)));
  try {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(tmp);
      out.on('error', reject);
      zip.outputStream.on('error', reject);
      out.on('close', resolve);
      zip.outputStream.pipe(out);
    });
    await renameReplacing(tmp, zipPath);
    await fsyncDir(dir);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
