import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageContents } from '../../server/src/catalog/packageContents';
import { packageKey } from '../../server/src/catalog/schemaPackage';
import { testEngine } from '../support/engine';
import { conformanceFile, readManifest, sharedDir } from '../support/shared';

/**
 * The rules beyond the XSD over the conformance corpus: silent (no warning, no error) on every
 * original document, and finding what the mutations put in: Cyrillic letters in GUIDs, versions
 * the package does not give the payload.
 */
describe('rules beyond the XSD on the conformance corpus (../shared)', function () {
  this.timeout(300_000);
  const figures: string[] = [];
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
  });

  it('raise nothing on the originals and catch the look-alike and version mutants', async () => {
    const root = path.join(sharedDir(), 'gis-formats', '16.3.0.0');
    const contents = new PackageContents({ key: packageKey('folder', '16.3.0.0', root), version: '16.3.0.0', origin: 'folder', root });
    const engine = await testEngine();
    const falsePositives: string[] = [];
    const missed: string[] = [];
    let lookalikes = 0;
    let versions = 0;
    let versionMutants = 0;
    const now = new Date('2026-11-23T09:00:00Z');
    for (const entry of readManifest()) {
      const r = engine.validator.validate(fs.readFileSync(conformanceFile(entry), 'utf8'), contents, { lang: 'en', maxProblems: 200, now });
      const rules = r.diagnostics.filter((d) => d.code.startsWith('gis-') && d.code !== 'gis-header-kind' && d.code !== 'gis-header-missing');
      if (entry.mutation === null) {
        falsePositives.push(...rules.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${entry.file}: ${d.code} ${d.message}`));
      } else if (entry.mutation === 'cyrillic-in-guid') {
        if (rules.some((d) => d.code === 'gis-lookalike')) lookalikes++;
        else missed.push(`${entry.file}: no gis-lookalike`);
      } else if (entry.mutation === 'wrong-version') {
        versionMutants++;
        if (rules.some((d) => d.code === 'gis-version')) versions++;
      }
    }
    const originals = readManifest().filter((e) => e.mutation === null).length;
    figures.push(`rules: 0 warnings or errors expected on ${originals} originals, found ${falsePositives.length}; look-alike mutants caught ${lookalikes}; wrong-version mutants caught ${versions}/${versionMutants} (the rest have no fixed or documented version to compare with)`);
    assert.deepEqual(falsePositives, []);
    assert.deepEqual(missed, []);
    assert.ok(versions >= 60, `only ${versions} wrong versions caught`);
  });
});
