/**
 * GOST R 34.11-2012 "Streebog" (RFC 6986), 256- and 512-bit.
 *
 * Byte order: the input is a byte string and the output is the byte string OpenSSL's gost engine
 * (`openssl dgst -md_gost12_256 -binary`) and CryptoPro CSP (HP_HASHVAL) produce, which is the
 * order XMLDSig DigestValue carries for `urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-*`.
 * RFC 6986 prints messages and hashes as numbers, most significant byte first, so its hex strings
 * are these byte strings reversed (M1 "3231…30" is the ASCII text "01…12").
 *
 * Speed: S, P and L are folded into eight 256-entry tables of 64-bit words (the usual "LPS
 * table" approach). The compression function runs in WebAssembly (streebogWasm.ts, native 64-bit
 * words); the JavaScript one below (words as pairs of 32-bit ints) is the fallback. Measured on a
 * 7 MB canonical request: about 80 ms (WebAssembly) and 125 ms (JavaScript), against about 40 ms
 * for OpenSSL's SSE code; a signature hashes that request once.
 */
import { A, C, PI } from './streebogConstants';
import { createStreebogWasm, LAYOUT, type StreebogWasm } from './streebogWasm';

/**
 * TL/TH[(m << 8) | x]: low and high halves of the contribution of byte x at position m of an input
 * word to the output word that LPS builds from it.
 */
const [TL, TH] = buildTables();
/** The 12 round constants, 16 ints each, low half first. */
const CW = buildRoundConstants();

function hexWord(s: string): [lo: number, hi: number] {
  return [parseInt(s.slice(8), 16) | 0, parseInt(s.slice(0, 8), 16) | 0];
}

function buildTables(): [Int32Array, Int32Array] {
  const rows = A.map(hexWord);
  const tl = new Int32Array(8 * 256);
  const th = new Int32Array(8 * 256);
  for (let m = 0; m < 8; m++) {
    for (let x = 0; x < 256; x++) {
      // After S and P, the byte Pi[x] from position k of input word m sits at byte m of output
      // word k; l multiplies bit i of a word by row A[63 - i].
      const v = PI[x];
      let lo = 0;
      let hi = 0;
      for (let bit = 0; bit < 8; bit++) {
        if ((v >>> bit) & 1) {
          const [rlo, rhi] = rows[63 - (8 * m + bit)];
          lo ^= rlo;
          hi ^= rhi;
        }
      }
      tl[(m << 8) | x] = lo;
      th[(m << 8) | x] = hi;
    }
  }
  return [tl, th];
}

function buildRoundConstants(): Int32Array {
  const c = new Int32Array(12 * 16);
  C.forEach((words, r) => words.forEach((w, i) => {
    const [lo, hi] = hexWord(w);
    c[r * 16 + 2 * i] = lo;
    c[r * 16 + 2 * i + 1] = hi;
  }));
  return c;
}

