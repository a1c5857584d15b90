/**
 * The algorithm seam between XML signatures (signature/) and the cryptography behind them
 * (crypto/ for GOST, node:crypto for RSA): XMLDSig speaks in URIs and byte strings only.
 */

export const ALG = {
  gost2012_256_signature: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
  gost2012_256_digest: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
  gost2012_512_signature: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512',
  gost2012_512_digest: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512',
  rsa_sha256_signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256_digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  exc_c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  signed_properties_type: 'http://uri.etsi.org/01903#SignedProperties',
} as const;

export interface DigestAlgorithm {
  readonly uri: string;
  digest(data: Uint8Array): Uint8Array;
}

/** A public key as a certificate carries it: the DER SubjectPublicKeyInfo and what it is. */
export interface PublicKey {
  readonly kind: 'gost2012-256' | 'gost2012-512' | 'rsa';
  readonly spki: Uint8Array;
}

export interface SignatureAlgorithm {
  readonly uri: string;
  readonly digest: DigestAlgorithm;
  /**
   * `signatureValue` is the decoded ds:SignatureValue exactly as the document carries it; the
   * algorithm knows its own byte order (GOST: see crypto/, the profile states it).
   */
  verify(data: Uint8Array, signatureValue: Uint8Array, key: PublicKey): boolean;
}

/** Whatever holds the private key: a software key, or an external program (CryptoPro, a token). */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** The ds:SignatureValue bytes for `data` (the canonical SignedInfo). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
