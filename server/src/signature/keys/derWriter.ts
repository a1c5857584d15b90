/**
 * A small DER writer: the counterpart of der.ts, just enough to build a PKCS#8 key and an X.509
 * certificate (testCertificate.ts). Every function returns the complete TLV; constructed values
 * take their children already encoded, so a structure reads top-down like its ASN.1.
 */
import { TAG } from './der';

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, body: Uint8Array): Uint8Array {
  const len = lengthBytes(body.length);
  const out = new Uint8Array(1 + len.length + body.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(body, 1 + len.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, concat(items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, concat(items));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8String, new Uint8Array(Buffer.from(s, 'utf8')));
export const printableString = (s: string): Uint8Array => tlv(TAG.PrintableString, new Uint8Array(Buffer.from(s, 'latin1')));
export const boolean = (v: boolean): Uint8Array => tlv(TAG.BOOLEAN, Uint8Array.of(v ? 0xff : 0x00));
export const nullValue = (): Uint8Array => tlv(TAG.NULL, new Uint8Array(0));

/** BIT STRING with no unused bits (keys, signatures, key usage given whole bytes). */
export function bitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(TAG.BIT_STRING, concat([Uint8Array.of(unusedBits), bytes]));
}

/** A non-negative INTEGER: big-endian, minimal, with a 0x00 in front when the top bit is set. */
export function integer(v: bigint | number): Uint8Array {
  let n = BigInt(v);
  if (n < 0n) throw new RangeError('DER writer: negative integers are not needed here');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(TAG.INTEGER, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => {
    if (!/^\d+$/.test(p)) throw new Error(`DER writer: not an OID: ${dotted}`);
    return BigInt(p);
  });
  if (parts.length < 2) throw new Error(`DER writer: not an OID: ${dotted}`);
  const arcs = [parts[0] * 40n + parts[1], ...parts.slice(2)];
  const out: number[] = [];
  for (const arc of arcs) {
    const b = [Number(arc & 0x7fn)];
    for (let x = arc >> 7n; x > 0n; x >>= 7n) b.unshift(Number(x & 0x7fn) | 0x80);
    out.push(...b);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5), to the second, in UTC. */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString(); // 2026-01-31T12:34:56.789Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = d.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.UTCTime, new Uint8Array(Buffer.from(`${digits.slice(2)}Z`, 'latin1')));
  return tlv(TAG.GeneralizedTime, new Uint8Array(Buffer.from(`${digits}Z`, 'latin1')));
}

/** [n] EXPLICIT: a constructed context-specific wrapper around one encoded value. */
export function explicit(n: number, inner: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, inner);
}