/** d = LPS(a ⊕ b[bo…bo+15]); d may be a or b. Unrolled: this is where all the time goes. */
function lpsx(a: Int32Array, b: Int32Array, bo: number, d: Int32Array): void {
  const l0 = a[0] ^ b[bo + 0], h0 = a[1] ^ b[bo + 1];
  const l1 = a[2] ^ b[bo + 2], h1 = a[3] ^ b[bo + 3];
  const l2 = a[4] ^ b[bo + 4], h2 = a[5] ^ b[bo + 5];
  const l3 = a[6] ^ b[bo + 6], h3 = a[7] ^ b[bo + 7];
  const l4 = a[8] ^ b[bo + 8], h4 = a[9] ^ b[bo + 9];
  const l5 = a[10] ^ b[bo + 10], h5 = a[11] ^ b[bo + 11];
  const l6 = a[12] ^ b[bo + 12], h6 = a[13] ^ b[bo + 13];
  const l7 = a[14] ^ b[bo + 14], h7 = a[15] ^ b[bo + 15];
  {
    const i0 = l0 & 255;
    const i1 = 256 | (l1 & 255);
    const i2 = 512 | (l2 & 255);
    const i3 = 768 | (l3 & 255);
    const i4 = 1024 | (l4 & 255);
    const i5 = 1280 | (l5 & 255);
    const i6 = 1536 | (l6 & 255);
    const i7 = 1792 | (l7 & 255);
    d[0] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[1] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = (l0 >>> 8) & 255;
    const i1 = 256 | ((l1 >>> 8) & 255);
    const i2 = 512 | ((l2 >>> 8) & 255);
    const i3 = 768 | ((l3 >>> 8) & 255);
    const i4 = 1024 | ((l4 >>> 8) & 255);
    const i5 = 1280 | ((l5 >>> 8) & 255);
    const i6 = 1536 | ((l6 >>> 8) & 255);
    const i7 = 1792 | ((l7 >>> 8) & 255);
    d[2] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[3] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = (l0 >>> 16) & 255;
    const i1 = 256 | ((l1 >>> 16) & 255);
    const i2 = 512 | ((l2 >>> 16) & 255);
    const i3 = 768 | ((l3 >>> 16) & 255);
    const i4 = 1024 | ((l4 >>> 16) & 255);
    const i5 = 1280 | ((l5 >>> 16) & 255);
    const i6 = 1536 | ((l6 >>> 16) & 255);
    const i7 = 1792 | ((l7 >>> 16) & 255);
    d[4] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[5] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = l0 >>> 24;
    const i1 = 256 | (l1 >>> 24);
    const i2 = 512 | (l2 >>> 24);
    const i3 = 768 | (l3 >>> 24);
    const i4 = 1024 | (l4 >>> 24);
    const i5 = 1280 | (l5 >>> 24);
    const i6 = 1536 | (l6 >>> 24);
    const i7 = 1792 | (l7 >>> 24);
    d[6] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[7] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = h0 & 255;
    const i1 = 256 | (h1 & 255);
    const i2 = 512 | (h2 & 255);
    const i3 = 768 | (h3 & 255);
    const i4 = 1024 | (h4 & 255);
    const i5 = 1280 | (h5 & 255);
    const i6 = 1536 | (h6 & 255);
    const i7 = 1792 | (h7 & 255);
    d[8] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[9] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = (h0 >>> 8) & 255;
    const i1 = 256 | ((h1 >>> 8) & 255);
    const i2 = 512 | ((h2 >>> 8) & 255);
    const i3 = 768 | ((h3 >>> 8) & 255);
    const i4 = 1024 | ((h4 >>> 8) & 255);
    const i5 = 1280 | ((h5 >>> 8) & 255);
    const i6 = 1536 | ((h6 >>> 8) & 255);
    const i7 = 1792 | ((h7 >>> 8) & 255);
    d[10] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[11] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = (h0 >>> 16) & 255;
    const i1 = 256 | ((h1 >>> 16) & 255);
    const i2 = 512 | ((h2 >>> 16) & 255);
    const i3 = 768 | ((h3 >>> 16) & 255);
    const i4 = 1024 | ((h4 >>> 16) & 255);
    const i5 = 1280 | ((h5 >>> 16) & 255);
    const i6 = 1536 | ((h6 >>> 16) & 255);
    const i7 = 1792 | ((h7 >>> 16) & 255);
    d[12] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[13] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
  {
    const i0 = h0 >>> 24;
    const i1 = 256 | (h1 >>> 24);
    const i2 = 512 | (h2 >>> 24);
    const i3 = 768 | (h3 >>> 24);
    const i4 = 1024 | (h4 >>> 24);
    const i5 = 1280 | (h5 >>> 24);
    const i6 = 1536 | (h6 >>> 24);
    const i7 = 1792 | (h7 >>> 24);
    d[14] = TL[i0] ^ TL[i1] ^ TL[i2] ^ TL[i3] ^ TL[i4] ^ TL[i5] ^ TL[i6] ^ TL[i7];
    d[15] = TH[i0] ^ TH[i1] ^ TH[i2] ^ TH[i3] ^ TH[i4] ^ TH[i5] ^ TH[i6] ^ TH[i7];
  }
}

/** a += b (mod 2^512), both as 16 little-endian 32-bit limbs. */
function add512(a: Int32Array, b: Int32Array): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const t = (a[i] >>> 0) + (b[i] >>> 0) + carry;
    a[i] = t | 0;
    carry = t > 0xffffffff ? 1 : 0;
  }
}

/** a += n (mod 2^512) for a small non-negative n. */
function addSmall(a: Int32Array, n: number): void {
  let carry = n;
  for (let i = 0; i < 16 && carry !== 0; i++) {
    const t = (a[i] >>> 0) + carry;
    a[i] = t | 0;
    carry = t > 0xffffffff ? 1 : 0;
  }
}

const ZERO = new Int32Array(16);

/**
 * The compression function, and stage 2 over a run of full blocks. Two implementations: the
 * WebAssembly one (64-bit words) when the runtime has it, plain JavaScript otherwise; the
 * tests hold both to the same answers. Both are synchronous, so module-level scratch space is safe.
 */
interface Compressor {
  /** h = g_N(h, m). */
  g(h: Int32Array, n: Int32Array, m: Int32Array): void;
  /** Stage 2 for `count` blocks of `data` from `off`: h = g_N(h, m); N += 512; Σ += m. */
  blocks(h: Int32Array, n: Int32Array, sigma: Int32Array, data: Uint8Array, off: number, count: number): void;
}

function jsCompressor(): Compressor {
  const k = new Int32Array(16);
  const st = new Int32Array(16);
  const m = new Int32Array(16);
  const g = (h: Int32Array, n: Int32Array, msg: Int32Array): void => {
    lpsx(h, n, 0, k);
    lpsx(k, msg, 0, st);
    for (let r = 0; r < 11; r++) {
      lpsx(k, CW, r * 16, k);
      lpsx(k, st, 0, st);
    }
    lpsx(k, CW, 11 * 16, k);
    for (let i = 0; i < 16; i++) h[i] ^= st[i] ^ k[i] ^ msg[i];
  };
  return {
    g,
    blocks(h, n, sigma, data, off, count) {
      for (let b = 0; b < count; b++, off += 64) {
        loadBlock(data, off, m);
        g(h, n, m);
        addSmall(n, 512);
        add512(sigma, m);
      }
    },
  };
}

