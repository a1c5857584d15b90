import { ALG } from './algorithms';
import { WasmDoc, XmlSigError } from './wasmXml';

/**
 * Canonical XML through libxml2's own C14N (xmlC14NExecute), the code xmlsec1 runs: the
 * canonical bytes a GIS verifier digests are the ones libxml2 produces, so the safest
 * canonicalizer is that very implementation rather than a second one (xml-crypto's runs on
 * xmldom, whose parser and serializer differ from libxml2's in corner cases, and takes seconds on
 * a 7 MB request; see the closing note of issue 6 and test/crypto/c14n*.test.ts).
 *
 * A reference's node set is given the way xmlsec1 gives it: a visibility callback that keeps the
 * subtree of one element and drops the enveloped signature. Namespace nodes come to the callback
 * with their owner element as `parent`, so a subtree keeps the namespaces it inherits and
 * exclusive C14N renders those it visibly uses.
 */

export type C14nMode = 'c14n' | 'exc-c14n' | 'c14n11';

export interface C14nMethod {
  readonly mode: C14nMode;
  readonly withComments: boolean;
}

/** The canonicalization methods XMLDSig names, by URI. */
export const C14N_METHODS: Readonly<Record<string, C14nMethod>> = {
  [ALG.exc_c14n]: { mode: 'exc-c14n', withComments: false },
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': { mode: 'exc-c14n', withComments: true },
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': { mode: 'c14n', withComments: false },
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': { mode: 'c14n', withComments: true },
  'http://www.w3.org/2006/12/xml-c14n11': { mode: 'c14n11', withComments: false },
  'http://www.w3.org/2006/12/xml-c14n11#WithComments': { mode: 'c14n11', withComments: true },
};

const MODE_CODE: Record<C14nMode, number> = { c14n: 0, 'exc-c14n': 1, c14n11: 2 };

export interface C14nOptions extends C14nMethod {
  /** The subtree to canonicalize; the whole document when absent. */
  readonly subtree?: number;
  /** A subtree left out (the enveloped signature). */
  readonly exclude?: number;
  /** Exclusive C14N's InclusiveNamespaces PrefixList ('#default' for the default namespace). */
  readonly inclusivePrefixes?: readonly string[];
  /** Expected output size, to spare the buffer's regrowth on a large document. */
  readonly sizeHint?: number;
}

const PARENT = 20;

/** One growing byte buffer for libxml2's output chunks (a 7 MB request comes in 4 KB pieces). */
class ByteSink {
  private buf: Uint8Array;
  length = 0;

  constructor(sizeHint = 0) {
    this.buf = new Uint8Array(Math.max(64 * 1024, Math.ceil(sizeHint)));
  }

  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + chunk.length));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
    this.buf.set(chunk, this.length);
    this.length += chunk.length;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

interface Callbacks {
  visible: number;
  write: number;
  close: number;
}

const callbacks = new WeakMap<object, Callbacks>();
let current: { doc: WasmDoc; opts: C14nOptions; sink: ByteSink } | undefined;

function callbacksFor(doc: WasmDoc): Callbacks {
  const x = doc.lib.x;
  let cb = callbacks.get(doc.lib);
  if (cb) return cb;
  cb = {
    // int (*)(void *user_data, xmlNodePtr node, xmlNodePtr parent)
    visible: x.addFunction((_ud: number, node: number, parent: number) => {
      const c = current!;
      const { subtree, exclude } = c.opts;
      if (node === exclude) return 0;
      if (node === subtree) return 1;
      const heap = x.HEAP32;
      for (let p = parent; p; p = heap[(p + PARENT) >> 2]) {
        if (p === exclude) return 0;
        if (p === subtree) return 1;
      }
      return subtree === undefined ? 1 : 0;
    }, 'iiii'),
    write: x.addFunction((_ctx: number, buf: number, len: number) => {
      current!.sink.push(x.HEAPU8.subarray(buf, buf + len));
      return len;
    }, 'iiii'),
    close: x.addFunction(() => 0, 'ii'),
  };
  callbacks.set(doc.lib, cb);
  return cb;
}

/** The canonical bytes of the document, or of one subtree of it minus an excluded subtree. */
export function canonicalize(doc: WasmDoc, opts: C14nOptions): Uint8Array {
  const x = doc.lib.x;
  const cb = callbacksFor(doc);
  const sink = new ByteSink(opts.sizeHint);
  const filtered = opts.subtree !== undefined || opts.exclude !== undefined;
  let prefixes = 0;
  const strings: number[] = [];
  if (opts.inclusivePrefixes?.length) {
    prefixes = x._malloc(4 * (opts.inclusivePrefixes.length + 1));
    opts.inclusivePrefixes.forEach((p, i) => {
      const s = doc.lib.cString(p);
      strings.push(s);
      x.HEAP32[(prefixes >> 2) + i] = s;
    });
    x.HEAP32[(prefixes >> 2) + opts.inclusivePrefixes.length] = 0;
  }
  const out = x._xmlOutputBufferCreateIO(cb.write, cb.close, 0, 0);
  const previous = current;
  current = { doc, opts, sink };
  let ret: number;
  try {
    ret = x._xmlC14NExecute(doc.ptr, filtered ? cb.visible : 0, 0, MODE_CODE[opts.mode], prefixes, opts.withComments ? 1 : 0, out);
  } finally {
    // Closing flushes what libxml2 still buffers into the sink.
    x._xmlOutputBufferClose(out);
    current = previous;
    for (const s of strings) x._free(s);
    if (prefixes) x._free(prefixes);
  }
  if (ret < 0) throw new XmlSigError('libxml2 could not canonicalize the document (entity references or a broken tree)');
  return sink.bytes();
}
