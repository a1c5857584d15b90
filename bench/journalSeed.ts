import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeRecord, logFileName } from '../server/src/journal/changeLog';
import type { ChangeRecord } from '../server/src/journal/journalChange';
import { JournalDb } from '../server/src/journal/journalDb';
import type { JournalMessage } from '../server/src/journal/journalMessage';
import type { MessageState } from '../server/src/journal/messageState';
import { writeSnapshot } from '../server/src/journal/snapshot';

/**
 * A journal of many messages written straight into its database file, as years of exchange would
 * leave it: four stands, the services and operations of a real package, mostly done, some failed
 * with GIS-style error texts. Message folders are not made (nothing measured reads them).
 */
const STANDS = ['sit-01', 'sit-02', 'prod', 'sandbox'];
const OPERATIONS: [string, string][] = [
  ['HouseManagementAsync', 'importHouseUOData'],
  ['HouseManagementAsync', 'importMeteringDeviceData'],
  ['DeviceMeteringAsync', 'importMeteringDeviceValues'],
  ['BillsAsync', 'importPaymentDocumentData'],
  ['PaymentAsync', 'importNotificationsOfOrderExecution'],
  ['NsiAsync', 'exportDataProviderNsiItem'],
];
// Per 1000: done 900, failed 50, rejected 20, abandoned 10, and the rest still moving.
const MIX: [MessageState, number][] = [
  ['done', 900],
  ['failed', 50],
  ['rejected', 20],
  ['abandoned', 10],
  ['acknowledged', 8],
  ['processing', 6],
  ['sending', 2],
  ['draft', 4],
];

function stateFor(i: number): MessageState {
  let k = (i * 7919) % 1000;
  for (const [s, n] of MIX) {
    if (k < n) return s;
    k -= n;
  }
  return 'done';
}

export function seedMessage(i: number, start: number): JournalMessage {
  const state = stateFor(i);
  const created = start + i * 60_000;
  const [service, operation] = OPERATIONS[i % OPERATIONS.length];
  const m: JournalMessage = { messageGuid: randomUUID(), stand: STANDS[i % STANDS.length], service, operation, state, createdAt: created, updatedAt: created, attempts: 0, polls: 0 };
  if (state === 'draft') return m;
  m.attempts = 1;
  m.sentAt = created + 1_000;
  m.updatedAt = m.sentAt;
  if (state === 'sending') return m;
  if (state === 'rejected') {
    Object.assign(m, { answeredAt: created + 1_500, updatedAt: created + 1_500, errorCode: 'AUT011003', errorText: 'Доступ запрещён для данной информационной системы' });
    return m;
  }
  Object.assign(m, { gisMessageGuid: randomUUID(), acknowledgedAt: created + 1_500, polls: 1 + (i % 5) });
  m.updatedAt = created + 90_000;
  if (state === 'acknowledged' || state === 'processing' || state === 'abandoned') return m;
  m.answeredAt = created + 180_000;
  m.itemsOk = 100 - (i % 7);
  m.itemsFailed = i % 7;
  if (state === 'failed') Object.assign(m, { errorCode: 'SRV007013', errorText: 'Срок передачи показаний по прибору учёта истёк', itemsOk: 0, itemsFailed: 100 });
  return m;
}

/** Writes journal.sqlite with `count` messages; returns them. */
export async function seedJournal(root: string, count: number, start: number): Promise<JournalMessage[]> {
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const messages = Array.from({ length: count }, (_, i) => seedMessage(i, start));
  const db = await JournalDb.open();
  db.applyAll(messages.map((m, i): ChangeRecord => ({ seq: i + 1, op: 'put', m })));
  await writeSnapshot(root, path.join(root, 'tmp'), db.export());
  db.close();
  return messages;
}

/** Appends change records (polls of random messages) until the log holds `bytes`: the worst case open meets. */
export function seedLog(root: string, messages: readonly JournalMessage[], firstSeq: number, bytes: number): number {
  const lines: string[] = [];
  let size = 0;
  let seq = firstSeq;
  for (let i = 0; size < bytes; i++) {
    const m = messages[(i * 104_729) % messages.length];
    const line = encodeRecord({ seq: seq++, op: 'put', m: { ...m, polls: m.polls + 1, updatedAt: m.updatedAt + 1 } });
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  fs.writeFileSync(path.join(root, logFileName(1)), lines.join(''));
  return lines.length;
}
