import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journal } from '../../server/src/journal';
import { listLogGenerations, logFileName } from '../../server/src/journal/changeLog';
import { compactOnWorker } from '../../server/src/journal/compaction';
import { productRoot } from '../../server/src/productPaths';
import { XML, copyAsCrashed, tempJournalDir } from '../support/journalSamples';

/**
 * The bundles as they ship: a worker the extension or the CLI starts must exist beside them in
 * dist/ and in the .vsix, or its job fails only at run time (the journal's compaction would just
 * warn and let the log grow).
 */
const root = productRoot();

describe('bundles in dist/ and the .vsix', () => {
  let base: string;
  beforeEach(() => (base = tempJournalDir()));
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('the bundled compaction worker folds a journal\'s logs into its database file', async () => {
    const live = path.join(base, 'live');
    const j = await Journal.open(live);
    const guids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await j.create({ stand: 'sandbox', service: 'HouseManagementAsync', operation: 'importHouseUOData', requestXml: XML.request(i) });
      await j.transition(m.messageGuid, 'sending');
      guids.push(m.messageGuid);
    }
    const dir = path.join(base, 'crashed');
    copyAsCrashed(live, dir); // the logs only, as a crash leaves them
    await j.close();
    assert.equal(fs.existsSync(path.join(dir, 'journal.sqlite')), false);

    const lastSeq = await compactOnWorker({ root: dir, tmpDir: path.join(dir, 'tmp'), belowGeneration: Math.max(...listLogGenerations(dir)) + 1 }, path.join(root, 'dist', 'compactionWorker.js'));
    assert.equal(lastSeq, 10);
    for (const g of listLogGenerations(dir)) fs.rmSync(path.join(dir, logFileName(g)));
    const r = await Journal.open(dir, { readOnly: true });
    try {
      assert.equal(r.recovery.replayed, 0, 'everything came from the database file');
      for (const g of guids) assert.equal(r.get(g)?.state, 'sending');
    } finally {
      await r.close();
    }
  });

  it('the .vsix carries the extension and every worker it starts', () => {
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n');
    for (const f of ['dist/extension.js', 'dist/server.js', 'dist/validationWorker.js', 'dist/compactionWorker.js']) {
      assert.ok(listed.includes(f), `${f} is packaged`);
      assert.ok(fs.existsSync(path.join(root, f)), `${f} is built`);
    }
  });
});
