import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeLogWriter, listLogGenerations, logFileName } from './changeLog';
import { compactOnWorker } from './compaction';
import { mkdirDurable } from './durableFile';
import type { ChangeBody, ChangeRecord } from './journalChange';
import type { JournalDb } from './journalDb';
import { loadJournalDb } from './journalLoad';
import { acquireLock } from './journalLock';
import type { JournalMessage, MessagePatch, NewMessage } from './journalMessage';
import {
  InFlight,
  MessageFilter,
  Page,
  StateCount,
  countMessages,
  expiredMessages,
  findByGisGuid,
  inFlight,
  listMessages,
  stateCounts,
} from './journalQuery';
import { FileNumbers, MessageFile, MessageFileInput, MessageFiles } from './messageFiles';
import { writeMessageZip } from './messageExport';
import { IllegalTransitionError, MessageState, canTransition, isFinal } from './messageState';
import { RetentionSettings, retentionRules } from './retention';
import { writeSnapshot } from './snapshot';

/**
 * The exchange journal: every message to GIS, its state and its XML, kept so that a crash at any
 * moment loses nothing that was reported saved.
 *
 * Persistence: the database lives in memory (sql.js); every change is first made durable as one
 * record appended to a change log (write + fdatasync, well under a millisecond), then applied to
 * the database, and only then does the call return. The XML files a change names are written
 * (temp + fsync + rename) before its record, so a record never points at a missing file. The
 * log is folded into the database file (journal.sqlite, replaced atomically) by another thread
 * once it grows past a threshold, and on close; open loads that file and replays the log after it.
 */
export interface JournalOptions {
  /** Fold the log into the database file once it is this big. Default 512 KiB (see the bench). */
  compactAfterBytes?: number;
  /** The clock, for tests. */
  now?: () => number;
  /** Read without the lock and without repairing anything; every change is refused. */
  readOnly?: boolean;
  /** Problems met in the background (a failed compaction); the journal carries on with its log. */
  onWarning?: (message: string) => void;
}

export interface RecoveryReport {
  /** Log records applied on top of the database file. */
  replayed: number;
  /** Bytes of torn (never acknowledged) appends cut off the log's end. */
  tornBytes: number;
  /** Messages deleted by retention whose folders were removed now (the removal was interrupted). */
  purged: number;
  /** Messages a restart must resume. */
  inFlight: InFlight[];
}

export interface Change {
  patch?: MessagePatch;
  files?: readonly MessageFileInput[];
}

export class JournalClosedError extends Error {
  constructor() {
    super('the journal is closed');
    this.name = 'JournalClosedError';
  }
}

// Replaying a log at open costs 40–60 µs a record at 100 000 messages (SQLite index upkeep in
// WebAssembly); 512 KiB is some 1 200 records, 50–70 ms of the 300 ms open + first screen may
// take. A fold costs the other thread 250–400 ms at that size, so it may come that often.
export const DEFAULT_COMPACT_AFTER = 512 * 1024;

export class Journal {
  readonly files: MessageFiles;
  private queue: Promise<unknown> = Promise.resolve();
  private compaction: Promise<void> = Promise.resolve();
  private compactionQueued = false;
  private compacting = false;
  private seq: number;
  private closed = false;

  private constructor(
    readonly root: string,
    private readonly db: JournalDb,
    private log: ChangeLogWriter | undefined,
    private readonly releaseLock: () => void,
    private readonly options: JournalOptions,
    readonly recovery: RecoveryReport,
  ) {
    this.files = new MessageFiles(root);
    this.seq = db.lastSeq;
  }

  static async open(root: string, options: JournalOptions = {}): Promise<Journal> {
    return options.readOnly ? Journal.openReadOnly(root, options) : Journal.openWriter(root, options);
  }

  private static async openWriter(root: string, options: JournalOptions): Promise<Journal> {
    await mkdirDurable(root);
    const release = acquireLock(root);
    try {
      const files = new MessageFiles(root);
      await files.prepare();
      files.clearTemp();
      const { db, replayed, last } = await loadJournalDb(root);
      // Append to the newest log after cutting off its torn tail; a torn record in an older log
      // cannot come from a crash (a log is closed before the next starts) and is left for a human.
      const log = await ChangeLogWriter.open(root, last?.generation ?? 1, last?.validBytes);
      const recovery: RecoveryReport = { replayed, tornBytes: last?.tornBytes ?? 0, purged: 0, inFlight: [] };
      const j = new Journal(root, db, log, release, options, recovery);
      // An earlier retention run was stopped between recording a deletion and removing the folders.
      const pending = db.pendingPurge();
      if (pending.length > 0) await j.serial(() => j.purge(pending));
      recovery.purged = pending.length;
      recovery.inFlight = j.inFlight();
      return j;
    } catch (e) {
      release();
      throw e;
    }
  }

