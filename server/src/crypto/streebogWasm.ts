/**
 * The Streebog compression function g_N as a small WebAssembly module, assembled here from
 * opcodes (no toolchain, no binary file to ship). WebAssembly has native 64-bit integers, so one
 * LPS is 64 table look-ups of whole words instead of 128 half-word ones in plain JavaScript,
 * which makes hashing a 7 MB canonical request about twice as fast. streebog.ts falls back to
 * the JavaScript compression function when WebAssembly is not available.
 *
 * Memory layout (one 64 KiB page): the eight LPS tables (8 × 256 × 8 bytes) from 0, the twelve
 * round constants, then h, N, m and the scratch words K and st, all as little-endian 64-bit words.
 */

/**
 * The slice of the WebAssembly API used here: the project compiles with lib ES2022 and no DOM,
 * which leaves the global untyped. Declared in this module only; it emits nothing.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

export const LAYOUT = {
  tables: 0,
  c: 16384,
  k: 16384 + 768,
  st: 16384 + 832,
  h: 16384 + 896,
  n: 16384 + 960,
  m: 16384 + 1024,
  zero: 16384 + 1088,
} as const;

export interface StreebogWasm {
  readonly memory: WasmMemory;
  /** h = g_N(h, m) with h at LAYOUT.h, m at LAYOUT.m and N at `nPtr` (LAYOUT.n or LAYOUT.zero). */
  readonly g: (nPtr: number) => void;
}

const I32_CONST = 0x41, I64_CONST = 0x42, LOCAL_GET = 0x20, LOCAL_SET = 0x21, CALL = 0x10, END = 0x0b;
const I64_LOAD = 0x29, I64_STORE = 0x37, I64_XOR = 0x85, I64_SHR_U = 0x88;
const I32_WRAP_I64 = 0xa7, I32_AND = 0x71, I32_SHL = 0x74, I32 = 0x7f, I64 = 0x7e;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const load64 = (offset: number): number[] => [I64_LOAD, 3, ...uleb(offset)];
const store64 = (offset: number): number[] => [I64_STORE, 3, ...uleb(offset)];

/** lpsx(a, b, d): the words at d = LPS(a ⊕ b); params 0..2 are addresses, locals 3..10 r0..r7, 11..18 outputs. */
function lpsxBody(): number[] {
  const code: number[] = [];
  for (let m = 0; m < 8; m++) {
    code.push(LOCAL_GET, 0, ...load64(8 * m), LOCAL_GET, 1, ...load64(8 * m), I64_XOR, LOCAL_SET, 3 + m);
  }
  for (let k = 0; k < 8; k++) {
    for (let m = 0; m < 8; m++) {
      // address = byte k of r_m, times 8; the table of input word m starts at m·2048.
      code.push(LOCAL_GET, 3 + m);
      if (k > 0) code.push(I64_CONST, ...sleb(8 * k), I64_SHR_U);
      code.push(I32_WRAP_I64, I32_CONST, ...sleb(255), I32_AND, I32_CONST, 3, I32_SHL, ...load64(LAYOUT.tables + 2048 * m));
      if (m > 0) code.push(I64_XOR);
    }
    code.push(LOCAL_SET, 11 + k);
  }
  // Outputs go out only now: d may be a or b.
  for (let k = 0; k < 8; k++) code.push(LOCAL_GET, 2, LOCAL_GET, 11 + k, ...store64(8 * k));
  code.push(END);
  return [...vec([[16, I64]]), ...code];
}

/** g(nPtr): h = E(LPS(h ⊕ N), m) ⊕ h ⊕ m, calling lpsx (function 0). */
function gBody(): number[] {
  const { c, k, st, h, m } = LAYOUT;
  const lpsx = (a: number[], b: number[], d: number): number[] => [...a, ...b, I32_CONST, ...sleb(d), CALL, 0];
  const at = (addr: number): number[] => [I32_CONST, ...sleb(addr)];
  const code: number[] = [];
  code.push(...lpsx(at(h), [LOCAL_GET, 0], k));
  code.push(...lpsx(at(k), at(m), st));
  for (let r = 0; r < 11; r++) {
    code.push(...lpsx(at(k), at(c + 64 * r), k));
    code.push(...lpsx(at(k), at(st), st));
  }
  code.push(...lpsx(at(k), at(c + 64 * 11), k));
  for (let w = 0; w < 8; w++) {
    code.push(...at(h + 8 * w), ...at(h + 8 * w), ...load64(0), ...at(st + 8 * w), ...load64(0), I64_XOR);
    code.push(...at(k + 8 * w), ...load64(0), I64_XOR, ...at(m + 8 * w), ...load64(0), I64_XOR, ...store64(0));
  }
  code.push(END);
  return [...vec([]), ...code];
}

function moduleBytes(): Uint8Array {
  const types = section(1, vec([
    [0x60, ...vec([[I32], [I32], [I32]]), ...vec([])],
    [0x60, ...vec([[I32]]), ...vec([])],
  ]));
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]]));
  const funcs = section(3, vec([[0], [1]]));
  const exports = section(7, vec([[...name('g'), 0x00, 1]]));
  const bodies = [lpsxBody(), gBody()].map((b) => [...uleb(b.length), ...b]);
  const code = section(10, vec(bodies));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, 'utf8')];
}

/**
 * Instantiates the module with the tables and round constants (as 32-bit halves, low first) in
 * place; undefined when this runtime has no WebAssembly.
 */
export function createStreebogWasm(tl: Int32Array, th: Int32Array, roundConstants: Int32Array): StreebogWasm | undefined {
  if (typeof WebAssembly !== 'object' || WebAssembly === undefined) return undefined;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const words = new Int32Array(memory.buffer);
  for (let i = 0; i < tl.length; i++) {
    words[(LAYOUT.tables >> 2) + 2 * i] = tl[i];
    words[(LAYOUT.tables >> 2) + 2 * i + 1] = th[i];
  }
  words.set(roundConstants, LAYOUT.c >> 2);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), { env: { memory } });
  return { memory, g: instance.exports.g as (nPtr: number) => void };
}