function wasmCompressor(): Compressor | undefined {
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  if (!littleEndian) return undefined; // the Int32Array views below assume WebAssembly's byte order
  let w: StreebogWasm | undefined;
  try {
    w = createStreebogWasm(TL, TH, CW);
  } catch {
    return undefined;
  }
  if (!w) return undefined;
  const { g } = w;
  const view = (at: number): Int32Array => new Int32Array(w!.memory.buffer, at, 16);
  const wh = view(LAYOUT.h);
  const wn = view(LAYOUT.n);
  const wm = view(LAYOUT.m);
  return {
    g(h, n, m) {
      wh.set(h);
      wm.set(m);
      if (n === ZERO) {
        g(LAYOUT.zero);
      } else {
        wn.set(n);
        g(LAYOUT.n);
      }
      h.set(wh);
    },
    blocks(h, n, sigma, data, off, count) {
      wh.set(h);
      wn.set(n);
      for (let b = 0; b < count; b++, off += 64) {
        loadBlock(data, off, wm);
        g(LAYOUT.n);
        addSmall(wn, 512);
        add512(sigma, wm);
      }
      h.set(wh);
      n.set(wn);
    },
  };
}

const JS = jsCompressor();
const FAST = wasmCompressor() ?? JS;

/** An incremental Streebog hash; `digest()` ends it. */
export class Streebog {
  private readonly h = new Int32Array(16);
  private readonly n = new Int32Array(16);
  private readonly sigma = new Int32Array(16);
  private readonly m = new Int32Array(16);
  private readonly buf = new Uint8Array(64);
  private used = 0;
  private done = false;
  private readonly core: Compressor;

  /** `implementation` is for tests that hold the two compression functions against each other. */
  constructor(readonly bits: 256 | 512, implementation: 'fast' | 'js' = 'fast') {
    this.core = implementation === 'js' ? JS : FAST;
    // IV: 0^512 for the 512-bit hash, (00000001)^64 for the 256-bit one.
    if (bits === 256) this.h.fill(0x01010101);
  }

  update(data: Uint8Array): this {
    if (this.done) throw new Error('Streebog: update after digest');
    let off = 0;
    const len = data.length;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, len);
      this.buf.set(data.subarray(0, take), this.used);
      this.used += take;
      off = take;
      if (this.used < 64) return this;
      this.core.blocks(this.h, this.n, this.sigma, this.buf, 0, 1);
      this.used = 0;
    }
    // Stage 2 takes every full block, the last one too: a message of 64k bytes ends with a
    // padding-only block in stage 3.
    const count = Math.floor((len - off) / 64);
    this.core.blocks(this.h, this.n, this.sigma, data, off, count);
    off += 64 * count;
    this.buf.set(data.subarray(off), 0);
    this.used = len - off;
    return this;
  }

  digest(): Uint8Array {
    if (this.done) throw new Error('Streebog: digest called twice');
    this.done = true;
    // Stage 3: the remaining 0..63 bytes, padded with 0x01 and zeros, then N and Σ.
    const last = new Uint8Array(64);
    last.set(this.buf.subarray(0, this.used));
    last[this.used] = 1;
    loadBlock(last, 0, this.m);
    this.core.g(this.h, this.n, this.m);
    addSmall(this.n, this.used * 8);
    add512(this.sigma, this.m);
    this.core.g(this.h, ZERO, this.n);
    this.core.g(this.h, ZERO, this.sigma);
    const out = new Uint8Array(64);
    for (let i = 0; i < 16; i++) {
      const w = this.h[i];
      out[4 * i] = w;
      out[4 * i + 1] = w >>> 8;
      out[4 * i + 2] = w >>> 16;
      out[4 * i + 3] = w >>> 24;
    }
    // The 256-bit hash is the most significant half of the state: bytes 32..63.
    return this.bits === 512 ? out : out.slice(32);
  }
}

/** Which compression function `new Streebog(…)` uses by default (for the benchmark's report). */
export const streebogImplementation: 'wasm' | 'js' = FAST === JS ? 'js' : 'wasm';

function loadBlock(data: Uint8Array, off: number, m: Int32Array): void {
  for (let i = 0; i < 16; i++, off += 4) {
    m[i] = data[off] | (data[off + 1] << 8) | (data[off + 2] << 16) | (data[off + 3] << 24);
  }
}

/** Streebog-256 of `data`, in the byte order XMLDSig DigestValue and OpenSSL use. */
export function streebog256(data: Uint8Array): Uint8Array {
  return new Streebog(256).update(data).digest();
}

/** Streebog-512 of `data`, in the byte order XMLDSig DigestValue and OpenSSL use. */
export function streebog512(data: Uint8Array): Uint8Array {
  return new Streebog(512).update(data).digest();
}
