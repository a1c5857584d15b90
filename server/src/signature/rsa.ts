import * as crypto from 'node:crypto';
import { ALG, type DigestAlgorithm, type SignatureAlgorithm, type Signer } from './algorithms';

/**
 * RSA-SHA256 (PKCS#1 v1.5) and SHA-256 through node:crypto, for non-GOST test setups and for
 * the xmlsec1 cross-checks (Debian's xmlsec1 has no GOST).
 */
export const sha256: DigestAlgorithm = {
  uri: ALG.sha256_digest,
  digest: (data) => new Uint8Array(crypto.createHash('sha256').update(data).digest()),
};

export const rsaSha256: SignatureAlgorithm = {
  uri: ALG.rsa_sha256_signature,
  digest: sha256,
  /** Throws when the key is not RSA: a wrong certificate is not a forged signature. */
  verify(data, signatureValue, key) {
    if (key.kind !== 'rsa') throw new Error(`${ALG.rsa_sha256_signature} needs an RSA key, the certificate has ${key.kind}`);
    const pub = crypto.createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    return crypto.verify('sha256', data, pub, signatureValue);
  },
};

export function rsaSigner(key: crypto.KeyObject, certificateDer: Uint8Array): Signer {
  return {
    algorithm: rsaSha256,
    certificate: certificateDer,
    sign: async (data) => new Uint8Array(crypto.sign('sha256', data, key)),
  };
}
