import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { gostSignerFromPrivateKey, gostr34102012_256, gostr34102012_512 } from '../../crypto/gostAlgorithms';
import { gostCurveByOid } from '../../crypto/gostCurves';
import { gostPublicKeyFromSpki, publicKeyOfPrivate } from '../../crypto/gostKeys';
import type { SignatureAlgorithm, Signer } from '../algorithms';
import { CertificateSummary, loadCertificates, summarizeCertificate } from './certificateFile';
import { runExternalSigner } from './externalSigner';
import type { GostPrivateKey } from './gostPrivateKey';
import { KeySourceError } from './keyErrors';
import { loadPfx } from './pfxFile';
import { SoftwareKey, loadPrivateKey } from './privateKeyFile';
import type { ProfileAlgorithm, SigningProfile } from './profile';
import { rsaSha256, rsaSigner } from '../rsa';

/** Given at signing time only, never stored with the profile. */
export interface SigningSecrets {
  /** Password of an encrypted PEM key or of a PFX container. */
  readonly password?: string;
  /** PIN for an external signer (container or token). */
  readonly pin?: string;
}

function readFile(file: string, what: { ru: string; en: string }): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'нет файла' : (e as Error).message;
    const reasonEn = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new KeySourceError(`${what.ru} ${file}: ${reason}`, `${what.en} ${file}: ${reasonEn}`);
  }
}

const KEY_FILE = { ru: 'Файл ключа', en: 'Key file' };
const CERT_FILE = { ru: 'Файл сертификата', en: 'Certificate file' };

function algorithmOf(a: ProfileAlgorithm): SignatureAlgorithm {
  return a === 'gost2012-256' ? gostr34102012_256 : a === 'gost2012-512' ? gostr34102012_512 : rsaSha256;
}

function keyKind(k: SoftwareKey): ProfileAlgorithm {
  return k.type === 'rsa' ? 'rsa-sha256' : k.key.kind;
}

function certKind(c: CertificateSummary): ProfileAlgorithm | string {
  const k = c.publicKey.kind;
  return k === 'rsa' ? 'rsa-sha256' : k === 'other' ? (c.publicKey as { algorithm: string }).algorithm : k;
}

function mismatch(ru: string, en: string): KeySourceError {
  return new KeySourceError(ru, en);
}

/** Whether the private key's public half is the certificate's key. */
export function keyMatchesCertificate(key: SoftwareKey, cert: CertificateSummary): boolean {
  if (key.type === 'rsa') {
    if (cert.publicKey.kind !== 'rsa') return false;
    const spki = crypto.createPublicKey(key.key).export({ format: 'der', type: 'spki' });
    return Buffer.compare(spki, Buffer.from(cert.publicKey.spki)) === 0;
  }
  if (cert.publicKey.kind !== key.key.kind) return false;
  const curve = gostCurveOf(key.key);
  const mine = publicKeyOfPrivate({ curve, d: key.key.d }).point;
  const theirs = gostPublicKeyFromSpki(cert.publicKey.spki).point;
  return mine.x === theirs.x && mine.y === theirs.y;
}

function gostCurveOf(key: GostPrivateKey) {
  const curve = gostCurveByOid(key.paramSet.oid);
  if (!curve) throw new KeySourceError(`Набор параметров ${key.paramSet.name} не поддерживается`, `Parameter set ${key.paramSet.name} is not supported`);
  return curve;
}

function checkPair(profile: SigningProfile, key: SoftwareKey, cert: CertificateSummary): void {
  if (keyKind(key) !== profile.algorithm) {
    throw mismatch(`Ключ — ${keyKind(key)}, а профиль «${profile.name}» задаёт ${profile.algorithm}`, `The key is ${keyKind(key)}, profile "${profile.name}" says ${profile.algorithm}`);
  }
  if (!keyMatchesCertificate(key, cert)) {
    throw mismatch(`Ключ не соответствует сертификату «${cert.subject}»`, `The key does not belong to certificate "${cert.subject}"`);
  }
}

function checkCertificate(profile: SigningProfile, cert: CertificateSummary): void {
  if (certKind(cert) !== profile.algorithm) {
    throw mismatch(`Сертификат «${cert.subject}» с ключом ${certKind(cert)}, а профиль «${profile.name}» задаёт ${profile.algorithm}`, `Certificate "${cert.subject}" holds a ${certKind(cert)} key, profile "${profile.name}" says ${profile.algorithm}`);
  }
}

function softwareSigner(key: SoftwareKey, certDer: Uint8Array): Signer {
  if (key.type === 'rsa') return rsaSigner(key.key, certDer);
  return gostSignerFromPrivateKey(key.key.d, gostCurveOf(key.key), certDer);
}

/**
 * The Signer a profile describes. Reads the key and certificate files now (so a wrong password or
 * a key that does not belong to the certificate is reported before any document is touched);
 * missing secrets come back as SecretRequiredError, wrong ones as WrongSecretError.
 */
export async function createSigner(profile: SigningProfile, secrets: SigningSecrets = {}): Promise<Signer> {
  const certFromFile = profile.certificateFile ? summarizeCertificate(loadCertificates(readFile(profile.certificateFile, CERT_FILE))[0]) : undefined;
  switch (profile.keySource) {
    case 'pem': {
      const key = loadPrivateKey(readFile(profile.keyFile!, KEY_FILE), secrets.password);
      const cert = certFromFile!;
      checkCertificate(profile, cert);
      checkPair(profile, key, cert);
      return softwareSigner(key, cert.der);
    }
    case 'pfx': {
      const pfx = loadPfx(readFile(profile.keyFile!, KEY_FILE), secrets.password ?? '');
      const candidates = certFromFile ? [certFromFile] : pfx.certificates.map(summarizeCertificate);
      const cert = candidates.find((c) => keyMatchesCertificateSafe(pfx.key, c));
      if (!cert) {
        throw mismatch(
          certFromFile ? `Ключ из PFX не соответствует сертификату «${certFromFile.subject}»` : 'В контейнере PFX нет сертификата этого ключа; укажите certificateFile',
          certFromFile ? `The PFX key does not belong to certificate "${certFromFile.subject}"` : 'The PFX container has no certificate of its key; set certificateFile',
        );
      }
      checkCertificate(profile, cert);
      checkPair(profile, pfx.key, cert);
      return softwareSigner(pfx.key, cert.der);
    }
    case 'external': {
      const cert = certFromFile!;
      checkCertificate(profile, cert);
      const external = profile.external!;
      const algorithm = algorithmOf(profile.algorithm);
      return {
        algorithm,
        certificate: cert.der,
        sign: (data) =>
          runExternalSigner(external, external.input === 'digest' ? algorithm.digest.digest(data) : data, {
            certificateFile: profile.certificateFile,
            keyFile: profile.keyFile,
            container: profile.container,
            pin: secrets.pin,
          }),
      };
    }
  }
}

function keyMatchesCertificateSafe(key: SoftwareKey, cert: CertificateSummary): boolean {
  try {
    return keyMatchesCertificate(key, cert);
  } catch {
    return false;
  }
}
