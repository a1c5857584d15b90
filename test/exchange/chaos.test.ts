import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal, JournalMessage } from '../../server/src/journal';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import type { RunningSandbox } from '../../server/src/sandbox/sandboxOptions';
import { chaosGuid } from '../support/chaosSender';

/**
 * Chaos (issue 7): 500 messages through the sandbox while it drops a fifth of the connections
 * (half of them after it took the request, so the sender cannot know), answers a tenth with
 * HTTP 500 and delays others, and while the sending process is killed with SIGKILL at 20 random
 * moments and started again. Afterwards every message is final, the journal holds every request
 * and answer file, and the sandbox applied each message at most once.
 */
const CHILD = path.join(__dirname, '..', 'support', 'chaosSender.js');
const MESSAGES = Number(process.env.GIS_ZHKH_CHAOS_MESSAGES ?? 500);
const KILLS = 20;
const CONCURRENCY = 12;

let seed = Number(process.env.GIS_ZHKH_CHAOS_SEED ?? Date.now() % 1_000_000);
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}

/** When to kill a run: so many ms after READY, or so many ms after its n-th finished message. */
type KillAt = { afterReadyMs: number } | { afterFinals: number; thenMs: number };

function run(journalDir: string, url: string, killAt: KillAt | undefined): Promise<{ done: boolean; killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, journalDir, url, String(MESSAGES), String(CONCURRENCY)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const kill = (ms: number) => {
      timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, ms);
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!killAt || timer || !out.includes('READY')) return;
      if ('afterReadyMs' in killAt) kill(killAt.afterReadyMs);
      else if ((out.match(/^F$/gm)?.length ?? 0) >= killAt.afterFinals) kill(killAt.thenMs);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve({ done: out.includes('DONE'), killed, stderr: err });
      else reject(new Error(`the sender exited with ${code ?? signal}:\n${err}`));
    });
  });
}

describe('chaos: SIGKILLed sender, dropping and failing sandbox', function () {
  this.timeout(30 * 60_000);
  let sandbox: RunningSandbox;
  let dir: string;
  const firstSeed = seed;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-chaos-'));
    sandbox = await startSandbox({
      port: 0,
      dataDir: path.join(dir, 'sandbox'),
      delays: { receivedMs: 30, processingMs: 60 },
      faults: { rates: { drop: 0.1, dropAfter: 0.1, http500: 0.1, slow: 0.15, slowMs: 250 }, seed: firstSeed },
    });
  });

  after(async () => {
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`brings all ${MESSAGES} messages to a final state, keeps every file, applies each at most once`, async () => {
    const journalDir = path.join(dir, 'journal');
    const t0 = Date.now();
    let kills = 0;
    let runs = 0;
    let finished = false;
    while (kills < KILLS) {
      runs++;
      // One kill in five lands right after start-up, inside recovery; the rest after 5–35 more
      // messages have finished (some 20 each, so the 20 kills spread over the 500), at a random
      // moment within the next 200 ms.
      const at: KillAt = random() < 0.2 ? { afterReadyMs: random() * 150 } : { afterFinals: 5 + Math.floor(random() * 31), thenMs: random() * 200 };
      const r = await run(journalDir, sandbox.url, at);
      if (r.killed) kills++;
      else if (r.done) {
        finished = true;
        break;
      }
    }
    // How far the sending had got when the last kill came: the kills must land mid-way, not after.
    let finalAtLastKill = 0;
    if (!finished) {
      const peek = await Journal.open(journalDir, { readOnly: true });
      finalAtLastKill = peek.count({ states: ['done', 'failed', 'rejected', 'abandoned'] });
      await peek.close();
    }
    while (!finished) {
      runs++;
      finished = (await run(journalDir, sandbox.url, undefined)).done;
    }
    const seconds = (Date.now() - t0) / 1000;

    const journal = await Journal.open(journalDir, { readOnly: true });
    try {
      const all: JournalMessage[] = journal.list({}, { limit: 100_000 });
      const byState = new Map<string, number>();
      for (const m of all) byState.set(m.state, (byState.get(m.state) ?? 0) + 1);
      const stats = sandbox.stats();
      const attempts = all.reduce((n, m) => n + m.attempts, 0);
      const polls = all.reduce((n, m) => n + m.polls, 0);
      console.log(`      chaos seed ${firstSeed}: ${MESSAGES} messages, ${kills} SIGKILLs over ${runs} runs, ${seconds.toFixed(1)} s; ${finalAtLastKill} messages final at the last kill`);
      console.log(`      journal: ${[...byState].map(([s, n]) => `${s} ${n}`).join(', ')}; send attempts ${attempts}, polls ${polls}`);
      console.log(
        `      sandbox: ${stats.requests} HTTP requests, ${stats.accepted} accepted, ${stats.duplicates} resends answered with the first acknowledgement, ${stats.processed} processed; injected ${Object.entries(stats.injected)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );

      assert.equal(kills, KILLS, 'the sender was killed the promised number of times before it could finish');
      assert.equal(all.length, MESSAGES, 'every message is in the journal once');
      for (let n = 0; n < MESSAGES; n++) assert.ok(journal.get(chaosGuid(n)), `message ${n} is journaled`);
      const notFinal = all.filter((m) => !['done', 'failed', 'rejected', 'abandoned'].includes(m.state));
      assert.deepEqual(notFinal.map((m) => `${m.messageGuid} ${m.state}`), [], 'every message is final');
      // Only drops, HTTP 500 and delays are injected: GIS-side refusals cannot happen, so all are done.
      assert.equal(byState.get('done'), MESSAGES, 'every message was answered');
      for (const m of all) {
        const kinds = new Set(journal.filesOf(m.messageGuid).map((f) => f.kind));
        for (const k of ['request', 'ack', 'poll-request', 'answer'] as const) assert.ok(kinds.has(k), `${m.messageGuid}: ${k} file`);
        assert.ok(m.gisMessageGuid, `${m.messageGuid}: GIS MessageGUID`);
      }
      // At most once: the sandbox processed exactly one message per MessageGUID.
      assert.equal(stats.accepted, MESSAGES, 'the sandbox accepted each MessageGUID once');
      assert.equal(stats.processed, MESSAGES, 'and processed each once');
      assert.ok(stats.injected.dropAfter > 0 && stats.duplicates > 0, 'the ambiguous case happened and was answered with the first acknowledgement');
      assert.ok(stats.injected.drop > 0 && stats.injected.http500 > 0 && stats.injected.slow > 0, 'every kind of fault happened');
      const gisGuids = new Set(all.map((m) => m.gisMessageGuid));
      assert.equal(gisGuids.size, MESSAGES, 'no message got two GIS MessageGUIDs');
    } finally {
      await journal.close();
    }
  });
});
