import { GOST_DIGESTS, GOST_SIGNATURES } from '../crypto/gostAlgorithms';
import type { DigestAlgorithm, SignatureAlgorithm } from './algorithms';
import { rsaSha256, sha256 } from './rsa';

/**
 * The algorithms the verifier accepts, by the URIs a document names: GOST R 34.10/34.11-2012
 * (crypto/) and RSA-SHA256 (node:crypto). Anything else (SHA-1, GOST 2001) is reported as
 * unsupported rather than guessed at.
 */
const DIGESTS = new Map<string, DigestAlgorithm>([sha256, ...GOST_DIGESTS].map((a) => [a.uri, a]));
const SIGNATURES = new Map<string, SignatureAlgorithm>([rsaSha256, ...GOST_SIGNATURES].map((a) => [a.uri, a]));

export function digestAlgorithm(uri: string): DigestAlgorithm | undefined {
  return DIGESTS.get(uri);
}

export function signatureAlgorithm(uri: string): SignatureAlgorithm | undefined {
  return SIGNATURES.get(uri);
}
