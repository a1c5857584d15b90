import * as assert from 'node:assert/strict';
import { attributeValue, readDocumentShape } from '../../server/src/xml/documentShape';
import { NS } from '../support/engine';

describe('readDocumentShape', () => {
  it('reads a bare request: the root is the payload', () => {
    const text = `<?xml version="1.0"?>\n<!-- x --><d:importThingsRequest xmlns:d="${NS.demo}" xmlns:base="${NS.base}" base:version="1.0.0.1"/>`;
    const s = readDocumentShape(text);
    assert.equal(s.envelope, false);
    assert.equal(s.payload?.ns, NS.demo);
    assert.equal(s.payload?.local, 'importThingsRequest');
    assert.equal(attributeValue(text, s.payload!, NS.base, 'version'), '1.0.0.1');
  });

  it('reads a SOAP envelope: header entries and the first Body element, with inherited prefixes', () => {
    const text = `<s:Envelope xmlns:s="${NS.soap}" xmlns:b="${NS.base}"><s:Header><b:RequestHeader><b:Date/></b:RequestHeader></s:Header>
      <s:Body><x:exportThingsRequest xmlns:x="${NS.demo}"/></s:Body></s:Envelope>`;
    const s = readDocumentShape(text);
    assert.equal(s.envelope, true);
    assert.deepEqual(
      s.headerEntries.map((h) => [h.ns, h.local]),
      [[NS.base, 'RequestHeader']],
    );
    assert.equal(s.payload?.local, 'exportThingsRequest');
    assert.equal(s.payload?.ns, NS.demo);
    assert.equal(s.payload?.scope.get('b'), NS.base);
  });

  it('resolves the default namespace and leaves undeclared prefixes unresolved', () => {
    assert.equal(readDocumentShape(`<r xmlns="${NS.demo}"/>`).payload?.ns, NS.demo);
    assert.equal(readDocumentShape('<q:r/>').payload?.ns, undefined);
    assert.equal(readDocumentShape('<r/>').payload?.ns, undefined);
  });

  it('notices a DOCTYPE and survives junk', () => {
    assert.equal(readDocumentShape('<!DOCTYPE r [<!ENTITY a "b">]><r/>').hasDoctype, true);
    assert.equal(readDocumentShape('').root, undefined);
    assert.equal(readDocumentShape('\u0000\u0001 garbage').root, undefined);
  });
});
