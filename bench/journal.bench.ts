import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal, JournalMessage } from '../server/src/journal';
import { DEFAULT_COMPACT_AFTER } from '../server/src/journal/journal';
import { fsyncDir, writeFileDurable } from '../server/src/journal/durableFile';
import { listLogGenerations } from '../server/src/journal/changeLog';
import { JournalDb } from '../server/src/journal/journalDb';
import { loadSqlJs } from '../server/src/journal/sqlEngine';
import { readSnapshot, snapshotPath } from '../server/src/journal/snapshot';
import { seedJournal, seedLog } from './journalSeed';
import { median, ms, percentile } from './stats';
import { Table } from './table';

/**
 * The exchange journal at 100 000 messages (`npx tsc -p . && node out/bench/journal.bench.js`):
 * open and list, filter by state, persist one state change; the database size; and, to show why
 * changes go to an append-only log, what rewriting the whole database file per change would cost.
 * Prints figures and "target met / MISSED"; never fails on a slow figure.
 *
 * JOURNAL_BENCH_DIR: where to build the journal (default: the OS temp folder). Put it on the disk
 * users' journals will live on: fsync costs are the disk's.
 */
const COUNT = Number(process.env.JOURNAL_BENCH_COUNT ?? 100_000);
const TARGET = { openList: 300, filter: 100, change: 50 };
const RUNS = 7;
const CHANGES = 400;
// The longest log an open replays: a log at the compaction threshold (a crash in the middle of a
// fold adds what came during the fold, some 0.2 of it when changes never pause).
const LOG_BYTES = DEFAULT_COMPACT_AFTER;

