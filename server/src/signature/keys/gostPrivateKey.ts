import { DerError, TAG, children, content, expect, integer, oid, parseDer } from './der';
import { GostKind, GostParamSet, OID, gostKindOfAlgorithm, gostParamSet } from './gostOids';
import { KeySourceError } from './keyErrors';

/** A GOST R 34.10-2012 private key read from PKCS#8. */
export interface GostPrivateKey {
  readonly kind: GostKind;
  readonly paramSet: GostParamSet;
  /** The digest parameter OID when the key names one (2012-256 keys of CryptoPro sets do). */
  readonly digestOid?: string;
  /** The private scalar d, 0 < d < q. */
  readonly d: bigint;
}

export function gostKeyLength(kind: GostKind): 32 | 64 {
  return kind === 'gost2012-256' ? 32 : 64;
}

/** d as a fixed-length byte string, in the order asked for. */
export function scalarBytes(key: GostPrivateKey, order: 'big-endian' | 'little-endian'): Uint8Array {
  const n = gostKeyLength(key.kind);
  const be = new Uint8Array(n);
  let v = key.d;
  for (let i = n - 1; i >= 0; i--) {
    be[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return order === 'big-endian' ? be : be.reverse();
}

function leToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}

/**
 * CryptoPro's masked form: the key followed by masks, each little-endian of the key's length;
 * d = key·mask₁·…·maskₙ mod q (as the gost engine's unmask_priv_key does).
 */
function unmask(raw: Uint8Array, len: number, q: bigint): bigint {
  let d = leToBigInt(raw.subarray(0, len));
  for (let p = len; p < raw.length; p += len) d = (d * leToBigInt(raw.subarray(p, p + len))) % q;
  return d;
}

/**
 * The scalar from PrivateKeyInfo.privateKey. The gost engine has written it in four forms over
 * its versions, and reads all four in this order of checks:
 *  - raw little-endian bytes of the key length (current default), or a multiple of it (masked);
 *  - an inner OCTET STRING, little-endian ("LEGACY_PK_WRAP");
 *  - an inner INTEGER, big-endian as every ASN.1 INTEGER (early versions);
 *  - an inner SEQUENCE { OCTET STRING masked key, … } (keys exported from CryptoPro).
 */
function scalarFrom(raw: Uint8Array, len: number, q: bigint): bigint {
  if (raw.length > 0 && raw.length % len === 0) return unmask(raw, len, q);
  const inner = parseDer(raw);
  if (inner.tag === TAG.OCTET_STRING) {
    const c = content(inner);
    if (c.length !== 32 && c.length !== 64) throw new DerError('GOST key: wrapped key of a wrong length');
    return leToBigInt(c);
  }
  if (inner.tag === TAG.INTEGER) return integer(inner);
  if (inner.tag === TAG.SEQUENCE) {
    const masked = content(expect(children(inner)[0], TAG.OCTET_STRING, 'masked key'));
    if (masked.length === 0 || masked.length % len !== 0) throw new DerError('GOST key: masked key of a wrong length');
    return unmask(masked, len, q);
  }
  throw new DerError('GOST key: unknown private key form');
}

/**
 * Reads a PKCS#8 PrivateKeyInfo whose algorithm is GOST R 34.10-2012; `undefined` when the
 * algorithm is something else (the caller tries RSA).
 */
export function parseGostPrivateKeyInfo(der: Uint8Array): GostPrivateKey | undefined {
  const [version, algId, privateKey] = children(expect(parseDer(der), TAG.SEQUENCE, 'PrivateKeyInfo'));
  expect(version, TAG.INTEGER, 'PrivateKeyInfo.version');
  const [algOid, params] = children(expect(algId, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  const algorithm = oid(algOid);
  const kind = gostKindOfAlgorithm(algorithm);
  if (!kind) {
    if (algorithm === OID.gost2001) {
      throw new KeySourceError('Ключ ГОСТ Р 34.10-2001 не поддерживается: нужен ключ ГОСТ Р 34.10-2012', 'GOST R 34.10-2001 keys are not supported: a GOST R 34.10-2012 key is needed');
    }
    return undefined;
  }
  const paramItems = children(expect(params, TAG.SEQUENCE, 'GOST key parameters'));
  const setOid = oid(paramItems[0]);
  const paramSet = gostParamSet(setOid);
  if (!paramSet) throw new KeySourceError(`Неизвестный набор параметров ключа ГОСТ: ${setOid}`, `Unknown GOST key parameter set: ${setOid}`);
  const len = gostKeyLength(kind);
  if (paramSet.bits / 8 !== len) throw new KeySourceError(`Набор параметров ${paramSet.name} не подходит к ключу ${kind}`, `Parameter set ${paramSet.name} does not fit a ${kind} key`);
  const digestOid = paramItems[1]?.tag === TAG.OID ? oid(paramItems[1]) : undefined;
  const d = scalarFrom(content(expect(privateKey, TAG.OCTET_STRING, 'privateKey')), len, paramSet.q);
  if (d <= 0n || d >= paramSet.q) throw new KeySourceError('Закрытый ключ ГОСТ вне допустимого диапазона', 'The GOST private key is out of range');
  return { kind, paramSet, digestOid, d };
}
