import * as assert from 'node:assert/strict';
import { mayBeGisDocument } from '../../server/src/catalog/gisCandidate';
import { hostileInputs } from '../hostile/hostileInputs';
import { NS, checkMini, thingsRequest } from '../support/engine';

describe('GIS candidate check (before a document is sent to a validation thread)', () => {
  it('passes GIS documents and envelopes, and refuses other XML', () => {
    assert.equal(mayBeGisDocument(thingsRequest()), true);
    assert.equal(mayBeGisDocument(`<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault><detail><b:Fault xmlns:b="${NS.base}"/></detail></s:Fault></s:Body></s:Envelope>`), true);
    assert.equal(mayBeGisDocument('<project xmlns="http://maven.apache.org/POM/4.0.0"><x/></project>'), false);
    assert.equal(mayBeGisDocument(''), false);
  });

  it('never refuses a document the validator would say anything about', async () => {
    const seeds = [thingsRequest(['Стол', 'Стул']), thingsRequest(['имя-длиннее-десяти'])];
    let checked = 0;
    for (const input of hostileInputs(seeds, { file: '/nonexistent/canary', url: 'http://127.0.0.1:9/canary' })) {
      if (input.text.length > 1_000_000) continue;
      const r = await checkMini(input.text);
      if (r.verdict !== 'unbound' || r.diagnostics.length > 0) {
        assert.ok(mayBeGisDocument(input.text), `${input.name} is validated but would be skipped`);
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} bound inputs`);
  });
});
