import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { ExchangeEvent, RequestInvalidError } from '../../server/src/exchange/exchangeApi';
import { ExchangeError } from '../../server/src/exchange/exchangeError';
import { Exchange, ExchangeSetup, openExchange } from '../../server/src/exchange/openExchange';
import { BUILTIN_STANDS, StandProfile } from '../../server/src/exchange/standProfile';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';
import type { RunningSandbox, SandboxOptions } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';

/**
 * The engine's decisions, each against a real sandbox stand on loopback (or a port where nothing
 * listens): refusing invalid requests, giving up on a stand that cannot be reached, never
 * resending a message that may have reached GIS without being allowed to, resending it with the
 * same MessageGUID when allowed, abandoning a message GIS never answers, and «Повторить».
 */
const sample = (rel: string) => fs.readFileSync(path.join(productRoot(), 'samples', rel), 'utf8');
const EXPORT = 'nsi-common/exportNsiItem.request.xml';
const IMPORT = 'device-metering/importMeteringDeviceValues.request.xml';
const fast = { firstDelayMs: 10, factor: 1.5, ceilingMs: 50, giveUpAfterMs: 60_000 };

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('exchange engine decisions', function () {
  this.timeout(60_000);
  let dir: string;
  const open: { close(): Promise<void> }[] = [];

  const sandboxAt = async (options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> => {
    const s = await startSandbox({ port: 0, delays: { receivedMs: 10, processingMs: 10 }, ...options });
    open.push(s);
    return s;
  };
  const exchangeTo = async (url: string, extra: Partial<StandProfile> = {}, setup: Partial<ExchangeSetup> = {}, journal = 'journal'): Promise<Exchange> => {
    const stand: StandProfile = { ...BUILTIN_STANDS.find((s) => s.name === 'sandbox')!, baseUrl: url, poll: fast, timeouts: { connectMs: 1000, responseMs: 3000 }, ...extra };
    const ex = await openExchange({
      journalDir: path.join(dir, journal),
      stands: [stand],
      signingProfiles: [],
      registry: new PackageRegistry({ bundledRoot: bundledSchemasDir() }),
      secrets: { signing: async () => ({}), transport: async () => ({}) },
      ...setup,
    });
    open.push(ex);
    return ex;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-engine-'));
  });
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a request that fails the schema, sending and journaling nothing; an override sends it and GIS rejects it', async () => {
    const sb = await sandboxAt();
    const ex = await exchangeTo(sb.url);
    const bad = sample(EXPORT).replace('<nsi-common:RegistryNumber>2</nsi-common:RegistryNumber>', '<nsi-common:RegistryNumber>два</nsi-common:RegistryNumber>');
    await assert.rejects(ex.engine.send('sandbox', bad), (e: unknown) => e instanceof RequestInvalidError && e.problems.length > 0);
    assert.equal(ex.journal.count(), 0);
    assert.equal(sb.stats().requests, 0);

    const o = await ex.engine.send('sandbox', bad, { allowInvalid: true });
    assert.equal(o.message.state, 'rejected');
    assert.match(o.message.errorCode ?? '', /^FMT/);
    assert.ok(ex.journal.filesOf(o.message.messageGuid).some((f) => f.kind === 'fault'), 'the fault is kept');
  });

  it('says before it leaves that an import goes unsigned when the stand has no signing profile', async () => {
    const sandbox = await sandboxAt();
    const events: ExchangeEvent[] = [];
    const ex = await exchangeTo(sandbox.url, {}, { onEvent: (e) => events.push(e) });
    const unsigned = () => events.filter((e) => e.kind === 'unsigned');
    const imported = await ex.engine.send('sandbox', sample(IMPORT));
    assert.equal(imported.message.state, 'done', 'the sandbox does not check signatures here');
    assert.deepEqual(unsigned(), [{ kind: 'unsigned', messageGuid: imported.message.messageGuid, stand: 'sandbox' }]);
    const sendingAt = events.findIndex((e) => e.kind === 'sending');
    assert.ok(events.indexOf(unsigned()[0]) < sendingAt, 'told before the first attempt');
    await ex.engine.send('sandbox', sample(EXPORT));
    await ex.engine.send('sandbox', sample(IMPORT), { sign: 'never' });
    assert.equal(unsigned().length, 1, 'not for an export, nor when the user chose not to sign');
  });

  it('fails a message whose stand never answers a connection, after its attempts, without ever being ambiguous', async () => {
    const ex = await exchangeTo(`http://127.0.0.1:${await freePort()}`);
    const o = await ex.engine.send('sandbox', sample(EXPORT));
    assert.equal(o.message.state, 'failed');
    assert.equal(o.message.errorCode, 'TRANSPORT-CONNECT');
    assert.equal(o.message.attempts, 8);
  });

  it('never resends a message that may have reached GIS unless allowed; when allowed the stand answers with the first acknowledgement', async () => {
    const data = path.join(dir, 'sandbox');
    const dropping = await sandboxAt({ dataDir: data, faults: { send: { dropAfter: 1 }, seed: 1 } });
    const asked: string[] = [];
    const ex1 = await exchangeTo(dropping.url, {}, { decideResend: async (m) => (asked.push(m.messageGuid), false) });
    const first = await ex1.engine.send('sandbox', sample(IMPORT));
    assert.equal(first.message.state, 'sending', 'left for a decision');
    assert.equal(first.message.attempts, 1, 'sent once');
    assert.equal(first.message.errorCode, 'TRANSPORT-RESET');
    assert.match(first.message.errorText ?? '', /^Соединение оборвано \(/, 'said in Russian first');
    assert.deepEqual(asked, [first.message.messageGuid]);
    assert.equal(dropping.stats().accepted, 1, 'the stand did take it');
    await ex1.close();
    await dropping.close();

    // Restart: the journal says "may have reached"; the user agrees to send it again.
    const calm = await sandboxAt({ dataDir: data });
    const ex2 = await exchangeTo(calm.url);
    assert.deepEqual(
      ex2.journal.inFlight().map((f) => [f.message.messageGuid, f.resume]),
      [[first.message.messageGuid, 'check-before-resend']],
    );
    const [resumed] = await ex2.engine.resume(async () => true);
    assert.equal(resumed.message.messageGuid, first.message.messageGuid, 'the same MessageGUID');
    assert.equal(resumed.message.state, 'done');
    assert.equal(resumed.message.attempts, 2);
    assert.notEqual(resumed.message.errorCode, 'TRANSPORT-RESET', 'the failed attempt is no longer the message\'s error');
    assert.equal(calm.stats().duplicates, 1, 'answered as a resend');
    assert.equal(calm.stats().accepted, 0, 'nothing new accepted');
    assert.equal(calm.stats().processed + dropping.stats().processed, 1, 'processed once in all');
  });

  it('polls an acknowledged message after a restart instead of sending it again', async () => {
    const sb = await sandboxAt({ delays: { receivedMs: 400, processingMs: 400 } });
    const ex1 = await exchangeTo(sb.url);
    const m = await ex1.engine.submit('sandbox', sample(IMPORT));
    assert.equal(m.state, 'acknowledged');
    await ex1.close();
    const ex2 = await exchangeTo(sb.url);
    const [o] = await ex2.engine.resume(async () => assert.fail('nothing to decide'));
    assert.equal(o.message.state, 'done');
    assert.equal(o.message.attempts, 1);
    assert.equal(sb.stats().accepted, 1);
    assert.equal(sb.stats().duplicates, 0);
  });

  it('abandons a message GIS does not answer within the give-up time', async () => {
    const sb = await sandboxAt({ delays: { receivedMs: 60_000, processingMs: 60_000 } });
    const ex = await exchangeTo(sb.url, { poll: { ...fast, giveUpAfterMs: 200 } });
    const o = await ex.engine.send('sandbox', sample(EXPORT));
    assert.equal(o.message.state, 'abandoned');
    assert.equal(o.message.errorCode, 'GIVE-UP');
    assert.ok(o.message.polls >= 2);
  });

  it('«Получить состояние» polls once; «Повторить» sends a rejected request anew and refuses a done one', async () => {
    const sb = await sandboxAt({ delays: { receivedMs: 0, processingMs: 0 } });
    const ex = await exchangeTo(sb.url);
    const m = await ex.engine.submit('sandbox', sample(EXPORT));
    const o = await ex.engine.checkState(m.messageGuid);
    assert.equal(o.message.polls, 1);
    const byGis = await ex.engine.checkState(o.message.gisMessageGuid!);
    assert.equal(byGis.message.messageGuid, m.messageGuid, 'found by GIS MessageGUID too');
    if (byGis.message.state !== 'done') await ex.engine.waitForAnswer(m.messageGuid);
    await assert.rejects(ex.engine.retry(m.messageGuid), (e: unknown) => e instanceof ExchangeError && e.code === 'done');

    const rejected = await ex.engine.send('sandbox', sample(EXPORT).replace('>2<', '>два<'), { allowInvalid: true });
    assert.equal(rejected.message.state, 'rejected');
    const again = await ex.engine.retry(rejected.message.messageGuid, { allowInvalid: true });
    assert.notEqual(again.message.messageGuid, rejected.message.messageGuid, 'a new message');
    assert.equal(again.message.state, 'rejected');
  });
});
