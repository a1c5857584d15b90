import type { LibXml2 } from 'libxml2-wasm/lib/libxml2raw.mjs' with { 'resolution-mode': 'import' };

/**
 * libxml2 (WebAssembly) as XML signatures need it: a parsed tree to find elements in, and the
 * C14N that xmlsec1 itself runs on (see c14n.ts). An instance of its own, apart from the
 * validator's (validation/libxml.ts): that one installs input callbacks and error sinks for
 * schema work, and a signature must not depend on the state a validation left behind.
 *
 * Loading is asynchronous (WebAssembly compile); everything after it is synchronous, so the
 * verifier can run inside the validator's synchronous diagnostics once `loadXmlSig()` resolved.
 */

export const XML_NS = {
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
} as const;

const enum NodeType {
  Element = 1,
  Attribute = 2,
  Text = 3,
  CData = 4,
}

// Offsets into libxml2 2.14's xmlNode / xmlAttr / xmlNs on wasm32 (libxml2-wasm 0.7.2).
const N = { type: 4, name: 8, children: 12, parent: 20, next: 24, ns: 36, properties: 44 };
const NS = { href: 8, prefix: 12 };

/** No network, no external entities, no DTD loading; big line numbers; very large text nodes; short texts kept inline (a few % faster). */
const PARSE_OPTIONS = 2048 /* NONET */ | 8388608 /* NO_XXE */ | 4194304 /* BIG_LINES */ | 524288 /* HUGE */ | 65536; /* COMPACT */

export class XmlSigError extends Error {}

let loading: Promise<XmlSigLib> | undefined;
let loaded: XmlSigLib | undefined;

/** The signature engine's libxml2, loaded once per process. */
export function loadXmlSig(): Promise<XmlSigLib> {
  loading ??= (async () => {
    const mod = (await import('libxml2-wasm/lib/libxml2raw.mjs')) as { default: () => Promise<LibXml2> };
    loaded = new XmlSigLib(await mod.default());
    return loaded;
  })();
  return loading;
}

/** The loaded instance, for synchronous callers; undefined until `loadXmlSig()` has resolved. */
export function loadedXmlSig(): XmlSigLib | undefined {
  return loaded;
}

export class XmlSigLib {
  private parseErrors: string[] | undefined;
  private readonly errorCallback: number;

  constructor(readonly x: LibXml2) {
    x._xmlInitParser();
    this.errorCallback = x.addFunction((_ud: number, err: number) => {
      // xmlError: message at 8, level at 12 (1 warning, 2 error, 3 fatal), line at 20.
      if (x.HEAP32[(err + 12) >> 2] < 2) return;
      const msg = x.HEAP32[(err + 8) >> 2];
      const line = x.HEAP32[(err + 20) >> 2];
      this.parseErrors?.push(`${line}: ${msg ? x.UTF8ToString(msg).trimEnd() : 'error'}`);
    }, 'vii');
  }

  /** Parses UTF-8 bytes; throws with libxml2's first message when the text is not well-formed. */
  parse(bytes: Uint8Array): WasmDoc {
    const x = this.x;
    const buf = x._malloc(bytes.length + 1);
    if (!buf) throw new XmlSigError('out of memory for the document text');
    x.HEAPU8.set(bytes, buf);
    const ctxt = x._xmlNewParserCtxt();
    const url = this.cString('signed.xml');
    const enc = this.cString('UTF-8');
    const errors: string[] = [];
    this.parseErrors = errors;
    try {
      x._xmlCtxtSetErrorHandler(ctxt, this.errorCallback, 0);
      const doc = x._xmlCtxtReadMemory(ctxt, buf, bytes.length, url, enc, PARSE_OPTIONS);
      if (!doc || errors.length) {
        if (doc) x._xmlFreeDoc(doc);
        throw new XmlSigError(`XML is not well-formed: ${errors[0] ?? 'unknown error'}`);
      }
      return new WasmDoc(this, doc);
    } finally {
      this.parseErrors = undefined;
      x._xmlFreeParserCtxt(ctxt);
      x._free(buf);
      x._free(url);
      x._free(enc);
    }
  }

