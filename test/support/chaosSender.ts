/**
 * The sending process of the chaos test (test/exchange/chaos.test.ts): sends `count` requests to
 * the sandbox through the real engine and journal, each with a MessageGUID fixed by its number,
 * after resuming whatever the previous (killed) run left. The parent kills it with SIGKILL at
 * random moments and starts it again. It prints READY once open, F for each message that reaches
 * its end, and DONE when a run gets to the end.
 *
 * Usage: node chaosSender.js <journal dir> <sandbox url> <count> <concurrency>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { openExchange } from '../../server/src/exchange/openExchange';
import { BUILTIN_STANDS, StandProfile } from '../../server/src/exchange/standProfile';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';

export const CHAOS_ORG = '9a431066-1aef-4f92-a2c2-639b83efb368';

/** Message n's MessageGUID: the same in every run, so a restarted run knows what is already journaled. */
export function chaosGuid(n: number): string {
  return `c4a05000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The demo requests, every operation's (getState samples are polls, not requests). */
export function chaosRequests(): string[] {
  const root = path.join(productRoot(), 'samples');
  const out: string[] = [];
  for (const service of fs.readdirSync(root).sort()) {
    const dir = path.join(root, service);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.request.xml') && f !== 'getState.request.xml') out.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

async function main(): Promise<void> {
  const [journalDir, url, countArg, concurrencyArg] = process.argv.slice(2);
  const count = Number(countArg);
  const concurrency = Number(concurrencyArg) || 16;
  const sandbox = BUILTIN_STANDS.find((s) => s.name === 'sandbox')!;
  const stand: StandProfile = { ...sandbox, baseUrl: url, poll: { firstDelayMs: 40, factor: 1.5, ceilingMs: 300, giveUpAfterMs: 10 * 60_000 }, timeouts: { connectMs: 2000, responseMs: 5000 } };
  const ex = await openExchange({
    journalDir,
    stands: [stand],
    signingProfiles: [],
    registry: new PackageRegistry({ bundledRoot: bundledSchemasDir() }),
    secrets: { signing: async () => ({}), transport: async () => ({}) },
    // The sandbox answers a MessageGUID it already has with its first acknowledgement.
    decideResend: async () => true,
    // One line per message that reached its end, so the parent can kill us mid-way, not at start-up.
    onEvent: (e) => {
      if (e.kind === 'final') process.stdout.write('F\n');
    },
  });
  process.stdout.write('READY\n');
  const requests = chaosRequests();
  const resumed = ex.engine.resume(async () => true);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const n = next++;
      if (n >= count) return;
      const guid = chaosGuid(n);
      if (ex.journal.get(guid)) continue; // journaled by an earlier run: resume carries it
      await ex.engine.send(stand.name, requests[n % requests.length], { messageGuid: guid, sign: 'never' });
    }
  };
  await Promise.all([resumed, ...Array.from({ length: concurrency }, worker)]);
  // A message left `sending` after all its attempts is taken again, as a restart would.
  for (let round = 0; round < 5 && ex.journal.count({ states: ['draft', 'signed', 'sending', 'acknowledged', 'processing'] }) > 0; round++) {
    await ex.engine.resume(async () => true);
  }
  await ex.close();
  process.stdout.write('DONE\n');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(3);
  });
}
