import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenElementIndex } from '../../server/src/editor/openElements';
import { xmlContext } from '../../server/src/editor/xmlContext';
import { productRoot } from '../../server/src/productPaths';

/** Checkpointed scans must answer exactly as a scan from the start, whatever the edits and query order. */
describe('open elements with checkpoints', () => {
  const sample = fs.readFileSync(path.join(productRoot(), 'samples', 'device-metering', 'importMeteringDeviceValues.request.xml'), 'utf8');

  function fresh(text: string, at: number): string {
    return JSON.stringify(new OpenElementIndex().openAt(text, at));
  }

  it('agrees with a full scan at every offset, queried out of order, across edits', () => {
    const index = new OpenElementIndex(200);
    let text = sample;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      if (round % 25 === 24) {
        // An edit: insert or remove a whole element somewhere, or type inside a value.
        const at = text.indexOf('<', random(text.length));
        if (at > 0 && round % 50 === 24) text = `${text.slice(0, at)}<dm:Extra/>${text.slice(at)}`;
        else if (at > 0) text = `${text.slice(0, at)}x${text.slice(at)}`;
      }
      const at = random(text.length);
      assert.equal(JSON.stringify(index.openAt(text, at)), fresh(text, at), `round ${round}, offset ${at}`);
    }
  });

  it('gives the same completion context with a shared index as without', () => {
    const index = new OpenElementIndex(100);
    for (let at = 0; at < sample.length; at += 97) {
      assert.deepEqual(xmlContext(sample, at, index), xmlContext(sample, at), `offset ${at}`);
    }
  });
});
