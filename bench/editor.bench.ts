import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PackageContents } from '../server/src/catalog/packageContents';
import { packageKey } from '../server/src/catalog/schemaPackage';
import { complete } from '../server/src/editor/completion';
import { hover } from '../server/src/editor/hover';
import { OpenElementIndex } from '../server/src/editor/openElements';
import { sharedDir } from '../test/support/shared';
import { RequestGenerator } from './requestGenerator';

/**
 * `npm run bench:editor`: completion and hover latency in a 14 MB importHouseUORequest, with the
 * official 16.3.0.0 package, at the start, middle and end of the document. Prints p50/p95 against
 * the targets (completion ≤ 50 ms p95, hover ≤ 20 ms p95); never fails on a slow figure.
 */

const LARGE_BYTES = 14 * 1024 * 1024;
const RUNS = 40;
const TARGET = { completionP95: 50, hoverP95: 20 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  const shared = sharedDir();
  const root = path.join(shared, 'gis-formats', '16.3.0.0');
  const contents = new PackageContents({ key: packageKey('folder', '16.3.0.0', root), version: '16.3.0.0', origin: 'folder', root });
  const large = RequestGenerator.fromShared(shared).generate(LARGE_BYTES);
  const doc = TextDocument.create('file:///bench/large.xml', 'xml', 1, large.text);
  const text = large.text;
  const t0 = performance.now();
  contents.schema.element('http://dom.gosuslugi.ru/schema/integration/house-management/', 'importHouseUORequest');
  const modelMs = performance.now() - t0;

  // Cursor positions: inside a premises record near the start, the middle and the end.
  const marks = [0.02, 0.5, 0.98].map((f) => text.indexOf('<hm:TotalArea>', Math.floor(text.length * f)));
  // One index per document, as the server keeps it; the first query builds the checkpoints.
  const index = new OpenElementIndex();
  let t1 = performance.now();
  complete(doc, marks[2], contents, 'ru', index);
  const firstMs = performance.now() - t1;
  const completion: number[] = [];
  const hovers: number[] = [];
  let offered = 0;
  for (let i = 0; i < RUNS; i++) {
    const at = marks[i % marks.length];
    let t = performance.now();
    offered += complete(doc, at, contents, 'ru', index).length;
    completion.push(performance.now() - t);
    t = performance.now();
    const h = hover(doc, at + 5, contents, 'ru', index);
    hovers.push(performance.now() - t);
    if (!h) throw new Error('no hover on hm:TotalArea: the bench setup is broken');
  }
  if (offered === 0) throw new Error('completion offered nothing: the bench setup is broken');
  const row = (name: string, v: number[], target: number) =>
    `${name.padEnd(12)} p50 ${percentile(v, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(v, 95).toFixed(1).padStart(7)} ms   target ≤ ${target} ms p95: ${percentile(v, 95) <= target ? 'target met' : 'target MISSED'}`;
  console.log(`document: ${(large.bytes / 1024 / 1024).toFixed(1)} MiB, ${large.lines} lines, ${large.records} records; schema model (first use) ${modelMs.toFixed(0)} ms`);
  // After an edit near the start every later checkpoint is gone: the worst case for the next query.
  const edited = TextDocument.create(doc.uri, 'xml', 2, text.slice(0, marks[0]) + ' ' + text.slice(marks[0]));
  t1 = performance.now();
  complete(edited, marks[2] + 1, contents, 'ru', index);
  const afterEditMs = performance.now() - t1;
  console.log(`first query (builds checkpoints) ${firstMs.toFixed(0)} ms; first query after an edit at 2 % of the document ${afterEditMs.toFixed(0)} ms`);
  console.log(row('completion', completion, TARGET.completionP95));
  console.log(row('hover', hovers, TARGET.hoverP95));
}

main();
