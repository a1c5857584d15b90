import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journal, MessageState, nextStates } from '../../server/src/journal';
import { listLogGenerations } from '../../server/src/journal/changeLog';
import { crashFileContent } from '../support/journalCrashContent';
import { tempJournalDir } from '../support/journalSamples';

const CHILD = path.join(__dirname, '..', 'support', 'journalCrashChild.js');
const KILLS = 40;

interface AckLine {
  g: string;
  s: MessageState;
  p: number;
  a: number;
  f: string[];
}

/** The journal may hold a later state than the last acknowledged one (durable, not yet reported), never an earlier one. */
function reachable(from: MessageState, to: MessageState): boolean {
  const seen = new Set<MessageState>([from]);
  const todo = [from];
  while (todo.length) for (const n of nextStates(todo.pop()!)) if (!seen.has(n)) seen.add(n), todo.push(n);
  return seen.has(to);
}

/** Runs the child until a random moment, kills it with SIGKILL, returns its complete output lines. */
function runAndKill(dir: string, seed: number, rnd: () => number): Promise<{ lines: string[]; killedAt: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let killedAt = '';
    const kill = (what: string) => {
      killedAt = what;
      child.kill('SIGKILL');
    };
    // One kill in five lands during start-up and recovery, the rest while changes are being made.
    const early = rnd() < 0.2;
    if (early) timer = setTimeout(() => kill('start-up'), 20 + rnd() * 150);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!early && !timer && out.includes('READY\n')) timer = setTimeout(() => kill('running'), 30 + rnd() * 400);
    });
    child.stderr.on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the child ended by itself (${code}): ${err}`));
      // A line cut by the kill was never complete: it acknowledges nothing.
      const lines = out.split('\n');
      lines.pop();
      resolve({ lines, killedAt });
    });
  });
}

describe('exchange journal: crash safety (SIGKILL at random moments)', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => (dir = tempJournalDir('gis-journal-crash-')));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`loses nothing reported durable across ${KILLS} kills, and leaves no partial state`, async () => {
    let s = 0x2545f491;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32);
    const acked = new Map<string, { s: MessageState; p: number; a: number; files: Set<string> }>();
    let changes = 0;
    let maxGeneration = 0;
    const started = performance.now();
    for (let round = 0; round < KILLS; round++) {
      const { lines, killedAt } = await runAndKill(dir, 1 + round * 7919, rnd);
      for (const line of lines) {
        if (line === 'READY') continue;
        const a = JSON.parse(line) as AckLine;
        const known = acked.get(a.g) ?? { s: a.s, p: 0, a: 0, files: new Set<string>() };
        Object.assign(known, { s: a.s, p: a.p, a: a.a });
        for (const f of a.f) known.files.add(f);
        acked.set(a.g, known);
        changes++;
      }

      const j = await Journal.open(dir);
      try {
        maxGeneration = Math.max(maxGeneration, ...listLogGenerations(dir));
        const where = `round ${round} (killed during ${killedAt})`;
        for (const [guid, want] of acked) {
          const m = j.get(guid);
          assert.ok(m, `${where}: message ${guid} acknowledged as ${want.s} is missing`);
          assert.ok(reachable(want.s, m.state), `${where}: ${guid} went back from ${want.s} to ${m.state}`);
          assert.ok(m.polls >= want.p && m.attempts >= want.a, `${where}: ${guid} lost a poll or an attempt`);
          const dirOf = path.join(dir, 'messages', guid);
          for (const f of want.files) {
            const file = path.join(dirOf, f);
            assert.ok(fs.existsSync(file), `${where}: ${guid}/${f} is missing`);
            assert.equal(fs.readFileSync(file, 'utf8'), crashFileContent(guid, f), `${where}: ${guid}/${f} is not whole`);
          }
        }
        // No partial state: every message the journal holds has the files its record promises.
        for (const m of j.list({}, { limit: -1 })) {
          const names = new Set(j.filesOf(m.messageGuid).map((f) => f.name));
          assert.ok(names.has('request.xml'), `${where}: ${m.messageGuid} has no request.xml`);
          assert.equal(fs.readFileSync(path.join(dir, 'messages', m.messageGuid, 'request.xml'), 'utf8'), crashFileContent('', 'request.xml'));
          for (let p = 1; p <= m.polls; p++) assert.ok(names.has(`poll-${String(p).padStart(3, '0')}.xml`), `${where}: ${m.messageGuid} poll ${p} missing`);
          if (m.acknowledgedAt !== undefined) assert.ok(names.has(m.attempts > 1 ? `ack.${m.attempts}.xml` : 'ack.xml'), `${where}: ${m.messageGuid} ack missing`);
          if (m.state === 'done' || m.state === 'failed') assert.ok(names.has('answer.xml'), `${where}: ${m.messageGuid} answer missing`);
        }
        assert.deepEqual(fs.readdirSync(path.join(dir, 'tmp')), [], 'temp files cleared');
      } finally {
        await j.close();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`      ${KILLS} kills, ${changes} acknowledged changes over ${acked.size} messages, log generations up to ${maxGeneration}, ${seconds.toFixed(1)} s`);
    assert.ok(changes > KILLS * 20, 'the child made progress between kills');
    assert.ok(maxGeneration > 3, 'kills also met compactions');
  });
});
