import type { LibXml2 } from 'libxml2-wasm/lib/libxml2raw.mjs' with { 'resolution-mode': 'import' };
import type { ElementPath } from '../xml/elementLocator';

/**
 * libxml2 (WebAssembly, from libxml2-wasm) at the level this product needs: parse text with safe
 * options, compile a schema whose imports are served only from known package files, validate and
 * collect structured errors with the node each one is about. The package's high-level wrapper
 * computes an XPath for every error, which is quadratic on documents with many sibling records
 * and many errors; here errors are capped and node paths are computed only for those kept.
 */

export const enum ParseOption {
  NONET = 2048,
  HUGE = 524288,
  BIG_LINES = 4194304,
  NO_XXE = 8388608,
}

/** No entity substitution, no DTD loading, no network, no external entities; real line numbers. */
export const SAFE_PARSE = ParseOption.NONET | ParseOption.NO_XXE | ParseOption.BIG_LINES;

export interface LibxmlProblem {
  domain: number;
  code: number;
  /** 1 warning, 2 error, 3 fatal. */
  level: number;
  message: string;
  line: number;
  /** 1-based column in characters for parser errors; 0 when libxml2 gives none (schema errors). */
  column: number;
  file?: string;
  /** The node the error is about (0 if none); valid only until the document is freed. */
  node: number;
  /** The node's element path, filled in for validation errors. */
  path?: ElementPath;
}

export interface ProblemSink {
  problems: LibxmlProblem[];
  total: number;
  limit: number;
}

/** Returns a file's bytes for a URL libxml2 asks for, or undefined to refuse it. */
export type SchemaResolver = (url: string) => Uint8Array | undefined;

const XML_ELEMENT_NODE = 1;
// Offsets into libxml2's structs on wasm32 (xmlError and xmlNode of libxml2 2.14).
const ERR = { domain: 0, code: 4, message: 8, level: 12, file: 16, line: 20, int2: 40, node: 48 };
const NODE = { type: 4, children: 12, parent: 20, next: 24 };


let loading: Promise<Libxml> | undefined;

export class Libxml {
  private sink: ProblemSink | undefined;
  private resolver: SchemaResolver | undefined;
  private readonly openFiles = new Map<number, { data: Uint8Array; pos: number }>();
  private nextFd = 1;
  private readonly errorCallback: number;
  /** URLs libxml2 asked for and was refused: a document or schema reaching outside its package. */
  readonly refusedUrls: string[] = [];

  private constructor(private readonly x: LibXml2) {
    x._xmlSetWinPathEnabled(0);
    x._xmlInitParser();
    this.errorCallback = x.addFunction((_ud: number, err: number) => this.collect(err), 'vii');
    // Match every URL so libxml2 never falls back to its own loaders; refuse all but known files.
    const match = x.addFunction(() => 1, 'ii');
    const open = x.addFunction((cUrl: number) => this.open(x.UTF8ToString(cUrl)), 'ii');
    const read = x.addFunction((fd: number, buf: number, len: number) => this.read(fd, buf, len), 'iiii');
    const close = x.addFunction((fd: number) => (this.openFiles.delete(fd) ? 0 : -1), 'ii');
    if (x._xmlRegisterInputCallbacks(match, open, read, close) < 0) {
      throw new Error('libxml2 refused the input callbacks');
    }
  }

  static load(): Promise<Libxml> {
    loading ??= (async () => {
      const mod = (await import('libxml2-wasm/lib/libxml2raw.mjs')) as { default: () => Promise<LibXml2> };
      return new Libxml(await mod.default());
    })();
    return loading;
  }

  /** Bytes in use by the WebAssembly heap (it only grows; callers recycle the instance when large). */
  get heapBytes(): number {
    return this.x.HEAPU8.length;
  }

  /** Parses UTF-8 bytes (whatever the document declares); returns the document, or 0. */
  parse(bytes: Uint8Array, url: string, options: number, sink: ProblemSink): number {
    const x = this.x;
    const buf = x._malloc(bytes.length + 1);
    if (!buf) throw new Error('out of memory for the document text');
    x.HEAPU8.set(bytes, buf);
    const written = bytes.length;
    const ctxt = x._xmlNewParserCtxt();
    const cUrl = this.cString(url);
    const cEnc = this.cString('UTF-8');
    try {
      x._xmlCtxtSetErrorHandler(ctxt, this.errorCallback, 0);
      return this.withSink(sink, () => x._xmlCtxtReadMemory(ctxt, buf, written, cUrl, cEnc, options));
    } finally {
      x._xmlFreeParserCtxt(ctxt);
      x._free(buf);
      x._free(cUrl);
      x._free(cEnc);
    }
  }

  freeDocument(doc: number): void {
    if (doc) this.x._xmlFreeDoc(doc);
  }

