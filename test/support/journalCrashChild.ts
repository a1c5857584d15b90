/**
 * The victim of the journal's crash test (test/unit/journalCrash.test.ts): drives messages through
 * the journal the way the exchange engine will — every change awaited — and prints one line per
 * change the journal reported durable, until it is killed with SIGKILL at a random moment.
 *
 * Usage: node journalCrashChild.js <journal dir> <seed>
 * Output: READY, then one JSON line per durable change: { g, s, p, a, f } = MessageGUID, state,
 * polls, attempts, files written by that change.
 */
import { Journal, JournalMessage, MessageFileInput } from '../../server/src/journal';
import { crashFileContent } from './journalCrashContent';

const [dir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg) || 1;
function random(): number {
  // xorshift: each run differs, yet a failing seed can be replayed.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}

function ack(m: JournalMessage, files: readonly MessageFileInput[], names: string[]): void {
  // Synchronous on a pipe (Linux): once this returns, the parent will read the line even if we die.
  process.stdout.write(JSON.stringify({ g: m.messageGuid, s: m.state, p: m.polls, a: m.attempts, f: names.slice(0, files.length) }) + '\n');
}

async function main(): Promise<void> {
  // A small compaction threshold, so kills also land inside compactions.
  const j = await Journal.open(dir, { compactAfterBytes: 24 * 1024 });
  process.stdout.write('READY\n');
  const xml = (m: JournalMessage, name: string) => crashFileContent(m.messageGuid, name);

  const step = async (m: JournalMessage, to: JournalMessage['state'] | undefined, kinds: MessageFileInput['kind'][], patch = {}) => {
    // Names are known only after the journal numbers them; compute them the same way.
    const polls = m.polls + (kinds.includes('poll') ? 1 : 0);
    const attempts = m.attempts + (to === 'sending' ? 1 : 0);
    const pad = (n: number) => String(n).padStart(3, '0');
    const names = kinds.map((k) =>
      k === 'signed' ? 'request.signed.xml' : k === 'ack' ? (attempts > 1 ? `ack.${attempts}.xml` : 'ack.xml') : k === 'poll-request' ? `poll-${pad(polls)}.request.xml` : k === 'poll' ? `poll-${pad(polls)}.xml` : `${k}.xml`,
    );
    const files = kinds.map((kind, i) => ({ kind, xml: xml(m, names[i]) }));
    const next = to ? await j.transition(m.messageGuid, to, { files, patch }) : await j.record(m.messageGuid, { files, patch });
    ack(next, files, names);
    return next;
  };

  const carry = async (start: JournalMessage): Promise<void> => {
    let m = start;
    if (m.state === 'draft') m = await step(m, 'signed', ['signed']);
    if (m.state === 'signed') m = await step(m, 'sending', []);
    // Resumed while 'sending': the engine would check getRequestsState, then resend with the same GUID.
    if (m.state === 'sending' && m.acknowledgedAt === undefined && start.state === 'sending') m = await step(m, 'sending', []);
    if (m.state === 'sending') m = await step(m, 'acknowledged', ['ack'], { gisMessageGuid: m.messageGuid.replace(/^./, 'f') });
    while (m.state === 'acknowledged' && random() < 0.5) m = await step(m, undefined, ['poll-request', 'poll']);
    if (m.state === 'acknowledged') m = await step(m, 'processing', ['poll-request', 'poll']);
    if (m.state === 'processing') m = await step(m, random() < 0.8 ? 'done' : 'failed', ['answer'], { itemsOk: 3, itemsFailed: 1 });
  };

  // Resume what the last run left in flight, as the engine does at start.
  const left = j.list({ states: ['draft', 'signed', 'sending', 'acknowledged', 'processing'] }, { limit: -1 });
  await Promise.all(left.map((m) => carry(m)));

  // Three workers at once: changes from several messages interleave in the journal's queue.
  const worker = async () => {
    for (;;) {
      const m = await j.create({ stand: 'sit-01', service: 'HouseManagementAsync', operation: 'importHouseUOData', requestXml: crashFileContent('', 'request.xml') });
      ack(m, [], []);
      await carry(m);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
