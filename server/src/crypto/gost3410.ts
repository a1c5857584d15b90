/**
 * GOST R 34.10-2012 signatures (RFC 7091) with BigInt arithmetic.
 *
 * Byte orders, all as OpenSSL's gost engine and the XMLDSig profile of CryptoPro use them:
 * - the digest is the Streebog byte string (see streebog.ts); the number α the standard signs is
 *   that string read little-endian, and e = α mod q (0 → 1);
 * - the signature is s ‖ r, each big-endian and `curve.size` bytes long (RFC 4491 §2.2.2). This is
 *   what `openssl pkeyutl -sign` writes and what ds:SignatureValue carries (CryptoPro's .NET
 *   SignedXml reverses the CryptoAPI output into this form before it base64s it). CryptoAPI
 *   (CryptSignHash, `csptest -sign`) emits the same 2·size bytes fully reversed (r little-endian,
 *   then s little-endian): an external signer that talks to CryptoPro has to reverse its output.
 *
 * Not constant-time: BigInt has no such guarantee. Good enough for verification and for software
 * test keys; production keys live in CryptoPro or on a token behind the external signer.
 */
import { randomBytes } from 'node:crypto';
import type { GostCurve } from './gostCurves';
import { streebog256, streebog512 } from './streebog';

export interface Point {
  readonly x: bigint;
  readonly y: bigint;
}

/** Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  x: bigint;
  y: bigint;
  z: bigint;
}

const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m for a coprime to m (extended Euclid). */
export function invert(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const qt = r0 / r1;
    [r0, r1] = [r1, r0 - qt * r1];
    [s0, s1] = [s1, s0 - qt * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

function double(c: GostCurve, P: Jacobian): Jacobian {
  if (P.z === 0n || P.y === 0n) return INFINITY;
  const p = c.p;
  const yy = (P.y * P.y) % p;
  const s = (4n * P.x * yy) % p;
  const zz = (P.z * P.z) % p;
  const m = (3n * P.x * P.x + c.a * zz * zz) % p;
  const x = mod(m * m - 2n * s, p);
  const y = mod(m * (s - x) - 8n * yy * yy, p);
  const z = (2n * P.y * P.z) % p;
  return { x, y, z };
}

function add(c: GostCurve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P.z === 0n) return Q;
  if (Q.z === 0n) return P;
  const p = c.p;
  const z1z1 = (P.z * P.z) % p;
  const z2z2 = (Q.z * Q.z) % p;
  const u1 = (P.x * z2z2) % p;
  const u2 = (Q.x * z1z1) % p;
  const s1 = (P.y * Q.z * z2z2) % p;
  const s2 = (Q.y * P.z * z1z1) % p;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  if (h === 0n) return r === 0n ? double(c, P) : INFINITY;
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const x = mod(r * r - hhh - 2n * v, p);
  const y = mod(r * (v - x) - s1 * hhh, p);
  const z = (P.z * Q.z * h) % p;
  return { x, y, z };
}

function toAffine(c: GostCurve, P: Jacobian): Point | undefined {
  if (P.z === 0n) return undefined;
  const zi = invert(P.z, c.p);
  const zi2 = (zi * zi) % c.p;
  return { x: (P.x * zi2) % c.p, y: (P.y * zi2 * zi) % c.p };
}

function multiplyJ(c: GostCurve, k: bigint, P: Point): Jacobian {
  let acc = INFINITY;
  if (k === 0n) return acc;
  const base: Jacobian = { x: P.x, y: P.y, z: 1n };
  for (let i = k.toString(2), j = 0; j < i.length; j++) {
    acc = double(c, acc);
    if (i[j] === '1') acc = add(c, acc, base);
  }
  return acc;
}

/** k·P (k ≥ 0) in affine coordinates; undefined for the point at infinity. */
export function multiply(c: GostCurve, k: bigint, P: Point): Point | undefined {
  if (k < 0n) throw new Error('negative scalar');
  return toAffine(c, multiplyJ(c, k, P));
}

export function isOnCurve(c: GostCurve, P: Point): boolean {
  const { p } = c;
  if (P.x < 0n || P.x >= p || P.y < 0n || P.y >= p) return false;
  return mod(P.y * P.y - (P.x * P.x * P.x + c.a * P.x + c.b), p) === 0n;
}

export function generator(c: GostCurve): Point {
  return { x: c.x, y: c.y };
}

/** The public key Q = d·P of the private scalar d. */
export function publicKeyOf(c: GostCurve, d: bigint): Point {
  if (d <= 0n || d >= c.q) throw new Error('GOST private key out of range');
  return multiply(c, d, generator(c))!;
}

export function bytesToBigIntBE(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex'));
}

export function bytesToBigIntLE(b: Uint8Array): bigint {
  return bytesToBigIntBE(Uint8Array.from(b).reverse());
}

export function bigIntToBytesBE(n: bigint, size: number): Uint8Array {
  const hex = n.toString(16).padStart(size * 2, '0');
  if (hex.length > size * 2) throw new Error('number too large');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function bigIntToBytesLE(n: bigint, size: number): Uint8Array {
  return bigIntToBytesBE(n, size).reverse();
}

/** e of the standard: the digest read little-endian, reduced mod q, 0 replaced by 1. */
export function digestToE(c: GostCurve, digest: Uint8Array): bigint {
  const e = bytesToBigIntLE(digest) % c.q;
  return e === 0n ? 1n : e;
}

function randomScalar(c: GostCurve): bigint {
  // 8 spare bytes make the bias of the reduction negligible (< 2⁻⁶⁴).
  return (bytesToBigIntBE(randomBytes(c.size + 8)) % (c.q - 1n)) + 1n;
}

/**
 * Signs a digest (Streebog bytes, see above) with the private scalar d. `k` fixes the nonce for
 * known-answer tests; leave it out otherwise. Returns s ‖ r, big-endian, 2·size bytes.
 */
export function signDigest(c: GostCurve, d: bigint, digest: Uint8Array, k?: bigint): Uint8Array {
  if (d <= 0n || d >= c.q) throw new Error('GOST private key out of range');
  const e = digestToE(c, digest);
  for (;;) {
    const nonce = k ?? randomScalar(c);
    if (nonce <= 0n || nonce >= c.q) throw new Error('GOST nonce out of range');
    const C = multiply(c, nonce, generator(c))!;
    const r = C.x % c.q;
    const s = (r * d + nonce * e) % c.q;
    if (r !== 0n && s !== 0n) {
      const out = new Uint8Array(2 * c.size);
      out.set(bigIntToBytesBE(s, c.size), 0);
      out.set(bigIntToBytesBE(r, c.size), c.size);
      return out;
    }
    if (k !== undefined) throw new Error('the fixed nonce gives r = 0 or s = 0');
  }
}

/** Checks s ‖ r (big-endian halves) over a digest against the public key Q. */
export function verifyDigest(c: GostCurve, Q: Point, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 2 * c.size) return false;
  if (!isOnCurve(c, Q)) return false;
  const s = bytesToBigIntBE(signature.subarray(0, c.size));
  const r = bytesToBigIntBE(signature.subarray(c.size));
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return false;
  const e = digestToE(c, digest);
  const v = invert(e, c.q);
  const z1 = (s * v) % c.q;
  const z2 = mod(-r * v, c.q);
  const C = toAffine(c, add(c, multiplyJ(c, z1, generator(c)), multiplyJ(c, z2, Q)));
  return C !== undefined && C.x % c.q === r;
}

/** The Streebog that goes with a curve: 256 for 256-bit keys, 512 for 512-bit ones. */
export function hashFor(c: GostCurve): (data: Uint8Array) => Uint8Array {
  return c.size === 32 ? streebog256 : streebog512;
}

/** Hashes `data` with the matching Streebog and signs it. */
export function sign(c: GostCurve, d: bigint, data: Uint8Array, k?: bigint): Uint8Array {
  return signDigest(c, d, hashFor(c)(data), k);
}

/** Hashes `data` with the matching Streebog and verifies s ‖ r over it. */
export function verify(c: GostCurve, Q: Point, data: Uint8Array, signature: Uint8Array): boolean {
  return verifyDigest(c, Q, hashFor(c)(data), signature);
}
