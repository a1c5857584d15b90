import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { installPackage } from '../../server/src/catalog/packageInstaller';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../server/src/productPaths';
import type { ValidationReport } from '../../server/src/validation/documentValidator';
import { testEngine } from '../support/engine';
import { LspTestClient } from '../support/lspClient';
import { ManifestEntry, conformanceFile, readManifest, sharedDir } from '../support/shared';

/** Zips a folder the way GIS publishes a package: one top folder named after the version. */
function zipFolder(dir: string, top: string, out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}/${e.name}`);
      else zip.addFile(p, `${rel}/${e.name}`);
    }
  };
  walk(dir, top);
  zip.end();
  return new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject));
}

/** Every problem libxml2 placed on a line must have a range that contains that line. */
function rangeProblems(file: string, report: ValidationReport): string[] {
  return report.diagnostics
    .filter((d) => d.libxmlLine !== undefined && !(d.range.start.line + 1 <= d.libxmlLine && d.libxmlLine <= d.range.end.line + 1))
    .map((d) => `${file}: libxml2 line ${d.libxmlLine}, range ${d.range.start.line + 1}-${d.range.end.line + 1}: ${d.message}`);
}

describe('conformance with the official format packages (../shared)', function () {
  let tmp: string;
  let registry: PackageRegistry;
  const figures: string[] = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-conformance-'));
    const store = path.join(tmp, 'store');
    const zip = path.join(tmp, 'hcs_wsdl_xsd_v.16.3.0.0.zip');
    await zipFolder(path.join(sharedDir(), 'gis-formats', '16.3.0.0'), 'hcs_wsdl_xsd_v.16.3.0.0', zip);
    const a = await installPackage(zip, store);
    const b = await installPackage(path.join(sharedDir(), 'gis-formats', '14.8.0.2'), store);
    assert.equal(a.pkg.version, '16.3.0.0');
    assert.equal(b.pkg.version, '14.8.0.2');
    registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: store });
  });
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reads the official 16.3.0.0 catalog: 25 services, every operation with soapAction and header', () => {
    const catalog = registry.contents(registry.find('installed:16.3.0.0')!).catalog;
    assert.deepEqual(catalog.problems, []);
    assert.equal(catalog.services.length, 25);
    // 195 binding operations are written in the WSDLs; inspection's cancelDocuments is commented out.
    assert.equal(catalog.operations.length, 194);
    assert.equal(catalog.operations.filter((o) => o.headerKind === 'ISRequestHeader').length, 11);
    assert.equal(catalog.operations.filter((o) => o.headerKind === 'RequestHeader').length, 183);
    assert.ok(catalog.operations.every((o) => o.soapAction === `urn:${o.name}` && o.endpointPath?.startsWith('/ext-bus-')));
    figures.push(`catalog 16.3.0.0: ${catalog.operations.length} operations in ${catalog.services.length} services`);
  });

  it('gives every 16.3.0.0 conformance document the official verdict, with errors on the lines libxml2 names', async () => {
    const engine = await testEngine();
    const contents = registry.contents(registry.find('installed:16.3.0.0')!);
    const manifest = readManifest();
    const disagreements: string[] = [];
    const misplaced: string[] = [];
    const missedLines: string[] = [];
    const started = performance.now();
    for (const entry of manifest) {
      const text = fs.readFileSync(conformanceFile(entry), 'utf8');
      const r = engine.validator.validate(text, contents, { lang: 'ru', maxProblems: 1000 });
      if (r.verdict !== entry.expected) disagreements.push(`${entry.file}: expected ${entry.expected}, got ${r.verdict} ${r.diagnostics.map((d) => d.message).join(' | ')}`);
      misplaced.push(...rangeProblems(entry.file, r));
      const officialLine = firstLine(entry);
      if (officialLine !== undefined && !r.diagnostics.some((d) => d.libxmlLine === officialLine)) {
        missedLines.push(`${entry.file}: official error on line ${officialLine}, ours on ${r.diagnostics.map((d) => d.libxmlLine).join(',')}`);
      }
    }
    const agree = manifest.length - disagreements.length;
    figures.push(`16.3.0.0 verdicts: ${agree}/${manifest.length} agree (${((100 * agree) / manifest.length).toFixed(1)} %), ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(disagreements, []);
    assert.deepEqual(misplaced, []);
    assert.deepEqual(missedLines, []);
  });

  it('keeps 14.8.0.2 beside 16.3.0.0: the originals get the verdicts 14.8.0.2 gives them', async () => {
    const engine = await testEngine();
    const old = registry.contents(registry.find('installed:14.8.0.2')!);
    const manifest = readManifest('manifest-under-14.8.0.2.json');
    const disagreements: string[] = [];
    for (const entry of manifest) {
      const r = engine.validator.validate(fs.readFileSync(conformanceFile(entry), 'utf8'), old, { lang: 'ru', maxProblems: 1000 });
      if (r.verdict !== entry.expected) disagreements.push(`${entry.file}: expected ${entry.expected}, got ${r.verdict}`);
      assert.deepEqual(rangeProblems(entry.file, r), []);
      if (entry.expected === 'invalid') assert.equal(r.binding?.packageVersion, '14.8.0.2');
    }
    figures.push(`14.8.0.2 verdicts: ${manifest.length - disagreements.length}/${manifest.length} agree`);
    assert.deepEqual(disagreements, []);
    assert.ok(manifest.some((e) => e.expected === 'invalid'), 'the two versions must differ on some document');
  });

  it('gives the same verdicts through the running language server', async function () {
    this.timeout(300_000);
    const client = new LspTestClient({ storeDir: path.join(tmp, 'store'), settings: { validation: { delay: 0 }, formats: { defaultVersion: '16.3.0.0' }, rules: { enabled: false } } });
    try {
      await client.initialize();
      const manifest = readManifest().filter((_, i) => i % 7 === 0);
      const disagreements: string[] = [];
      for (const entry of manifest) {
        const uri = `file:///conformance/${entry.file}`;
        const diags = await client.open(uri, fs.readFileSync(conformanceFile(entry), 'utf8'));
        const verdict = diags.some((d) => d.severity === 1) ? 'invalid' : 'valid';
        if (verdict !== entry.expected) disagreements.push(`${entry.file}: expected ${entry.expected}, got ${verdict}`);
        await client.close(uri);
      }
      figures.push(`through LSP: ${manifest.length - disagreements.length}/${manifest.length} agree`);
      assert.deepEqual(disagreements, []);
    } finally {
      await client.shutdown();
    }
  });
});

function firstLine(entry: ManifestEntry): number | undefined {
  const m = /^(\d+):/.exec(entry.errors[0] ?? '');
  return m ? Number(m[1]) : undefined;
}
