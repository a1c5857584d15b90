import * as crypto from 'node:crypto';
import forge from 'node-forge';
import { TAG, children, expect, oid, parseDer } from './der';
import { GostPrivateKey, parseGostPrivateKeyInfo } from './gostPrivateKey';
import { OID, isGostArc } from './gostOids';
import { KeySourceError, SecretRequiredError, WrongSecretError } from './keyErrors';
import { looksLikePem, pemBlocks } from './pem';

/** A private key held in memory: GOST as its scalar (for crypto/), RSA as node's KeyObject. */
export type SoftwareKey = { readonly type: 'gost'; readonly key: GostPrivateKey } | { readonly type: 'rsa'; readonly key: crypto.KeyObject };

const KEY_LABELS = new Set(['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY']);

/**
 * A key file as OpenSSL writes it: PEM or DER, PKCS#8 (plain or encrypted with PBES2) for GOST and
 * RSA, or PKCS#1 for RSA. `password` only for encrypted keys; a missing or wrong one is reported
 * as SecretRequiredError / WrongSecretError so the caller can ask.
 */
export function loadPrivateKey(bytes: Uint8Array, password?: string): SoftwareKey {
  if (looksLikePem(bytes)) {
    const text = Buffer.from(bytes).toString('latin1');
    const block = pemBlocks(text).find((b) => KEY_LABELS.has(b.label));
    if (!block) throw new KeySourceError('В файле нет закрытого ключа (PEM: PRIVATE KEY)', 'The file holds no private key (PEM: PRIVATE KEY)');
    if (block.label === 'RSA PRIVATE KEY') return rsaFromPkcs1Pem(text, block.headers['Proc-Type']?.includes('ENCRYPTED') === true, password);
    return fromPkcs8(block.der, block.label === 'ENCRYPTED PRIVATE KEY', password);
  }
  let encrypted: boolean;
  try {
    // EncryptedPrivateKeyInfo starts SEQUENCE { SEQUENCE { OID … } }, PrivateKeyInfo with INTEGER.
    encrypted = children(expect(parseDer(bytes), TAG.SEQUENCE, 'key'))[0]?.tag === TAG.SEQUENCE;
  } catch {
    throw new KeySourceError('Файл ключа не PEM и не DER PKCS#8', 'The key file is neither PEM nor DER PKCS#8');
  }
  return fromPkcs8(bytes, encrypted, password);
}

function fromPkcs8(der: Uint8Array, encrypted: boolean, password: string | undefined): SoftwareKey {
  if (encrypted) return fromPkcs8(decryptPkcs8(der, password), false, undefined);
  const gost = parseGostPrivateKeyInfo(der);
  if (gost) return { type: 'gost', key: gost };
  const [, algId] = children(parseDer(der));
  const algorithm = oid(children(algId)[0]);
  if (algorithm !== OID.rsaEncryption) {
    throw new KeySourceError(`Ключ с алгоритмом ${algorithm} не поддерживается: нужен ГОСТ Р 34.10-2012 или RSA`, `A key of algorithm ${algorithm} is not supported: GOST R 34.10-2012 or RSA is needed`);
  }
  return { type: 'rsa', key: crypto.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }) };
}

function rsaFromPkcs1Pem(text: string, encrypted: boolean, password: string | undefined): SoftwareKey {
  if (encrypted && password === undefined) throw new SecretRequiredError('password');
  try {
    return { type: 'rsa', key: crypto.createPrivateKey({ key: text, format: 'pem', passphrase: password }) };
  } catch {
    throw encrypted ? new WrongSecretError('password') : new KeySourceError('Не удалось прочитать ключ RSA', 'Could not read the RSA key');
  }
}

/**
 * PKCS#8 EncryptedPrivateKeyInfo through node-forge (PBES2 with PBKDF2 and AES/3DES, the schemes
 * OpenSSL uses by default, also for GOST keys). GOST ciphers (gost89, kuznyechik) are refused with
 * a message that says what to do instead.
 */
function decryptPkcs8(der: Uint8Array, password: string | undefined): Uint8Array {
  const scheme = encryptionOids(der);
  if (scheme.some(isGostArc)) {
    throw new KeySourceError(
      'Ключ зашифрован по ГОСТ (PBES2 с шифром ГОСТ): такое шифрование не поддерживается; перешифруйте ключ: openssl pkcs8 -engine gost -topk8 -v2 aes-256-cbc, или используйте внешнюю подпись',
      'The key is encrypted with a GOST cipher, which is not supported; re-encrypt it (openssl pkcs8 -engine gost -topk8 -v2 aes-256-cbc) or use an external signer',
    );
  }
  if (password === undefined) throw new SecretRequiredError('password');
  let info: forge.asn1.Asn1 | null;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
    // PBKDF2 takes the password as OpenSSL does: its UTF-8 bytes (forge wants them as a binary string).
    info = forge.pki.decryptPrivateKeyInfo(asn1, forge.util.encodeUtf8(password));
  } catch (e) {
    if (/Unsupported|Cannot read/.test((e as Error).message)) {
      throw new KeySourceError(`Схема шифрования ключа не поддерживается: ${scheme.join(', ')}`, `The key's encryption scheme is not supported: ${scheme.join(', ')}`);
    }
    info = null;
  }
  if (!info) throw new WrongSecretError('password');
  const plain = Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
  // A wrong password passes the CBC padding check now and then; garbage is not PrivateKeyInfo.
  try {
    const [v, alg] = children(parseDer(plain));
    expect(v, TAG.INTEGER, 'version');
    expect(alg, TAG.SEQUENCE, 'algorithm');
  } catch {
    throw new WrongSecretError('password');
  }
  return new Uint8Array(plain);
}

/** Every OID inside EncryptedPrivateKeyInfo.encryptionAlgorithm (PBES2, PBKDF2, the PRF, the cipher). */
function encryptionOids(der: Uint8Array): string[] {
  const out: string[] = [];
  const walk = (n: ReturnType<typeof parseDer>): void => {
    if (n.tag === TAG.OID) out.push(oid(n));
    else if (n.constructed) children(n).forEach(walk);
  };
  try {
    walk(children(parseDer(der))[0]);
  } catch {
    throw new KeySourceError('Зашифрованный ключ PKCS#8 повреждён', 'The encrypted PKCS#8 key is damaged');
  }
  return out;
}
