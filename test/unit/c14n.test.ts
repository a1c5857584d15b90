import * as assert from 'node:assert/strict';
import { canonicalize } from '../../server/src/signature/c14n';
import { loadXmlSig, type XmlSigLib } from '../../server/src/signature/wasmXml';

/**
 * Exclusive C14N on small cases whose canonical form follows from the spec by hand; the corpus
 * comparison with xmllint and xmlsec1 is test/crypto/c14n.test.ts.
 */
describe('exclusive C14N (libxml2 C14N with our node-set callback)', () => {
  let lib: XmlSigLib;
  before(async () => {
    lib = await loadXmlSig();
  });

  const DOC =
    '<?xml version="1.0"?>\n<!-- before -->\n<e:Envelope xmlns:e="urn:env" xmlns:a="urn:a" xmlns:unused="urn:u">' +
    '<e:Body><a:Request Id="x" b="2"  a="1"><ds:Signature xmlns:ds="urn:ds"><ds:X/></ds:Signature>\n  <a:Item at=\'&quot;q&quot;\'>1 &lt; 2 &amp; 3<!-- c --><empty/></a:Item></a:Request></e:Body></e:Envelope>';

  function run(f: (doc: ReturnType<XmlSigLib['parse']>) => Uint8Array): string {
    const doc = lib.parse(Buffer.from(DOC, 'utf8'));
    try {
      return Buffer.from(f(doc)).toString('utf8');
    } finally {
      doc.free();
    }
  }

  it('renders only the inherited namespaces a subtree uses, drops the enveloped signature and comments', () => {
    const out = run((doc) => {
      const target = doc.elementById('x')!;
      const sig = doc.elements(target)[0];
      return canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: target, exclude: sig });
    });
    assert.equal(out, '<a:Request xmlns:a="urn:a" Id="x" a="1" b="2">\n  <a:Item at="&quot;q&quot;">1 &lt; 2 &amp; 3<empty></empty></a:Item></a:Request>');
  });

  it('keeps the InclusiveNamespaces prefixes even when unused', () => {
    const out = run((doc) => canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: doc.elementById('x')!, exclude: doc.elements(doc.elementById('x')!)[0], inclusivePrefixes: ['unused'] }));
    assert.ok(out.startsWith('<a:Request xmlns:a="urn:a" xmlns:unused="urn:u" Id="x"'), out);
  });

  it('canonicalizes the whole document with comments outside the root on their own lines', () => {
    const out = run((doc) => canonicalize(doc, { mode: 'exc-c14n', withComments: true }));
    assert.ok(out.startsWith('<!-- before -->\n<e:Envelope xmlns:e="urn:env"><e:Body><a:Request xmlns:a="urn:a" Id="x" a="1" b="2"><ds:Signature xmlns:ds="urn:ds"><ds:X></ds:X></ds:Signature>'), out);
    assert.ok(out.includes('3<!-- c --><empty>'));
  });
});