  private static async openReadOnly(root: string, options: JournalOptions): Promise<Journal> {
    // A writer may compact while we read: a log deleted under us means a newer image; read again.
    for (let attempt = 0; ; attempt++) {
      try {
        const { db, replayed, last } = await loadJournalDb(root);
        const recovery: RecoveryReport = { replayed, tornBytes: last?.tornBytes ?? 0, purged: 0, inFlight: [] };
        const j = new Journal(root, db, undefined, () => undefined, options, recovery);
        recovery.inFlight = j.inFlight();
        return j;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw e;
      }
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  get(messageGuid: string): JournalMessage | undefined {
    return this.db.get(messageGuid.toLowerCase());
  }

  findByGisGuid(gisMessageGuid: string): JournalMessage | undefined {
    return findByGisGuid(this.db, gisMessageGuid);
  }

  list(filter?: MessageFilter, page?: Page): JournalMessage[] {
    return listMessages(this.db, filter, page);
  }

  count(filter?: MessageFilter): number {
    return countMessages(this.db, filter);
  }

  /** Counts by stand and state: the tree view's groups. */
  stateCounts(): StateCount[] {
    return stateCounts(this.db);
  }

  inFlight(): InFlight[] {
    return inFlight(this.db);
  }

  /** The message's XML files in exchange order. */
  filesOf(messageGuid: string): MessageFile[] {
    return this.files.list(messageGuid.toLowerCase());
  }

  /** The request (signed if it was signed) and the latest thing GIS said about it. */
  pair(messageGuid: string): { request?: MessageFile; answer?: MessageFile } {
    const files = this.filesOf(messageGuid);
    const last = (kinds: string[]) => files.filter((f) => kinds.includes(f.kind)).pop();
    return { request: last(['signed']) ?? last(['request']), answer: last(['answer']) ?? last(['poll', 'ack', 'fault']) };
  }

  async exportMessage(messageGuid: string, zipPath: string): Promise<void> {
    const m = this.get(messageGuid);
    if (!m) throw new Error(`no message ${messageGuid} in the journal`);
    await writeMessageZip(zipPath, m, this.filesOf(m.messageGuid));
  }

  // ---- changing ------------------------------------------------------------------------------

  /** A new draft with its request.xml; durable when the promise resolves. */
  create(input: NewMessage): Promise<JournalMessage> {
    return this.serial(async () => {
      for (const k of ['stand', 'service', 'operation'] as const) {
        if (!input[k]) throw new Error(`a new message needs a ${k}`);
      }
      const messageGuid = (input.messageGuid ?? randomUUID()).toLowerCase();
      if (this.db.get(messageGuid)) throw new Error(`message ${messageGuid} is already in the journal`);
      const at = input.createdAt ?? this.now();
      const m: JournalMessage = {
        messageGuid,
        stand: input.stand,
        service: input.service,
        operation: input.operation,
        state: 'draft',
        createdAt: at,
        updatedAt: at,
        attempts: 0,
        polls: 0,
      };
      await this.files.write(messageGuid, [{ kind: 'request', xml: input.requestXml }], { attempt: 0, poll: 0 });
      await this.commit({ op: 'put', m });
      return m;
    });
  }

  /**
   * Moves a message to its next state, setting the times and counters that go with it, writing
   * the XML files of the step, and returns once all of it is on the disk. An illegal move is
   * refused (IllegalTransitionError) and changes nothing.
   */
  transition(messageGuid: string, to: MessageState, change: Change = {}): Promise<JournalMessage> {
    return this.serial(async () => {
      const m = this.require(messageGuid);
      if (!canTransition(m.state, to)) throw new IllegalTransitionError(m.messageGuid, m.state, to);
      const at = this.now();
      const next: JournalMessage = { ...m, state: to, updatedAt: at };
      if (to === 'sending') {
        next.attempts = m.attempts + 1;
        next.sentAt = at;
      }
      if (to === 'acknowledged') next.acknowledgedAt = at;
      if (to === 'done' || to === 'failed' || to === 'rejected') next.answeredAt = at;
      return this.change(next, change);
    });
  }

  /** Files and facts without a change of state: a poll that found GIS still busy, say. */
  record(messageGuid: string, change: Change): Promise<JournalMessage> {
    return this.serial(async () => {
      const m = this.require(messageGuid);
      if (isFinal(m.state)) throw new Error(`message ${m.messageGuid} is ${m.state}: its record is closed`);
      return this.change({ ...m, updatedAt: this.now() }, change);
    });
  }

  /** Deletes finished messages past their keeping time, with their folders; returns how many. */
  applyRetention(settings: RetentionSettings): Promise<number> {
    return this.serial(async () => {
      const guids = retentionRules(settings, this.now()).flatMap((r) => expiredMessages(this.db, r.states, r.before));
      if (guids.length === 0) return 0;
      // The deletion is recorded before the folders go, so a crash leaves a list to finish, not
      // rows whose files are missing.
      await this.commit({ op: 'delete', guids });
      await this.purge(guids);
      return guids.length;
    });
  }

  /** Waits for pending changes, folds the log into the database file and releases the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.log) {
      this.closed = true;
      this.db.close();
      return;
    }
    await this.serial(async () => {
      this.closed = true;
      if (this.log) {
        await this.compaction;
        if (this.log.bytes > 0) {
          // Nothing waits behind the last fold, and the database is at hand: export it here.
          await this.compactNow({ onThisThread: true });
          await this.compaction;
        }
        await this.log.close();
      }
    });
    this.db.close();
    this.releaseLock();
  }

  /** Folds the log into the database file now (normally done on its own). */
  compact(): Promise<void> {
    return this.serial(async () => {
      await this.compactNow();
      await this.compaction;
    });
  }

  // ---- internals -----------------------------------------------------------------------------

  private change(next: JournalMessage, change: Change): Promise<JournalMessage> {
    return (async () => {
      const p = change.patch ?? {};
      if (p.gisMessageGuid !== undefined) next.gisMessageGuid = p.gisMessageGuid.toLowerCase();
      if (p.errorCode === null) delete next.errorCode;
      else if (p.errorCode !== undefined) next.errorCode = p.errorCode;
      if (p.errorText === null) delete next.errorText;
      else if (p.errorText !== undefined) next.errorText = p.errorText;
      for (const k of ['itemsOk', 'itemsFailed'] as const) {
        const v = p[k];
        if (v === undefined) continue;
        if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a whole number ≥ 0, not ${v}`);
        next[k] = v;
      }
      const files = change.files ?? [];
      if (files.some((f) => f.kind === 'poll')) next.polls += 1;
      const numbers: FileNumbers = { attempt: next.attempts, poll: next.polls };
      await this.files.write(next.messageGuid, files, numbers);
      await this.commit({ op: 'put', m: next });
      return next;
    })();
  }

  private require(messageGuid: string): JournalMessage {
    const m = this.db.get(messageGuid.toLowerCase());
    if (!m) throw new Error(`no message ${messageGuid} in the journal`);
    return m;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Changes run one at a time, in call order: each sees the state the previous one left. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new JournalClosedError());
    if (!this.log) return Promise.reject(new Error('the journal is open read-only'));
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Durable first (the log), visible second (the database). */
  private async commit(body: ChangeBody): Promise<void> {
    const record = { seq: this.seq + 1, ...body } as ChangeRecord;
    await this.log!.append([record]);
    this.seq = record.seq;
    this.db.apply(record);
    this.scheduleCompaction();
  }

  /**
   * Past the threshold, the log is rotated at the next turn of the queue and folded on another
   * thread; while one fold is running no other starts (the changes behind it would wait), and
   * the log is looked at again when it ends.
   */
  private scheduleCompaction(): void {
    const limit = this.options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER;
    const due = () => !this.closed && !this.compacting && this.log!.bytes >= limit;
    if (this.compactionQueued || !due()) return;
    this.compactionQueued = true;
    // Not awaited by any change: theirs are already safe; the next change queues behind the rotation
    // (asked again when its turn comes: a fold started meanwhile may have emptied the log).
    void this.serial(() => (due() ? this.compactNow() : Promise.resolve()))
      .catch((e) => this.warn(`compaction failed: ${String(e)}`))
      .finally(() => (this.compactionQueued = false));
  }

  private async purge(guids: readonly string[]): Promise<void> {
    for (const g of guids) await this.files.remove(g);
    await this.commit({ op: 'purged', guids: [...guids] });
  }

  /**
   * Starts a new log generation for later changes, then has another thread fold the closed logs
   * into a new database file (sql.js's export holds a thread for ~85 ms at 100 000 messages, and
   * this one serves the changes the engine awaits); appends go on meanwhile. `onThisThread`
   * exports here instead, for close, when nothing waits and rebuilding on a thread costs more.
   * The old logs are deleted only once the file is safely in place; until then a crash replays
   * them (records the file already holds are skipped by their sequence numbers).
   */
  private async compactNow(how: { onThisThread?: boolean } = {}): Promise<void> {
    await this.compaction; // one database file write at a time
    const log = this.log!;
    const image = how.onThisThread ? this.db.export() : undefined;
    const generation = log.generation + 1;
    this.log = await ChangeLogWriter.open(this.root, generation);
    await log.close();
    this.compacting = true;
    this.compaction = (async () => {
      if (image) await writeSnapshot(this.root, this.files.tmpDir, image);
      else await compactOnWorker({ root: this.root, tmpDir: this.files.tmpDir, belowGeneration: generation });
      for (const g of listLogGenerations(this.root)) {
        if (g < generation) await fs.promises.rm(path.join(this.root, logFileName(g)), { force: true });
      }
    })()
      .catch((e) => this.warn(`writing the journal database failed, the change log keeps everything: ${String(e)}`))
      .finally(() => {
        this.compacting = false;
        this.scheduleCompaction();
      });
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}