  cString(s: string): number {
    const bytes = new TextEncoder().encode(s);
    const p = this.x._malloc(bytes.length + 1);
    this.x.HEAPU8.set(bytes, p);
    this.x.HEAPU8[p + bytes.length] = 0;
    return p;
  }
}

/** A parsed document living in the WebAssembly heap; `free()` it when done. */
export class WasmDoc {
  constructor(
    readonly lib: XmlSigLib,
    readonly ptr: number,
  ) {}

  free(): void {
    this.lib.x._xmlFreeDoc(this.ptr);
  }

  get root(): number {
    return this.lib.x._xmlDocGetRootElement(this.ptr);
  }

  private i32(p: number): number {
    return this.lib.x.HEAP32[p >> 2];
  }

  private str(p: number): string {
    return p ? this.lib.x.UTF8ToString(p) : '';
  }

  isElement(node: number): boolean {
    return this.i32(node + N.type) === NodeType.Element;
  }

  localName(node: number): string {
    return this.str(this.i32(node + N.name));
  }

  namespaceUri(node: number): string {
    const ns = this.i32(node + N.ns);
    return ns ? this.str(this.i32(ns + NS.href)) : '';
  }

  prefix(node: number): string {
    const ns = this.i32(node + N.ns);
    return ns ? this.str(this.i32(ns + NS.prefix)) : '';
  }

  parent(node: number): number {
    return this.i32(node + N.parent);
  }

  is(node: number, ns: string, local: string): boolean {
    return this.isElement(node) && this.localName(node) === local && this.namespaceUri(node) === ns;
  }

  /** Element children in document order. */
  elements(node: number): number[] {
    const out: number[] = [];
    for (let c = this.i32(node + N.children); c; c = this.i32(c + N.next)) if (this.isElement(c)) out.push(c);
    return out;
  }

  child(node: number, ns: string, local: string): number | undefined {
    return this.elements(node).find((c) => this.is(c, ns, local));
  }

  /** Whether the node has character data other than whitespace among its direct children. */
  hasText(node: number): boolean {
    for (let c = this.i32(node + N.children); c; c = this.i32(c + N.next)) {
      const t = this.i32(c + N.type);
      if ((t === NodeType.Text || t === NodeType.CData) && this.text(c).trim() !== '') return true;
    }
    return false;
  }

  /** The text content (all descendant text), as libxml2's xmlNodeGetContent gives it. */
  text(node: number): string {
    const x = this.lib.x;
    const p = x._xmlNodeGetContent(node);
    if (!p) return '';
    try {
      return x.UTF8ToString(p);
    } finally {
      x._free(p);
    }
  }

  /** An attribute without a namespace (Id, URI, Algorithm…), or undefined. */
  attribute(node: number, local: string): string | undefined {
    for (let a = this.i32(node + N.properties); a; a = this.i32(a + N.next)) {
      if (this.i32(a + N.ns) === 0 && this.str(this.i32(a + N.name)) === local) return this.text(a);
    }
    return undefined;
  }

  /**
   * The element whose Id (or ID, id) attribute is `id`, searched the way XMLDSig verifiers with
   * `--id-attr` do. Two elements with one Id make the reference ambiguous: that is an error, since
   * a verifier could pick either.
   */
  elementById(id: string): number | undefined {
    let found: number | undefined;
    let count = 0;
    const stack = [this.root];
    while (stack.length) {
      const n = stack.pop()!;
      for (let a = this.i32(n + N.properties); a; a = this.i32(a + N.next)) {
        if (this.i32(a + N.ns) !== 0) continue;
        const name = this.str(this.i32(a + N.name));
        if ((name === 'Id' || name === 'ID' || name === 'id') && this.text(a) === id) {
          found ??= n;
          count++;
        }
      }
      const kids = this.elements(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    if (count > 1) throw new XmlSigError(`Id "${id}" occurs ${count} times`);
    return found;
  }

  /** Every element in `ns`/`local`, in document order. */
  descendants(ns: string, local: string, from = this.root): number[] {
    const out: number[] = [];
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (this.is(n, ns, local)) out.push(n);
      const kids = this.elements(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return out;
  }
}
