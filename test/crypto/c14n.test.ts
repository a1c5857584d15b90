import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { canonicalize } from '../../server/src/signature/c14n';
import { XML_NS, loadXmlSig, type XmlSigLib } from '../../server/src/signature/wasmXml';
import { conformanceFile, readManifest } from '../support/shared';
import { XmlsecWorkspace, idAttrArgs, insertIntoPayload, preDigestBuffers, xmlsec1 } from './xmldsigSupport';

/**
 * Our exclusive C14N (libxml2's C14N run from WebAssembly with our node-set callback) held byte
 * for byte against the native tools on every document of ../shared/conformance/16.3.0.0:
 * - the whole document against `xmllint --exc-c14n` (libxml2 2.9, native);
 * - the request/result element as a signature reference sees it (`URI="#<Id>"`, enveloped
 *   signature + exc-c14n, the namespaces inherited from the SOAP envelope) and the whole document
 *   minus the signature (`URI=""`) against the bytes xmlsec1 itself digests when signing, which
 *   it prints with `--store-references --print-debug`.
 */

const TEMPLATE = (id: string) =>
  `<ds:Signature xmlns:ds="${XML_NS.dsig}"><ds:SignedInfo>` +
  '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' +
  '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
  ref(`#${id}`) +
  ref('') +
  '</ds:SignedInfo><ds:SignatureValue/></ds:Signature>';

function ref(uri: string): string {
  return (
    `<ds:Reference URI="${uri}"><ds:Transforms>` +
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>' +
    '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>' +
    '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>'
  );
}

describe('exclusive C14N against xmllint and xmlsec1 (every conformance document)', function () {
  this.timeout(600_000);
  let lib: XmlSigLib;
  let ws: XmlsecWorkspace;
  const entries = readManifest();
  before(async () => {
    lib = await loadXmlSig();
    ws = new XmlsecWorkspace('/C=RU/O=Test/CN=c14n');
  });
  after(() => ws?.dispose());

  it(`whole documents equal xmllint --exc-c14n (${entries.length} documents)`, () => {
    const differ: string[] = [];
    for (const e of entries) {
      const file = conformanceFile(e);
      const doc = lib.parse(fs.readFileSync(file));
      let ours: Uint8Array;
      try {
        // xmllint --exc-c14n keeps comments.
        ours = canonicalize(doc, { mode: 'exc-c14n', withComments: true });
      } finally {
        doc.free();
      }
      const r = spawnSync('xmllint', ['--exc-c14n', '--nonet', file], { maxBuffer: 256 * 1024 * 1024 });
      assert.equal(r.status, 0, `${e.file}: xmllint failed: ${r.stderr}`);
      if (!Buffer.from(ours).equals(r.stdout)) differ.push(e.file);
    }
    assert.deepEqual(differ, []);
  });

  it(`signed subtrees and enveloped whole documents equal what xmlsec1 digests (${entries.length} documents)`, () => {
    const differ: string[] = [];
    let checked = 0;
    for (const e of entries) {
      const xml = fs.readFileSync(conformanceFile(e), 'utf8');
      const { text, id } = insertIntoPayload(xml, TEMPLATE('signed-data-container'));
      const withId = text.replace('URI="#signed-data-container"', `URI="#${id}"`);
      const file = ws.file(withId);
      const r = xmlsec1(['sign', '--privkey-pem', ws.keyPem, ...idAttrArgs(withId), '--store-references', '--print-debug', '--output', `${file}.signed`, file]);
      const debug = Buffer.from(r.stdout + r.stderr, 'utf8');
      assert.equal(r.status, 0, `${e.file}: xmlsec1 sign failed: ${r.stderr.slice(0, 400)}`);
      const theirs = preDigestBuffers(debug);
      assert.equal(theirs.length, 2, `${e.file}: xmlsec1 printed ${theirs.length} pre-digest buffers`);

      const doc = lib.parse(Buffer.from(withId, 'utf8'));
      try {
        const sig = doc.descendants(XML_NS.dsig, 'Signature')[0];
        const target = doc.elementById(id)!;
        const subtree = canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: target, exclude: sig });
        const whole = canonicalize(doc, { mode: 'exc-c14n', withComments: false, exclude: sig });
        if (!Buffer.from(subtree).equals(theirs[0])) differ.push(`${e.file} #${id}`);
        if (!Buffer.from(whole).equals(theirs[1])) differ.push(`${e.file} URI=""`);
      } finally {
        doc.free();
      }
      fs.rmSync(file);
      fs.rmSync(`${file}.signed`, { force: true });
      checked++;
    }
    assert.equal(checked, entries.length);
    assert.deepEqual(differ, []);
  });
});
