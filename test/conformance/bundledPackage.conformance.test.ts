import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageContents } from '../../server/src/catalog/packageContents';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { packageKey } from '../../server/src/catalog/schemaPackage';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';
import { XmlElement, parseXmlTree, walk } from '../../server/src/xml/xmlTree';
import { bundledScope } from '../support/bundledScope';
import { testEngine } from '../support/engine';
import { conformanceFile, readManifest, sharedDir } from '../support/shared';
import { compareElement } from '../support/structureCompare';

/**
 * The bundled 16.3.0.0 package (our own rewrite) held against the official one: the same
 * catalog facts, the same verdicts on the conformance corpus, samples the official package accepts,
 * and nothing copied.
 */

const AGREEMENT_FLOOR = 0.99;

describe('bundled package against the official 16.3.0.0 (../shared)', function () {
  this.timeout(600_000);
  let bundled: PackageContents;
  let official: PackageContents;
  const figures: string[] = [];

  before(() => {
    const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir() });
    bundled = registry.contents(registry.find('bundled')!);
    // Used in place, as `gis-zhkh validate --package <folder>` does: the reference stays read-only.
    const root = path.join(sharedDir(), 'gis-formats', '16.3.0.0');
    official = new PackageContents({ key: packageKey('folder', '16.3.0.0', root), version: '16.3.0.0', origin: 'folder', root });
  });
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
  });

  it('describes every covered operation as the official catalog does', () => {
    const differences: string[] = [];
    for (const op of bundled.catalog.operations) {
      const theirs = official.catalog.find(op.name, op.service);
      if (!theirs) {
        differences.push(`${op.service}/${op.name}: not an official operation`);
        continue;
      }
      const facts = (o: typeof op) => ({
        soapAction: o.soapAction,
        request: `{${o.request.ns}}${o.request.local}`,
        ack: o.ack && `{${o.ack.ns}}${o.ack.local}`,
        result: o.result && `{${o.result.ns}}${o.result.local}`,
        header: o.headerKind,
        endpointPath: o.endpointPath,
        fixed: o.versions.fixed,
        documented: o.versions.documented,
        resultFixed: o.resultVersions?.fixed,
      });
      const ours = JSON.stringify(facts(op));
      const expected = JSON.stringify(facts(theirs));
      if (ours !== expected) differences.push(`${op.service}/${op.name}: ${ours} vs official ${expected}`);
    }
    assert.deepEqual(differences, []);
    const listed = bundledScope();
    const covered = listed.filter((key) => bundled.catalog.operations.some((o) => `${o.service}/${o.name}` === key));
    assert.deepEqual(listed.filter((k) => !covered.includes(k)), [], 'listed operations the bundled catalog lacks');
  });

  it(`gives the official verdict to the conformance documents of every covered operation (floor ${AGREEMENT_FLOOR * 100} %)`, async () => {
    const engine = await testEngine();
    const covered = new Set(bundled.catalog.operations.map((o) => `${o.service}/${o.name}`));
    const entries = readManifest().filter((e) => covered.has(`${e.service}/${e.operation}`));
    const disagreements: string[] = [];
    for (const entry of entries) {
      const r = engine.validator.validate(fs.readFileSync(conformanceFile(entry), 'utf8'), bundled, { lang: 'en', maxProblems: 20 });
      if (r.verdict !== entry.expected) {
        disagreements.push(`${entry.file}: official ${entry.expected}, bundled ${r.verdict}: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
      }
    }
    const agree = entries.length - disagreements.length;
    const operations = new Set(entries.map((e) => `${e.service}/${e.operation}`)).size;
    figures.push(`bundled verdicts: ${agree}/${entries.length} agree (${((100 * agree) / entries.length).toFixed(1)} %) over ${operations} operations`);
    for (const d of disagreements) figures.push(`  disagreement: ${d}`);
    assert.ok(entries.length > 0);
    assert.ok(agree / entries.length >= AGREEMENT_FLOOR, `agreement below ${AGREEMENT_FLOOR * 100} %:\n${disagreements.join('\n')}`);
  });

  it('accepts the structure the official package accepts below every covered request and result', () => {
    const differences: string[] = [];
    const officialOnly: string[] = [];
    let compared = 0;
    for (const op of bundled.catalog.operations) {
      const root = op.name === 'getState' ? op.result : op.request;
      if (!root) continue;
      const d = compareElement(official.schema, bundled.schema, root.ns, root.local, op.name === 'getState');
      compared++;
      differences.push(...d.differences.map((x) => `${op.service}/${op.name}${x}`));
      officialOnly.push(...d.referenceOnly);
    }
    assert.deepEqual(bundled.schema.problems, []);
    figures.push(`structure: ${compared} requests and results compared, ${differences.length} differences; ${officialOnly.length} official result branches answer operations the bundled package leaves out`);
    assert.deepEqual(differences, []);
  });

  it('ships samples the official package accepts', async () => {
    const engine = await testEngine();
    const invalid: string[] = [];
    const files = sampleFiles();
    for (const file of files) {
      const r = engine.validator.validate(fs.readFileSync(file, 'utf8'), official, { lang: 'en', maxProblems: 20 });
      if (r.verdict !== 'valid') invalid.push(`${path.relative(productRoot(), file)}: ${r.verdict}: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
    }
    figures.push(`samples valid under the official package: ${files.length - invalid.length}/${files.length}`);
    assert.deepEqual(invalid, []);
  });

  it('copies no official file, documentation string or comment', () => {
    const officialRoot = path.join(sharedDir(), 'gis-formats', '16.3.0.0');
    const theirs = textsOf(officialRoot);
    const ours = textsOf(path.join(bundledSchemasDir(), '16.3.0.0'));
    const sameFiles = [...ours.hashes.keys()].filter((h) => theirs.hashes.has(h)).map((h) => ours.hashes.get(h));
    const sameDocs = [...ours.docs].filter((d) => theirs.docs.has(d));
    const sameComments = [...ours.comments].filter((c) => theirs.comments.has(c));
    figures.push(`copy check: ${ours.hashes.size} files, ${ours.docs.size} documentation strings, ${ours.comments.size} comments; identical to official: ${sameFiles.length}, ${sameDocs.length}, ${sameComments.length}`);
    assert.deepEqual(sameFiles, []);
    assert.deepEqual(sameDocs, []);
    assert.deepEqual(sameComments, []);
  });
});

function sampleFiles(): string[] {
  const root = path.join(productRoot(), 'samples');
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => path.join(root, f));
}

/** Normalised so that a change of case, spacing or final punctuation does not hide a copy. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.;:,]+$/u, '').trim();
}

function textsOf(root: string): { hashes: Map<string, string>; docs: Set<string>; comments: Set<string> } {
  const hashes = new Map<string, string>();
  const docs = new Set<string>();
  const comments = new Set<string>();
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(xsd|wsdl)$/i.test(rel)) continue;
    const bytes = fs.readFileSync(path.join(root, rel));
    hashes.set(createHash('sha1').update(bytes).digest('hex'), rel);
    const text = bytes.toString('utf8');
    for (const m of text.matchAll(/<!--([\s\S]*?)-->/g)) {
      const c = normalise(m[1]);
      if (c.length >= 12) comments.add(c);
    }
    const tree = parseXmlTree(text);
    if (!tree) continue;
    walk(tree, (e: XmlElement) => {
      if (e.local !== 'documentation') return;
      const d = normalise(e.text);
      if (d.length >= 4) docs.add(d);
    });
  }
  return { hashes, docs, comments };
}