const verdict = (v: number, target: number) => (v <= target ? 'target met' : 'target MISSED');

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(process.env.JOURNAL_BENCH_DIR ?? os.tmpdir(), 'gis-journal-bench-'));
  try {
    const [, initMs] = await timed(() => loadSqlJs());
    const pristine = path.join(base, 'pristine');
    const start = Date.UTC(2024, 0, 1);
    const [messages, seedMs] = await timed(() => seedJournal(pristine, COUNT, start));
    const dbBytes = fs.statSync(snapshotPath(pristine)).size;
    console.log(`journal: ${COUNT} messages, database file ${(dbBytes / 1024 / 1024).toFixed(1)} MiB (${(dbBytes / COUNT).toFixed(0)} bytes a message); built in ${(seedMs / 1000).toFixed(1)} s; sql.js load ${ms(initMs)} ms (once per process)`);

    // Open + the tree view's first screen (counts by stand and state, newest 200), from a copy each time.
    const openList = async (withLog: boolean) => {
      const times: { open: number; list: number; replayed: number }[] = [];
      for (let r = 0; r < RUNS; r++) {
        const dir = path.join(base, `open-${withLog ? 'log' : 'clean'}-${r}`);
        fs.cpSync(pristine, dir, { recursive: true });
        if (withLog) seedLog(dir, messages, COUNT + 1, LOG_BYTES);
        const [j, open] = await timed(() => Journal.open(dir));
        const [, list] = await timed(() => {
          j.stateCounts();
          return j.list({}, { limit: 200 });
        });
        times.push({ open, list, replayed: j.recovery.replayed });
        await j.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      return times;
    };
    const clean = await openList(false);
    const logged = await openList(true);

    // Queries against one open journal.
    const work = path.join(base, 'work');
    fs.cpSync(pristine, work, { recursive: true });
    const j = await Journal.open(work);
    const q = (fn: () => unknown) => {
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        fn();
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const failedCount = j.count({ states: ['failed'] });
    const filterAll = await q(() => j.list({ states: ['failed'] }, { limit: -1 }));
    const filterPage = await q(() => j.list({ states: ['failed'] }, { limit: 200 }));
    const filterStand = await q(() => j.list({ stand: 'prod', states: ['failed', 'rejected'] }, { limit: -1 }));
    const listAll = await q(() => j.list({}, { limit: -1 }));
    const inFlight = await q(() => j.inFlight());

    // Persisting state changes: a message walked through its life, every step awaited, as the engine will.
    const plain: number[] = [];
    const withFile: number[] = [];
    const poll = `<getStateResult>${'<x/>'.repeat(1000)}</getStateResult>`; // about 4 KB
    const walk = async (m: JournalMessage, i: number) => {
      const t = (async (fn: () => Promise<unknown>, into: number[]) => into.push((await timed(fn))[1]));
      await t(() => j.transition(m.messageGuid, 'sending'), plain);
      await t(() => j.transition(m.messageGuid, 'acknowledged', { patch: { gisMessageGuid: m.messageGuid } }), plain);
      await t(() => j.record(m.messageGuid, { files: [{ kind: 'poll', xml: poll }] }), withFile);
      await t(() => j.transition(m.messageGuid, i % 2 ? 'done' : 'processing'), plain);
    };
    for (let i = 0; i < CHANGES / 4; i++) {
      const m = await j.create({ stand: 'sit-01', service: 'HouseManagementAsync', operation: 'importHouseUOData', requestXml: poll });
      await walk(m, i);
    }
    // Small changes until the log crosses the compaction threshold, and a few after: the change
    // queued behind a compaction waits for the log's rotation only; the fold runs on its thread.
    const crossing: number[] = [];
    const generation = () => Math.max(...listLogGenerations(work));
    const firstGeneration = generation();
    let after = 0;
    while (after < 50) {
      const m = await j.create({ stand: 'sandbox', service: 's', operation: 'o', requestXml: '<r/>' });
      const [, dt] = await timed(() => j.transition(m.messageGuid, 'abandoned'));
      crossing.push(dt);
      if (generation() > firstGeneration) after++;
    }
    const crossedTo = generation();
    const [, compactMs] = await timed(() => j.compact());
    await j.close();

    // The same with the pauses the network puts between an engine's changes (20-40 ms), and a
    // small threshold so that several compactions happen.
    const paced: number[] = [];
    const jp = await Journal.open(work, { compactAfterBytes: 24 * 1024 });
    const pacedFirst = generation();
    for (let i = 0; i < 160; i++) {
      const m = await jp.create({ stand: 'sandbox', service: 's', operation: 'o', requestXml: '<r/>' });
      await new Promise((r) => setTimeout(r, 20 + (i % 3) * 10));
      paced.push((await timed(() => jp.transition(m.messageGuid, 'abandoned')))[1]);
    }
    const pacedCompactions = generation() - pacedFirst;
    await jp.close();

    // The alternative: rewrite the whole database file on every change.
    const db = await JournalDb.open(readSnapshot(pristine));
    const whole: number[] = [];
    const wholeExport: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const image = db.export();
      wholeExport.push(performance.now() - t0);
      await writeFileDurable(path.join(base, 'whole.sqlite'), image, base);
      await fsyncDir(base);
      whole.push(performance.now() - t0);
    }
    db.close();

    const tbl = new Table(['measure', 'median', 'p95', 'max', 'target', 'verdict']);
    // Open and list are judged on p95; a state change on its worst case, since each one is awaited.
    const row = (name: string, v: number[], target?: number, worst = false) =>
      tbl.add(name, `${ms(median(v))} ms`, `${ms(percentile(v, 95))} ms`, `${ms(Math.max(...v))} ms`, target ? `≤ ${target} ms${worst ? ' max' : ''}` : '', target ? verdict(worst ? Math.max(...v) : percentile(v, 95), target) : '');
    row('open + first screen, clean', clean.map((t) => t.open + t.list), TARGET.openList);
    row('  of which open', clean.map((t) => t.open));
    row('  of which counts + page of 200', clean.map((t) => t.list));
    row(`open + first screen, ${(LOG_BYTES / 1024).toFixed(0)} KiB log (${logged[0].replayed} records)`, logged.map((t) => t.open + t.list), TARGET.openList);
    tbl.rule();
    tbl.add(`filter state=failed, all ${failedCount} rows`, `${ms(filterAll)} ms`, '', '', `≤ ${TARGET.filter} ms`, verdict(filterAll, TARGET.filter));
    tbl.add('filter state=failed, page of 200', `${ms(filterPage)} ms`, '', '', '', '');
    tbl.add('filter stand=prod, failed|rejected, all', `${ms(filterStand)} ms`, '', '', '', '');
    tbl.add('in-flight query (restart)', `${ms(inFlight)} ms`, '', '', '', '');
    tbl.add(`list all ${COUNT} (no view does this)`, `${ms(listAll)} ms`, '', '', '', '');
    tbl.rule();
    row('state change (log append + fdatasync)', plain, TARGET.change, true);
    row('state change + 4 KB XML file', withFile, TARGET.change, true);
    row('changes across a compaction, back to back', crossing, TARGET.change, true);
    row(`changes with network pauses (${pacedCompactions} compactions)`, paced, TARGET.change, true);
    tbl.add('compaction on demand (rotation + file written on its thread)', `${ms(compactMs)} ms`, '', '', '', '');
    tbl.rule();
    row('rejected design: whole-file rewrite per change', whole, TARGET.change);
    row('  of which sql.js export', wholeExport);
    console.log(tbl.toString());
    console.log(`changes across a compaction: ${crossing.length} (log generation ${firstGeneration} → ${crossedTo}); database file after: ${(fs.statSync(snapshotPath(work)).size / 1048576).toFixed(1)} MiB`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, folder ${base}`);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
