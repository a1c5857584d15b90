/**
 * GOST R 34.11-2012 / 34.10-2012 behind the XMLDSig seam (signature/algorithms.ts).
 *
 * DigestValue is the Streebog byte string as OpenSSL and CryptoPro produce it. SignatureValue is
 * s ‖ r, both big-endian (RFC 4491 §2.2.2): exactly `openssl pkeyutl -sign` output, and what
 * CryptoPro's XMLDSig writes after reversing CryptoAPI's little-endian signature. The reasons
 * and the checks against OpenSSL are in gost3410.ts and test/crypto/gost*.test.ts.
 */
import { ALG, type DigestAlgorithm, type PublicKey, type SignatureAlgorithm, type Signer } from '../signature/algorithms';
import type { GostCurve } from './gostCurves';
import { signDigest, verifyDigest } from './gost3410';
import { gostPublicKeyFromSpki } from './gostKeys';
import { streebog256, streebog512 } from './streebog';

export const gostr34112012_256: DigestAlgorithm = { uri: ALG.gost2012_256_digest, digest: streebog256 };
export const gostr34112012_512: DigestAlgorithm = { uri: ALG.gost2012_512_digest, digest: streebog512 };

function gostSignature(uri: string, digest: DigestAlgorithm, kind: PublicKey['kind'], size: 32 | 64): SignatureAlgorithm {
  return {
    uri,
    digest,
    /**
     * False when the signature does not match; throws when the key cannot be used at all (an
     * RSA key, a 512-bit key for the 256-bit method, a broken SubjectPublicKeyInfo), so the
     * caller can tell "forged or damaged" from "wrong certificate".
     */
    verify(data: Uint8Array, signatureValue: Uint8Array, key: PublicKey): boolean {
      if (key.kind !== kind) throw new Error(`${uri} needs a ${kind} key, the certificate has ${key.kind}`);
      const { curve, point } = gostPublicKeyFromSpki(key.spki);
      if (curve.size !== size) throw new Error(`${uri} needs a ${size * 8}-bit key, the certificate has ${curve.size * 8}`);
      return verifyDigest(curve, point, digest.digest(data), signatureValue);
    },
  };
}

export const gostr34102012_256 = gostSignature(ALG.gost2012_256_signature, gostr34112012_256, 'gost2012-256', 32);
export const gostr34102012_512 = gostSignature(ALG.gost2012_512_signature, gostr34112012_512, 'gost2012-512', 64);

/** The GOST digest and signature algorithms by URI, for the verifier's lookup. */
export const GOST_DIGESTS: readonly DigestAlgorithm[] = [gostr34112012_256, gostr34112012_512];
export const GOST_SIGNATURES: readonly SignatureAlgorithm[] = [gostr34102012_256, gostr34102012_512];

/** The signature method that goes with a key on `curve` (256- or 512-bit). */
export function gostSignatureAlgorithmFor(curve: GostCurve): SignatureAlgorithm {
  return curve.size === 32 ? gostr34102012_256 : gostr34102012_512;
}

/**
 * A software signer for a GOST private scalar d on `curve`. The caller (the key source) vouches
 * that `certificateDer` carries the matching public key.
 */
export function gostSignerFromPrivateKey(d: bigint, curve: GostCurve, certificateDer: Uint8Array): Signer {
  if (d <= 0n || d >= curve.q) throw new Error('GOST private key out of range');
  const algorithm = gostSignatureAlgorithmFor(curve);
  return {
    algorithm,
    certificate: certificateDer,
    sign: async (data: Uint8Array) => signDigest(curve, d, algorithm.digest.digest(data)),
  };
}
