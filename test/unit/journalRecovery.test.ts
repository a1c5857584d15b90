import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeRecord, listLogGenerations, logFileName } from '../../server/src/journal/changeLog';
import { Journal, JournalClosedError, JournalLockedError, JournalMessage } from '../../server/src/journal';
import { XML, copyAsCrashed, tempJournalDir } from '../support/journalSamples';

const DAY = 24 * 60 * 60 * 1000;

describe('exchange journal: persistence, recovery, retention', () => {
  let base: string;
  let dir: string;
  let clock: number;
  const open = (root = dir, compactAfterBytes?: number) => Journal.open(root, { now: () => clock, compactAfterBytes });
  beforeEach(() => {
    base = tempJournalDir();
    dir = path.join(base, 'journal');
    clock = Date.UTC(2025, 0, 15, 9, 0, 0);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  async function fill(j: Journal, n: number): Promise<JournalMessage[]> {
    const out: JournalMessage[] = [];
    for (let i = 0; i < n; i++) {
      clock += 1000;
      const m = await j.create({ stand: i % 2 ? 'sit-01' : 'prod', service: 'HouseManagementAsync', operation: 'importHouseUOData', requestXml: XML.request(i) });
      await j.transition(m.messageGuid, 'sending');
      if (i % 3 !== 0) await j.transition(m.messageGuid, 'acknowledged', { patch: { gisMessageGuid: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}` }, files: [{ kind: 'ack', xml: XML.ack('x') }] });
      out.push(j.get(m.messageGuid)!);
    }
    return out;
  }

  it('reopens after close with everything, from the database file alone', async () => {
    let j = await open();
    const made = await fill(j, 20);
    await j.close();
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.log')).map((n) => fs.statSync(path.join(dir, n)).size), [0], 'close folds the log in');
    j = await open();
    try {
      assert.equal(j.recovery.replayed, 0);
      for (const m of made) assert.deepEqual(j.get(m.messageGuid), m);
      assert.equal(j.recovery.inFlight.length, 20);
      assert.equal(j.recovery.inFlight.filter((f) => f.resume === 'check-before-resend').length, 7);
    } finally {
      await j.close();
    }
    await assert.rejects(j.transition(made[0].messageGuid, 'abandoned'), JournalClosedError);
  });

  it('recovers from a crash (no close) by replaying the change log', async () => {
    const j = await open();
    const made = await fill(j, 15);
    const crashed = path.join(base, 'crashed');
    copyAsCrashed(dir, crashed);
    await j.close();
    const r = await open(crashed);
    try {
      assert.ok(r.recovery.replayed >= 15 * 2);
      for (const m of made) assert.deepEqual(r.get(m.messageGuid), m);
      assert.equal(r.filesOf(made[1].messageGuid).length, 2);
    } finally {
      await r.close();
    }
  });

  it('ignores a torn record at the end of the log and a torn temp file, and appends after them', async () => {
    let j = await open();
    const made = await fill(j, 5);
    const crashed = path.join(base, 'crashed');
    copyAsCrashed(dir, crashed);
    await j.close();
    const [gen] = listLogGenerations(crashed);
    const logFile = path.join(crashed, logFileName(gen));
    const whole = encodeRecord({ seq: 999, op: 'put', m: { ...made[0], state: 'done' } });
    fs.appendFileSync(logFile, whole.slice(0, whole.length - 7)); // a crash mid-append
    fs.writeFileSync(path.join(crashed, 'tmp', 'journal.sqlite.123.x.0.tmp'), 'SQLite format 3\0 torn');
    j = await open(crashed);
    try {
      assert.equal(j.recovery.tornBytes, whole.length - 7);
      assert.equal(j.get(made[0].messageGuid)?.state, 'sending', 'the torn change never happened');
      assert.deepEqual(fs.readdirSync(path.join(crashed, 'tmp')), []);
      await j.transition(made[0].messageGuid, 'abandoned');
      copyAsCrashed(crashed, path.join(base, 'again'));
    } finally {
      await j.close();
    }
    j = await open(path.join(base, 'again'));
    try {
      assert.equal(j.recovery.tornBytes, 0);
      assert.equal(j.get(made[0].messageGuid)?.state, 'abandoned');
    } finally {
      await j.close();
    }
  });

  it('a record with a bad checksum ends the log: nothing after it is trusted', async () => {
    const j = await open();
    const made = await fill(j, 3);
    const crashed = path.join(base, 'crashed');
    copyAsCrashed(dir, crashed);
    await j.close();
    const logFile = path.join(crashed, logFileName(listLogGenerations(crashed)[0]));
    const lines = fs.readFileSync(logFile, 'utf8').split('\n');
    const last = lines.length - 2;
    assert.match(lines[last], /"state":"acknowledged"/);
    lines[last] = lines[last].replace('"acknowledged"', '"done"'); // the checksum no longer matches
    fs.writeFileSync(logFile, lines.join('\n'));
    const r = await open(crashed);
    try {
      assert.ok(r.recovery.tornBytes > 0);
      assert.equal(r.get(made[2].messageGuid)?.state, 'sending');
    } finally {
      await r.close();
    }
  });

  it('compacts into a new log generation as the log grows, and survives a crash at any point of it', async () => {
    const j = await open(dir, 4096);
    const made = await fill(j, 40);
    await j.compact();
    // A crash between the image and the deletion of the old log: records replayed twice are skipped.
    const crashed = path.join(base, 'crashed');
    copyAsCrashed(dir, crashed);
    const gens = listLogGenerations(crashed);
    assert.ok(gens[gens.length - 1] > 3, `several generations were used (${gens.join(',')})`);
    fs.writeFileSync(path.join(crashed, logFileName(1)), made.map((m, i) => encodeRecord({ seq: i + 1, op: 'put', m: { ...m, state: 'draft' } })).join(''));
    const extra = await fill(j, 3);
    await j.close();
    const r = await open(crashed);
    try {
      assert.equal(r.recovery.replayed, 0, 'everything was already in the image');
      for (const m of made) assert.deepEqual(r.get(m.messageGuid), m);
      assert.equal(r.get(extra[0].messageGuid), undefined);
    } finally {
      await r.close();
    }
    const again = await open();
    try {
      for (const m of [...made, ...extra]) assert.deepEqual(again.get(m.messageGuid), m);
    } finally {
      await again.close();
    }
  });

  it('folds the log into the database file on its own once it passes the threshold', async () => {
    const j = await open(dir, 2048);
    try {
      const made = await fill(j, 3); // 8 changes, some 4 KB of log
      assert.ok(!fs.existsSync(path.join(dir, 'journal.sqlite')), 'no database file before the first fold');
      // The first log is deleted only once the database file holding it is in place.
      const deadline = Date.now() + 10_000;
      while (listLogGenerations(dir)[0] === 1) {
        assert.ok(Date.now() < deadline, 'no compaction within 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      const reader = await Journal.open(dir, { readOnly: true });
      try {
        assert.ok(reader.recovery.replayed < 8, `the database file holds the folded changes (${reader.recovery.replayed} of 8 replayed)`);
        for (const m of made) assert.deepEqual(reader.get(m.messageGuid), m);
      } finally {
        await reader.close();
      }
    } finally {
      await j.close();
    }
  });

  it('a database file the compaction thread cannot write loses nothing: the logs stay, the reason is told', async () => {
    const warnings: string[] = [];
    const j = await Journal.open(dir, { now: () => clock, compactAfterBytes: 1 << 30, onWarning: (w) => warnings.push(w) });
    const made = await fill(j, 5);
    // A folder in the database file's place makes the thread's rename fail.
    fs.mkdirSync(path.join(dir, 'journal.sqlite', 'in-the-way'), { recursive: true });
    await j.compact();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /writing the journal database failed, the change log keeps everything: .*(EISDIR|ENOTEMPTY|EEXIST)/);
    assert.deepEqual(listLogGenerations(dir), [1, 2], 'the folded log is kept');
    const after = await fill(j, 2);
    fs.rmSync(path.join(dir, 'journal.sqlite'), { recursive: true });
    // Reopened from the logs alone, as after a crash at that moment.
    copyAsCrashed(dir, path.join(base, 'crashed'));
    await j.close();
    const r = await open(path.join(base, 'crashed'));
    try {
      // fill() makes two changes a message and a third for every one but each third: 13 + 5.
      assert.equal(r.recovery.replayed, 13 + 5, 'every change came back from the logs');
      for (const m of [...made, ...after]) assert.deepEqual(r.get(m.messageGuid), m);
    } finally {
      await r.close();
    }
  });

  it('one writer at a time; readers may look while it writes', async () => {
    const j = await open();
    try {
      const made = await fill(j, 3);
      await assert.rejects(open(), JournalLockedError);
      const reader = await Journal.open(dir, { readOnly: true });
      try {
        assert.deepEqual(reader.get(made[2].messageGuid), made[2]);
        await assert.rejects(reader.transition(made[0].messageGuid, 'abandoned'), /read-only/);
      } finally {
        await reader.close();
      }
    } finally {
      await j.close();
    }
    // A lock left by a dead process is taken over.
    fs.writeFileSync(path.join(dir, 'journal.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: require('node:os').hostname() }));
    await (await open()).close();
  });

  it('retention deletes old done messages with their folders, keeps the rest', async () => {
    const j = await open();
    try {
      const finish = async (state: 'done' | 'failed', ageDays: number) => {
        clock = Date.UTC(2025, 5, 1) - ageDays * DAY;
        const m = await j.create({ stand: 'sit-01', service: 's', operation: 'o', requestXml: XML.request() });
        await j.transition(m.messageGuid, 'sending');
        await j.transition(m.messageGuid, 'acknowledged');
        return j.transition(m.messageGuid, state, { files: [{ kind: 'answer', xml: XML.answer() }] });
      };
      const oldDone = await finish('done', 40);
      const newDone = await finish('done', 10);
      const oldFailed = await finish('failed', 400);
      clock = Date.UTC(2025, 5, 1);
      assert.equal(await j.applyRetention({ doneDays: 30 }), 1);
      assert.equal(j.get(oldDone.messageGuid), undefined);
      assert.equal(fs.existsSync(path.join(dir, 'messages', oldDone.messageGuid)), false);
      assert.ok(j.get(newDone.messageGuid));
      assert.ok(j.get(oldFailed.messageGuid), 'failures are kept unless asked');
      assert.equal(await j.applyRetention({ doneDays: 30, otherFinalDays: 365 }), 1);
      assert.equal(j.get(oldFailed.messageGuid), undefined);
      assert.equal(j.filesOf(oldFailed.messageGuid).length, 0);
      await assert.rejects(j.applyRetention({ doneDays: -1 }), RangeError);
    } finally {
      await j.close();
    }
  });

  it('finishes a retention run a crash interrupted: recorded deletions lose their folders at open', async () => {
    let j = await open();
    const [m] = await fill(j, 1);
    const crashed = path.join(base, 'crashed');
    copyAsCrashed(dir, crashed);
    await j.close();
    const logFile = path.join(crashed, logFileName(listLogGenerations(crashed).pop()!));
    fs.appendFileSync(logFile, encodeRecord({ seq: 1000, op: 'delete', guids: [m.messageGuid] }));
    assert.ok(fs.existsSync(path.join(crashed, 'messages', m.messageGuid)));
    j = await open(crashed);
    try {
      assert.equal(j.recovery.purged, 1);
      assert.equal(j.get(m.messageGuid), undefined);
      assert.equal(fs.existsSync(path.join(crashed, 'messages', m.messageGuid)), false);
    } finally {
      await j.close();
    }
  });
});
