import * as crypto from 'node:crypto';
import { ALG, type DigestAlgorithm, type SignatureAlgorithm, type Signer } from '../algorithms';

/**
 * RSA-SHA256 (PKCS#1 v1.5) for non-GOST test setups, through node:crypto. The key sources need it
 * to build an RSA Signer; the verifier may use the same object.
 */
export const sha256Digest: DigestAlgorithm = {
  uri: ALG.sha256_digest,
  digest: (data) => new Uint8Array(crypto.createHash('sha256').update(data).digest()),
};

export const rsaSha256: SignatureAlgorithm = {
  uri: ALG.rsa_sha256_signature,
  digest: sha256Digest,
  verify(data, signatureValue, key) {
    if (key.kind !== 'rsa') throw new Error(`${ALG.rsa_sha256_signature} needs an RSA key, the certificate has ${key.kind}`);
    const pub = crypto.createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    return crypto.verify('sha256', data, pub, signatureValue);
  },
};

export function rsaSignerFromKey(key: crypto.KeyObject, certificateDer: Uint8Array): Signer {
  return {
    algorithm: rsaSha256,
    certificate: certificateDer,
    sign: async (data) => new Uint8Array(crypto.sign('sha256', data, key)),
  };
}
