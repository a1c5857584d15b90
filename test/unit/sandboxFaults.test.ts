import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FaultInjector, FaultSpecError, parseFaultSpec } from '../../server/src/sandbox/faultPlan';
import type { RunningSandbox, SandboxOptions } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { testEngine } from '../support/engine';
import { bundledContents, endpointOf, faultCode, post, request, sampleOperations, stateRequest, textOf, validate } from './sandboxKit';

/** Fault injection: the spec, a reproducible draw, and each kind as a raw client sees it on loopback. */
describe('sandbox stand: fault injection', function () {
  this.timeout(60_000);
  const HM = 'house-management';

  describe('the spec', () => {
    it('reads rates, slow delays, per-kind overrides and the seed', () => {
      const plan = parseFaultSpec('drop=0.2,http500=0.1,fault=0.05,slow=0.1:2000,malformed=0.05,drop-after=0.1,state.drop=0,send.fault=0.1,seed=42');
      assert.deepEqual(plan.rates, { drop: 0.2, http500: 0.1, fault: 0.05, slow: 0.1, slowMs: 2000, malformed: 0.05, dropAfter: 0.1 });
      assert.deepEqual(plan.state, { drop: 0 });
      assert.deepEqual(plan.send, { fault: 0.1 });
      assert.equal(plan.seed, 42);
    });

    it('refuses unknown kinds, rates outside 0..1, a delay on another kind and rates adding up past 1', () => {
      for (const bad of ['dorp=0.1', 'drop=1.5', 'drop', 'http500=0.1:100', 'drop=0.6,http500=0.6', 'seed=x', 'other.drop=0.1']) {
        assert.throws(() => parseFaultSpec(bad), FaultSpecError, bad);
      }
    });

    it('draws the same faults for the same seed, at the configured rates', () => {
      const draw = (seed: number) => {
        const inj = new FaultInjector({ rates: { drop: 0.2, http500: 0.1 }, seed });
        return Array.from({ length: 10_000 }, () => inj.decide('send')?.kind ?? 'none');
      };
      const a = draw(7);
      assert.deepEqual(draw(7), a);
      assert.notDeepEqual(draw(8), a);
      const share = (k: string) => a.filter((x) => x === k).length / a.length;
      assert.ok(Math.abs(share('drop') - 0.2) < 0.02, `drop ${share('drop')}`);
      assert.ok(Math.abs(share('http500') - 0.1) < 0.02, `http500 ${share('http500')}`);
      assert.equal(share('fault'), 0);
    });
  });

  describe('on the wire', () => {
    let dir: string;
    let base: SandboxOptions;
    let sb: RunningSandbox | undefined;
    const start = async (spec: string, extra: Partial<SandboxOptions> = {}) => {
      sb = await startSandbox({ ...base, faults: parseFaultSpec(spec), ...extra });
      return sb;
    };
    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-sandbox-faults-'));
      base = { contents: bundledContents(), validator: (await testEngine()).validator, operations: sampleOperations(), dataDir: dir, delays: { receivedMs: 0, processingMs: 0 } };
    });
    afterEach(async () => {
      await sb?.close();
      sb = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const send = (s: RunningSandbox, xml = request(HM, 'importAccountData').xml) => post(s.url, endpointOf(HM), xml, 'urn:importAccountData');
    const connectionError = (e: unknown) => {
      const err = e as NodeJS.ErrnoException;
      return ['ECONNRESET', 'EPIPE'].includes(err.code ?? '') || /socket hang up/.test(err.message);
    };

    it('drop: the connection closes before the request is read, nothing is accepted', async () => {
      const s = await start('drop=1');
      await assert.rejects(send(s), connectionError);
      assert.equal(s.stats().injected.drop, 1);
      assert.equal(s.stats().accepted, 0);
    });

    it('dropAfter: accepted and stored, then no answer; a resend gets the acknowledgement', async () => {
      const s = await start('drop-after=1');
      const { xml, messageGuid } = request(HM, 'importAccountData');
      await assert.rejects(send(s, xml), connectionError);
      assert.equal(s.stats().accepted, 1);
      assert.equal(s.stats().injected.dropAfter, 1);
      await s.close();
      const again = await start('');
      const r = await send(again, xml);
      assert.equal(r.status, 200);
      assert.equal(textOf(r.body, 'RequesterMessageGUID'), messageGuid);
      assert.equal(again.stats().duplicates, 1);
      assert.equal(again.stats().accepted, 0);
    });

    it('http500: an HTML page with status 500, nothing accepted', async () => {
      const s = await start('http500=1');
      const r = await send(s);
      assert.equal(r.status, 500);
      assert.match(r.contentType ?? '', /^text\/html/);
      assert.match(r.body, /<html>/);
      assert.equal(s.stats().accepted, 0);
      assert.equal(s.stats().injected.http500, 1);
    });

    it('fault: a valid SOAP Fault INT000503 from the server side, nothing accepted', async () => {
      const s = await start('fault=1');
      const r = await send(s);
      assert.equal(r.status, 500);
      assert.equal(faultCode(r.body), 'INT000503');
      assert.match(r.body, /<faultcode>soapenv:Server<\/faultcode>/);
      assert.equal((await validate(r.body)).verdict, 'valid');
      assert.equal(s.stats().accepted, 0);
      assert.equal(s.stats().faults, 0);
    });

    it('slow: the acknowledgement comes after the delay', async () => {
      const s = await start('slow=1:400');
      const r = await send(s);
      assert.equal(r.status, 200);
      assert.ok(r.ms >= 390, `${r.ms} ms`);
      assert.equal((await validate(r.body)).binding?.kind, 'ack');
      assert.equal(s.stats().injected.slow, 1);
    });

    it('malformed: processed, answered with truncated XML', async () => {
      const s = await start('malformed=1');
      const r = await send(s);
      assert.equal(r.status, 200);
      assert.equal((await validate(r.body)).verdict, 'malformed');
      assert.doesNotMatch(r.body, /<\/soapenv:Envelope>/);
      assert.equal(s.stats().accepted, 1);
    });

    it('state.*: faults for getState only, sends go through', async () => {
      const s = await start('state.http500=1');
      const ack = await send(s);
      assert.equal(ack.status, 200);
      const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
      const r = await post(s.url, endpointOf(HM), stateRequest(HM, gis), 'urn:getState');
      assert.equal(r.status, 500);
      assert.match(r.contentType ?? '', /^text\/html/);
      assert.deepEqual({ ...s.stats().injected }, { drop: 0, dropAfter: 0, http500: 1, fault: 0, slow: 0, malformed: 0 });
    });
  });
});
