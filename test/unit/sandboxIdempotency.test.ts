import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSqlJs } from '../../server/src/journal/sqlEngine';
import { DATABASE_FILE, SandboxLockedError } from '../../server/src/sandbox/sandboxDatabase';
import type { RunningSandbox, SandboxOptions } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { testEngine } from '../support/engine';
import { bundledContents, endpointOf, faultCode, post, request, sampleOperations, stateRequest, textOf } from './sandboxKit';

/**
 * A resend with the same MessageGUID is answered with the original acknowledgement and never
 * processed again: in one run, and across a restart with the same data folder (a real sql.js
 * file on disk, read back here independently).
 */
const HM = 'house-management';
const gisOf = (ack: string) => textOf(ack.slice(ack.indexOf('<base:Ack>')), 'MessageGUID')!;

async function fileRows(dir: string, sql: string): Promise<unknown[][]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(new Uint8Array(fs.readFileSync(path.join(dir, DATABASE_FILE))));
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

describe('sandbox stand: idempotency and persistence', function () {
  this.timeout(60_000);
  let dir: string;
  let options: SandboxOptions;
  const running: RunningSandbox[] = [];
  const start = async (extra: Partial<SandboxOptions> = {}) => {
    const sb = await startSandbox({ ...options, ...extra });
    running.push(sb);
    return sb;
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-sandbox-'));
    const engine = await testEngine();
    options = { contents: bundledContents(), validator: engine.validator, operations: sampleOperations({ throwFor: 'importHouseUOData' }), dataDir: dir, delays: { receivedMs: 0, processingMs: 0 } };
  });
  afterEach(async () => {
    for (const sb of running.splice(0)) await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a resend with the original acknowledgement and processes the message once', async () => {
    const sb = await start();
    const { xml, messageGuid } = request(HM, 'importMeteringDeviceData');
    const first = await post(sb.url, endpointOf(HM), xml, 'urn:importMeteringDeviceData');
    const again = await post(sb.url, endpointOf(HM), xml, 'urn:importMeteringDeviceData');
    // The same GUID in upper case is the same message.
    const upper = await post(sb.url, endpointOf(HM), xml.replace(messageGuid, messageGuid.toUpperCase()), 'urn:importMeteringDeviceData');
    assert.equal(first.status, 200);
    assert.equal(again.body, first.body);
    assert.equal(upper.body, first.body);
    const gis = gisOf(first.body);
    const state = await post(sb.url, endpointOf(HM), stateRequest(HM, gis), 'urn:getState');
    assert.equal(textOf(state.body, 'RequestState'), '3');
    const resendAfter = await post(sb.url, endpointOf(HM), xml, 'urn:importMeteringDeviceData');
    assert.equal(resendAfter.body, first.body);
    const s = sb.stats();
    assert.equal(s.accepted, 1);
    assert.equal(s.duplicates, 3);
    assert.equal(s.processed, 1);
    await sb.close();
    assert.deepEqual(await fileRows(dir, `SELECT count(*) FROM t_processed WHERE gis_guid = '${gis}'`), [[1]]);
  });

  it('refuses a MessageGUID already used for another operation', async () => {
    const sb = await start();
    const guid = request(HM, 'exportHouseData').messageGuid;
    const first = await post(sb.url, endpointOf(HM), request(HM, 'exportHouseData', guid).xml, 'urn:exportHouseData');
    assert.equal(first.status, 200);
    const other = await post(sb.url, endpointOf(HM), request(HM, 'exportAccountData', guid).xml, 'urn:exportAccountData');
    assert.equal(other.status, 500);
    assert.equal(faultCode(other.body), 'FMT001303');
  });

  it('keeps acknowledgements, states and results across a restart with the same data folder', async () => {
    let sb = await start({ delays: { receivedMs: 60_000, processingMs: 60_000 } });
    const pending = request(HM, 'importAccountData');
    const done = request('device-metering', 'importMeteringDeviceValues');
    const ackPending = await post(sb.url, endpointOf(HM), pending.xml, 'urn:importAccountData');
    const ackDone = await post(sb.url, endpointOf('device-metering'), done.xml, 'urn:importMeteringDeviceValues');
    await sb.close();
    // Written before the acknowledgements left: both messages are in the file.
    assert.deepEqual(await fileRows(dir, 'SELECT count(*), sum(processed_at IS NULL) FROM sandbox_message'), [[2, 2]]);

    // Restart with no delays: the due times were fixed at acceptance (a minute away), so the messages still wait.
    sb = await start();
    assert.equal(textOf((await post(sb.url, endpointOf(HM), stateRequest(HM, gisOf(ackPending.body)), 'urn:getState')).body, 'RequestState'), '1');
    const resend = await post(sb.url, endpointOf(HM), pending.xml, 'urn:importAccountData');
    assert.equal(resend.body, ackPending.body);
    assert.equal(sb.stats().accepted, 0);
    assert.equal(sb.stats().duplicates, 1);
    await sb.close();

    // A stand whose clock is past the due times processes them, each once, and says so after another restart.
    sb = await start({ now: () => new Date(Date.now() + 300_000) });
    const r1 = await post(sb.url, endpointOf('device-metering'), stateRequest('device-metering', gisOf(ackDone.body)), 'urn:getState');
    assert.equal(textOf(r1.body, 'RequestState'), '3');
    await sb.close();
    sb = await start();
    const r2 = await post(sb.url, endpointOf('device-metering'), stateRequest('device-metering', gisOf(ackDone.body)), 'urn:getState');
    assert.equal(textOf(r2.body, 'RequestState'), '3');
    assert.equal(r2.body.slice(r2.body.indexOf('<base:RequestState>')), r1.body.slice(r1.body.indexOf('<base:RequestState>')));
    assert.equal((await post(sb.url, endpointOf('device-metering'), done.xml, 'urn:importMeteringDeviceValues')).body, ackDone.body);
    await sb.close();
    assert.deepEqual(await fileRows(dir, 'SELECT operation, count(*) FROM t_processed GROUP BY operation ORDER BY operation'), [
      ['device-metering/importMeteringDeviceValues', 1],
      ['house-management/importAccountData', 1],
    ]);
    // Seed data went in once although prepare ran at every start.
    assert.deepEqual(await fileRows(dir, 'SELECT count(*) FROM t_seed'), [[1]]);
  });

  it('a throwing handler leaves none of its changes, only the whole-message error', async () => {
    const sb = await start();
    const ack = await post(sb.url, endpointOf(HM), request(HM, 'importHouseUOData').xml, 'urn:importHouseUOData');
    const r = await post(sb.url, endpointOf(HM), stateRequest(HM, gisOf(ack.body)), 'urn:getState');
    assert.equal(textOf(r.body, 'ErrorCode'), 'EXP001000');
    await sb.close();
    assert.deepEqual(await fileRows(dir, "SELECT count(*) FROM t_processed WHERE operation LIKE '%importHouseUOData'"), [[0]]);
    assert.deepEqual(await fileRows(dir, 'SELECT state, error_code FROM sandbox_message'), [[3, 'EXP001000']]);
  });

  it('refuses a second stand on a data folder in use', async () => {
    await start();
    await assert.rejects(startSandbox(options), SandboxLockedError);
  });
});
