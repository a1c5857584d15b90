import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { installPackage } from '../../server/src/catalog/packageInstaller';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../server/src/productPaths';
import { newRequest } from '../../server/src/schema/newRequest';
import { testEngine } from '../support/engine';
import { sharedDir } from '../support/shared';

/** Request skeletons for every operation of the official packages, validated by those packages. */

const FLOOR = 0.95;

describe('new request skeletons under the official packages (../shared)', function () {
  this.timeout(300_000);
  const figures: string[] = [];
  const stores: string[] = [];
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
    for (const s of stores) fs.rmSync(s, { recursive: true, force: true });
  });

  for (const version of ['16.3.0.0', '14.8.0.2']) {
    it(`${version}: the skeleton of every operation is valid as generated (floor ${FLOOR * 100} %)`, async () => {
      // Installed through the product, as a user would.
      const store = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-skeletons-'));
      await installPackage(path.join(sharedDir(), 'gis-formats', version), store);
      const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: store });
      const contents = registry.contents(registry.find(`installed:${version}`)!);
      stores.push(store);
      const engine = await testEngine();
      const invalid: string[] = [];
      const ops = contents.catalog.operations;
      for (const op of ops) {
        const r = newRequest(contents, op);
        const report = engine.validator.validate(r.text, contents, { lang: 'en', maxProblems: 5 });
        const bound = report.binding?.operation === op.name || (op.name === 'getState' && report.binding?.kind === 'state-request');
        if (report.verdict !== 'valid' || !bound) invalid.push(`${op.service}/${op.name}: ${report.verdict} ${report.diagnostics.map((d) => d.message).join(' | ')}`);
      }
      const valid = ops.length - invalid.length;
      figures.push(`${version}: ${valid}/${ops.length} skeletons valid as generated (${((100 * valid) / ops.length).toFixed(1)} %)`);
      for (const i of invalid) figures.push(`  invalid: ${i}`);
      assert.ok(valid / ops.length >= FLOOR, invalid.join('\n'));
    });
  }
});
