/**
 * A small strict DER reader for the few structures key files hold (PKCS#8, PKCS#12 wrappers,
 * certificates). Own code rather than node-forge's asn1 because forge works on binary strings and
 * hides offsets; here every node keeps its exact bytes, which certificate digests need.
 */

export interface DerNode {
  /** The identifier octet: class, constructed bit and tag number (low tags only). */
  readonly tag: number;
  readonly constructed: boolean;
  /** Offsets into `bytes`: the whole TLV is [start, end), its content [contentStart, end). */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
  readonly bytes: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  PrintableString: 0x13,
  T61String: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export class DerError extends Error {}

/** The TLV at `offset`; throws on anything truncated, indefinite or longer than its parent. */
export function readDer(bytes: Uint8Array, offset = 0, limit = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError(`DER: truncated at ${offset}`);
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`DER: high tag numbers are not used here (at ${offset})`);
  let p = offset + 1;
  let len = bytes[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new DerError(`DER: indefinite length at ${offset}`);
    if (n > 4 || p + n > limit) throw new DerError(`DER: bad length at ${offset}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++];
  }
  if (p + len > limit) throw new DerError(`DER: element at ${offset} is truncated (runs past its end)`);
  return { tag, constructed: (tag & 0x20) !== 0, start: offset, contentStart: p, end: p + len, bytes };
}

/** Reads a whole buffer that must be exactly one element. */
export function parseDer(bytes: Uint8Array): DerNode {
  const n = readDer(bytes);
  if (n.end !== bytes.length) throw new DerError('DER: trailing bytes after the element');
  return n;
}

export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let p = node.contentStart; p < node.end; ) {
    const c = readDer(node.bytes, p, node.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function content(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.contentStart, node.end);
}

export function whole(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.start, node.end);
}

export function expect(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`DER: ${what} expected`);
  return node;
}

export function oid(node: DerNode): string {
  const c = content(expect(node, TAG.OID, 'OBJECT IDENTIFIER'));
  const parts: number[] = [];
  let v = 0;
  for (const b of c) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** An INTEGER as an unsigned big-endian value (the sign never matters for keys and serials). */
export function integer(node: DerNode): bigint {
  const c = content(expect(node, TAG.INTEGER, 'INTEGER'));
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  return v;
}

/** Context-specific tag [n], constructed or not. */
export function isContext(node: DerNode | undefined, n: number): boolean {
  return node !== undefined && (node.tag & 0xdf) === (0x80 | n);
}
