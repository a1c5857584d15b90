/**
 * GOST keys at the level of the mathematics: a private scalar or a public point on a named curve,
 * and the byte forms RFC 4491 / RFC 9215 give them inside certificates and PKCS#8. Reading PEM,
 * PKCS#8 and PFX containers is the key sources' job (signature/keys/); what lives here is what
 * verification itself needs: from a certificate's SubjectPublicKeyInfo to a curve and a point.
 */
import { DerError, TAG, children, content, expect, oid, parseDer } from '../signature/keys/der';
import { OID } from '../signature/keys/gostOids';
import { gostCurveByOid, type GostCurve } from './gostCurves';
import { bigIntToBytesLE, bytesToBigIntLE, isOnCurve, publicKeyOf, type Point } from './gost3410';

export interface GostPrivateScalar {
  readonly curve: GostCurve;
  readonly d: bigint;
}

export interface GostPublicPoint {
  readonly curve: GostCurve;
  readonly point: Point;
}

/** id-tc26-gost3410-12-256 and -512: the key algorithms of SubjectPublicKeyInfo. */
export const GOST_KEY_OIDS = { gost2012_256: OID.gost2012_256, gost2012_512: OID.gost2012_512 } as const;

/**
 * The private scalar from the bytes PKCS#8 carries for a GOST key (OpenSSL's gost engine writes a
 * bare OCTET STRING of `size` bytes, little-endian; some writers wrap it in another OCTET STRING
 * or use an INTEGER: unwrapping those is the container reader's job).
 */
export function privateKeyFromLittleEndian(curve: GostCurve, bytes: Uint8Array): GostPrivateScalar {
  if (bytes.length !== curve.size) throw new Error(`a GOST private key on ${curve.name} has ${curve.size} bytes, not ${bytes.length}`);
  const d = bytesToBigIntLE(bytes);
  if (d <= 0n || d >= curve.q) throw new Error('GOST private key out of range');
  return { curve, d };
}

export function publicKeyOfPrivate(key: GostPrivateScalar): GostPublicPoint {
  return { curve: key.curve, point: publicKeyOf(key.curve, key.d) };
}

/**
 * The point from the content of the public key OCTET STRING (RFC 4491 §2.3.2, RFC 9215 §4.3):
 * X then Y, each little-endian and `size` bytes long.
 */
export function pointFromKeyOctets(curve: GostCurve, octets: Uint8Array): Point {
  if (octets.length !== 2 * curve.size) {
    throw new Error(`a GOST public key on ${curve.name} has ${2 * curve.size} bytes, not ${octets.length}`);
  }
  const point = {
    x: bytesToBigIntLE(octets.subarray(0, curve.size)),
    y: bytesToBigIntLE(octets.subarray(curve.size)),
  };
  if (!isOnCurve(curve, point)) throw new Error(`the GOST public key is not a point of ${curve.name}`);
  return point;
}

export function pointToKeyOctets(curve: GostCurve, point: Point): Uint8Array {
  const out = new Uint8Array(2 * curve.size);
  out.set(bigIntToBytesLE(point.x, curve.size), 0);
  out.set(bigIntToBytesLE(point.y, curve.size), curve.size);
  return out;
}

/**
 * Curve and point from a DER SubjectPublicKeyInfo with a GOST R 34.10-2012 key:
 *   SEQUENCE { SEQUENCE { OID key algorithm, SEQUENCE { OID paramSet, [OID digest] } },
 *              BIT STRING { OCTET STRING { X ‖ Y little-endian } } }
 * Throws with a readable reason on anything else.
 */
export function gostPublicKeyFromSpki(spki: Uint8Array): GostPublicPoint {
  try {
    const [alg, bits] = children(expect(parseDer(spki), TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
    const [algOid, params] = children(expect(alg, TAG.SEQUENCE, 'AlgorithmIdentifier'));
    const keyAlg = oid(algOid);
    if (keyAlg !== GOST_KEY_OIDS.gost2012_256 && keyAlg !== GOST_KEY_OIDS.gost2012_512) {
      throw new Error(`not a GOST R 34.10-2012 public key (algorithm ${keyAlg})`);
    }
    if (!params) throw new Error('the GOST key has no parameters (paramSet OID)');
    const paramSet = oid(children(expect(params, TAG.SEQUENCE, 'GOST key parameters'))[0]);
    const curve = gostCurveByOid(paramSet);
    if (!curve) throw new Error(`unknown GOST parameter set ${paramSet}`);
    const wantSize = keyAlg === GOST_KEY_OIDS.gost2012_256 ? 32 : 64;
    if (curve.size !== wantSize) throw new Error(`parameter set ${paramSet} does not fit a ${wantSize * 8}-bit key`);
    const bitString = content(expect(bits, TAG.BIT_STRING, 'subjectPublicKey'));
    if (bitString[0] !== 0) throw new Error('subjectPublicKey has unused bits');
    const octets = content(expect(parseDer(bitString.subarray(1)), TAG.OCTET_STRING, 'public key OCTET STRING'));
    return { curve, point: pointFromKeyOctets(curve, octets) };
  } catch (e) {
    if (e instanceof DerError) throw new Error(`malformed key: ${e.message}`);
    throw e;
  }
}

/** Which GOST kind an SPKI holds, for PublicKey.kind; undefined when it is not GOST 2012. */
export function gostKindOfSpki(spki: Uint8Array): 'gost2012-256' | 'gost2012-512' | undefined {
  try {
    return gostPublicKeyFromSpki(spki).curve.size === 32 ? 'gost2012-256' : 'gost2012-512';
  } catch {
    return undefined;
  }
}
