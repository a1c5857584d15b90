import * as assert from 'node:assert/strict';
import { locateElements } from '../../server/src/xml/elementLocator';

describe('locateElements', () => {
  const text = '<r><a>1</a><a> 2 </a><b><a x="y">3</a></b><a/></r>';

  it('finds elements by child-index path, even many of one name on one line', () => {
    const found = locateElements(text, [[1], [2, 0], [3], []]);
    assert.equal(text.slice(found.get('1')!.start, found.get('1')!.startTagEnd), '<a>');
    assert.equal(found.get('1')!.start, text.indexOf('<a> 2 '));
    const nested = found.get('2/0')!;
    assert.equal(text.slice(nested.start, nested.startTagEnd), '<a x="y">');
    assert.equal(nested.attributes[0].name, 'x');
    assert.equal(found.get('3')!.selfClosing, true);
    assert.equal(found.get('')!.qname, 'r');
  });

  it('gives the trimmed text value of an element', () => {
    const found = locateElements(text, [[1]]);
    const loc = found.get('1')!;
    assert.equal(text.slice(loc.textStart, loc.textEnd), '2');
    assert.equal(text.slice(loc.contentEnd, loc.contentEnd + 4), '</a>');
  });

  it('leaves out paths that match nothing', () => {
    const found = locateElements(text, [[9], [0, 5]]);
    assert.equal(found.size, 0);
  });

  it('ignores comments, PIs and CDATA when counting children', () => {
    const t = '<r><!-- <a/> --><?p <a/>?><![CDATA[<a/>]]><a>k</a></r>';
    const loc = locateElements(t, [[0]]).get('0')!;
    assert.equal(t.slice(loc.start, loc.startTagEnd), '<a>');
  });
});
