import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { productRoot } from '../../server/src/productPaths';
import { ValidationThread } from '../../server/src/validation/validationThread';
import { NS, miniPackage, thingsRequest } from '../support/engine';

const script = path.join(productRoot(), 'out', 'server', 'src', 'validation', 'validationWorker.js');
const options = { lang: 'ru' as const, maxProblems: 50 };

/** A valid answer big enough (40 MB) to keep libxml2 busy for over a second. */
function bigAnswer(): string {
  return `<d:getStateResult xmlns:d="${NS.demo}" xmlns:base="${NS.base}" base:version="1.1.0.0"><d:RequestState>3</d:RequestState>${'<d:Thing>x</d:Thing>\n'.repeat(2_000_000)}</d:getStateResult>`;
}

describe('validation thread', () => {
  it('validates on a worker thread', async () => {
    const t = new ValidationThread({ script, recycleHeapBytes: 1e12, hardCancelAfterMs: 100 });
    try {
      const o = await t.run(thingsRequest(['имя-длиннее-десяти']), miniPackage, options).outcome;
      assert.equal(o.status, 'done');
      if (o.status === 'done') assert.equal(o.report.verdict, 'invalid');
    } finally {
      t.dispose();
    }
  });

  it('drops a queued job that is cancelled, and stops a long running one by ending the thread', async () => {
    const t = new ValidationThread({ script, recycleHeapBytes: 1e12, hardCancelAfterMs: 100 });
    try {
      await t.run(thingsRequest(), miniPackage, options).outcome; // warm up: compile the schema
      const long = t.run(bigAnswer(), miniPackage, options);
      const queued = t.run(thingsRequest(), miniPackage, options);
      queued.cancel();
      assert.deepEqual(await queued.outcome, { status: 'cancelled' });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(t.busy, true);
      const before = performance.now();
      long.cancel();
      assert.deepEqual(await long.outcome, { status: 'cancelled' });
      assert.ok(performance.now() - before < 100, 'a cancelled job must not be waited for');
      const after = await t.run(thingsRequest(), miniPackage, options).outcome;
      assert.equal(after.status, 'done', 'the thread is started again for the next job');
    } finally {
      t.dispose();
    }
  });

  it('starts a fresh thread after a job that grew the heap past the limit', async () => {
    const t = new ValidationThread({ script, recycleHeapBytes: 1, hardCancelAfterMs: 100 });
    try {
      for (let i = 0; i < 3; i++) {
        const o = await t.run(thingsRequest(), miniPackage, options).outcome;
        assert.equal(o.status, 'done');
      }
    } finally {
      t.dispose();
    }
  });

  it('reports a failure instead of hanging when the thread dies', async () => {
    const t = new ValidationThread({ script: path.join(productRoot(), 'test', 'fixtures', 'dying-worker.js'), recycleHeapBytes: 1e12, hardCancelAfterMs: 100 });
    try {
      const o = await t.run(thingsRequest(), miniPackage, options).outcome;
      assert.equal(o.status, 'failed');
    } finally {
      t.dispose();
    }
  });
});