  /** Compiles the schema document; imports are read through `resolver` and nothing else. */
  compileSchema(xsd: string, url: string, resolver: SchemaResolver, sink: ProblemSink): number {
    const x = this.x;
    this.resolver = resolver;
    let xsdDoc = 0;
    try {
      xsdDoc = this.parse(new TextEncoder().encode(xsd), url, ParseOption.NONET | ParseOption.NO_XXE, sink);
      if (!xsdDoc) return 0;
      const pctx = x._xmlSchemaNewDocParserCtxt(xsdDoc);
      try {
        x._xmlSchemaSetParserStructuredErrors(pctx, this.errorCallback, 0);
        return this.withSink(sink, () => x._xmlSchemaParse(pctx));
      } finally {
        x._xmlSchemaFreeParserCtxt(pctx);
      }
    } finally {
      this.resolver = undefined;
      this.freeDocument(xsdDoc);
    }
  }

  freeSchema(schema: number): void {
    if (schema) this.x._xmlSchemaFree(schema);
  }

  /** Validates; returns 0 when valid, > 0 when invalid, < 0 on an internal error. */
  validate(schema: number, doc: number, sink: ProblemSink): number {
    const x = this.x;
    const vctx = x._xmlSchemaNewValidCtxt(schema);
    try {
      x._xmlSchemaSetValidStructuredErrors(vctx, this.errorCallback, 0);
      const ret = this.withSink(sink, () => x._xmlSchemaValidateDoc(vctx, doc));
      this.fillPaths(sink.problems);
      return ret;
    } finally {
      x._xmlSchemaFreeValidCtxt(vctx);
    }
  }

  private withSink<T>(sink: ProblemSink, run: () => T): T {
    const previous = this.sink;
    this.sink = sink;
    try {
      return run();
    } finally {
      this.sink = previous;
    }
  }

  private collect(err: number): void {
    const sink = this.sink;
    if (!sink) return;
    sink.total++;
    if (sink.problems.length >= sink.limit) return;
    const x = this.x;
    const h = x.HEAP32;
    const msgPtr = h[(err + ERR.message) >> 2];
    const filePtr = h[(err + ERR.file) >> 2];
    sink.problems.push({
      domain: h[(err + ERR.domain) >> 2],
      code: h[(err + ERR.code) >> 2],
      level: h[(err + ERR.level) >> 2],
      message: msgPtr ? x.UTF8ToString(msgPtr).trimEnd() : '',
      line: h[(err + ERR.line) >> 2],
      column: h[(err + ERR.int2) >> 2],
      file: filePtr ? x.UTF8ToString(filePtr) : undefined,
      node: h[(err + ERR.node) >> 2],
    });
  }

  /** Child-index paths of the error nodes; one walk per parent, however many errors share it. */
  private fillPaths(problems: LibxmlProblem[]): void {
    const h = this.x.HEAP32;
    const indexCache = new Map<number, Map<number, number>>();
    const indexOf = (node: number): number => {
      const parent = h[(node + NODE.parent) >> 2];
      let idx = indexCache.get(parent);
      if (!idx) {
        idx = new Map();
        let i = 0;
        for (let c = h[(parent + NODE.children) >> 2]; c; c = h[(c + NODE.next) >> 2]) {
          if (h[(c + NODE.type) >> 2] === XML_ELEMENT_NODE) idx.set(c, i++);
        }
        indexCache.set(parent, idx);
      }
      return idx.get(node) ?? -1;
    };
    for (const p of problems) {
      if (!p.node || h[(p.node + NODE.type) >> 2] !== XML_ELEMENT_NODE) continue;
      const path: number[] = [];
      let n = p.node;
      for (let parent = h[(n + NODE.parent) >> 2]; parent && h[(parent + NODE.type) >> 2] === XML_ELEMENT_NODE; parent = h[(n + NODE.parent) >> 2]) {
        path.push(indexOf(n));
        n = parent;
      }
      p.path = path.reverse();
    }
  }

  private open(url: string): number {
    const data = this.resolver?.(url);
    if (!data) {
      this.refusedUrls.push(url);
      return 0;
    }
    const fd = this.nextFd++;
    this.openFiles.set(fd, { data, pos: 0 });
    return fd;
  }

  private read(fd: number, buf: number, len: number): number {
    const f = this.openFiles.get(fd);
    if (!f) return -1;
    const n = Math.min(len, f.data.length - f.pos);
    this.x.HEAPU8.set(f.data.subarray(f.pos, f.pos + n), buf);
    f.pos += n;
    return n;
  }

  private cString(s: string): number {
    const bytes = new TextEncoder().encode(s);
    const p = this.x._malloc(bytes.length + 1);
    this.x.HEAPU8.set(bytes, p);
    this.x.HEAPU8[p + bytes.length] = 0;
    return p;
  }
}
