/**
 * A test GOST R 34.10-2012 key and a self-signed X.509 v3 certificate for it, made by our own
 * code (no OpenSSL at run time): the demo and the sandbox stand sign with it on a machine that has
 * nothing but npm. The key is written as unencrypted PKCS#8 PEM the way OpenSSL's gost engine
 * writes it (the scalar little-endian in an OCTET STRING), the certificate as PEM; createSigner()
 * reads both. Not for real exchange: GIS accepts only certificates of accredited CAs.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bigIntToBytesLE, bytesToBigIntBE, publicKeyOf, signDigest } from '../../crypto/gost3410';
import { GOST_CURVES, type GostCurve } from '../../crypto/gostCurves';
import { pointToKeyOctets } from '../../crypto/gostKeys';
import { streebog256, streebog512 } from '../../crypto/streebog';
import * as der from './derWriter';
import { OID, type GostKind } from './gostOids';
import { toPem } from './pem';

export interface TestSubject {
  readonly commonName: string;
  readonly organization?: string;
  /** Two letters; RU by default. */
  readonly country?: string;
}

export interface TestCertificateOptions {
  readonly kind?: GostKind;
  readonly subject?: TestSubject;
  /** Days from `now` the certificate stays valid (default 365); it starts an hour before `now`. */
  readonly validDays?: number;
  readonly now?: Date;
}

export interface TestCertificate {
  readonly kind: GostKind;
  /** PKCS#8 PrivateKeyInfo, PEM «PRIVATE KEY». */
  readonly keyPem: string;
  readonly certificateDer: Uint8Array;
  readonly certificatePem: string;
  readonly serialNumber: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * What each kind is made with. 256: CryptoPro-A (= TC26 256-B), the set most GIS certificates
 * carry, with the Streebog-256 digest parameter as the gost engine writes it; 512: TC26 512-A.
 */
const KINDS: Record<GostKind, { curve: GostCurve; keyOid: string; paramOid: string; digestOid?: string; signatureOid: string; hash: (b: Uint8Array) => Uint8Array }> = {
  'gost2012-256': {
    curve: GOST_CURVES.cryptoPro_A,
    keyOid: OID.gost2012_256,
    paramOid: '1.2.643.2.2.35.1',
    digestOid: OID.streebog256,
    signatureOid: '1.2.643.7.1.1.3.2',
    hash: streebog256,
  },
  'gost2012-512': {
    curve: GOST_CURVES.tc26_512_A,
    keyOid: OID.gost2012_512,
    paramOid: '1.2.643.7.1.2.1.2.1',
    signatureOid: '1.2.643.7.1.1.3.3',
    hash: streebog512,
  },
};

const X509 = {
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export const DEFAULT_TEST_SUBJECT: TestSubject = { commonName: 'Тестовый подписант ГИС ЖКХ (не для обмена)', organization: 'Тестовая организация', country: 'RU' };

/** d uniformly enough in [1, q−1]: 8 spare bytes keep the reduction's bias below 2⁻⁶⁴. */
function randomScalar(curve: GostCurve): bigint {
  return (bytesToBigIntBE(randomBytes(curve.size + 8)) % (curve.q - 1n)) + 1n;
}

function name(s: TestSubject): Uint8Array {
  const rdn = (type: string, value: Uint8Array) => der.set(der.sequence(der.oid(type), value));
  const rdns = [rdn(X509.country, der.printableString(s.country ?? 'RU'))];
  if (s.organization) rdns.push(rdn(X509.organization, der.utf8String(s.organization)));
  rdns.push(rdn(X509.commonName, der.utf8String(s.commonName)));
  return der.sequence(...rdns);
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value)) : der.sequence(der.oid(id), der.octetString(value));
}

/** The key's parameters as both PKCS#8 and SubjectPublicKeyInfo carry them. */
function keyAlgorithm(k: (typeof KINDS)[GostKind]): Uint8Array {
  const params = k.digestOid ? der.sequence(der.oid(k.paramOid), der.oid(k.digestOid)) : der.sequence(der.oid(k.paramOid));
  return der.sequence(der.oid(k.keyOid), params);
}

export function generateTestCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const kind = options.kind ?? 'gost2012-256';
  const k = KINDS[kind];
  const { curve } = k;
  const d = randomScalar(curve);
  const Q = publicKeyOf(curve, d);
  const publicKey = der.octetString(pointToKeyOctets(curve, Q));
  const spki = der.sequence(keyAlgorithm(k), der.bitString(publicKey));
  // RFC 5280 §4.2.1.2 method 1 (SHA-1 of the key bits): only an identifier, not a security function.
  const keyId = new Uint8Array(createHash('sha1').update(publicKey).digest());

  const now = options.now ?? new Date();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 3600_000);
  const notAfter = new Date(notBefore.getTime() + 3600_000 + (options.validDays ?? 365) * 86400_000);
  // 16 random bytes, top bit clear: positive and unique enough for test certificates.
  const serialBytes = randomBytes(16);
  serialBytes[0] &= 0x7f;
  serialBytes[0] |= 0x01;
  const serialNumber = bytesToBigIntBE(serialBytes);

  const subject = name(options.subject ?? DEFAULT_TEST_SUBJECT);
  const signatureAlgorithm = der.sequence(der.oid(k.signatureOid));
  const extensions = der.sequence(
    // A CA flag lets `openssl verify -CAfile cert cert` take the certificate as its own trust anchor.
    extension(X509.basicConstraints, true, der.sequence(der.boolean(true))),
    // digitalSignature, nonRepudiation, keyCertSign: 1100 0100, two unused bits.
    extension(X509.keyUsage, true, der.bitString(Uint8Array.of(0xc4), 2)),
    extension(X509.subjectKeyIdentifier, false, der.octetString(keyId)),
    extension(X509.authorityKeyIdentifier, false, der.sequence(der.tlv(0x80, keyId))),
  );
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)),
    der.integer(serialNumber),
    signatureAlgorithm,
    subject,
    der.sequence(der.time(notBefore), der.time(notAfter)),
    subject,
    spki,
    der.explicit(3, extensions),
  );
  // s ‖ r big-endian over the Streebog of the TBS bytes (RFC 9215 §3): what the gost engine checks.
  const signature = signDigest(curve, d, k.hash(tbs));
  const certificateDer = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));

  const pkcs8 = der.sequence(der.integer(0), keyAlgorithm(k), der.octetString(bigIntToBytesLE(d, curve.size)));
  return {
    kind,
    keyPem: toPem('PRIVATE KEY', pkcs8),
    certificateDer,
    certificatePem: toPem('CERTIFICATE', certificateDer),
    serialNumber,
    notBefore,
    notAfter,
  };
}

export interface TestCertificateFiles {
  readonly keyFile: string;
  readonly certificateFile: string;
  readonly certificate: TestCertificate;
}

/**
 * Writes `test-key.pem` (readable by the owner only: it is an unencrypted key) and
 * `test-certificate.pem` into `dir`, creating the folder.
 */
export function writeTestCertificate(dir: string, options: TestCertificateOptions = {}): TestCertificateFiles {
  const certificate = generateTestCertificate(options);
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'test-key.pem');
  const certificateFile = path.join(dir, 'test-certificate.pem');
  fs.writeFileSync(keyFile, certificate.keyPem, { mode: 0o600 });
  fs.writeFileSync(certificateFile, certificate.certificatePem);
  return { keyFile, certificateFile, certificate };
}
