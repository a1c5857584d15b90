import forge from 'node-forge';
import { DerNode, TAG, children, content, oid, parseDer, readDer } from './der';
import { isGostArc } from './gostOids';
import { KeySourceError, SecretRequiredError, WrongSecretError } from './keyErrors';
import { SoftwareKey, loadPrivateKey } from './privateKeyFile';

export interface PfxContents {
  readonly key: SoftwareKey;
  /** DER certificates in the order the container lists them. */
  readonly certificates: Uint8Array[];
}

export const GOST_PFX_MESSAGE = {
  ru: 'Контейнер PFX с ключом ГОСТ не поддерживается; экспортируйте ключ в PEM (PKCS#8) или используйте внешнюю подпись',
  en: 'A PFX container protected with GOST algorithms is not supported; export the key to PEM (PKCS#8) or use an external signer',
};

/**
 * PKCS#12 through node-forge. Forge decrypts the usual protection (PBES2 with AES, or the old
 * PKCS#12 PBEs) and hands back keys and certificates it cannot read itself (GOST) as ASN.1,
 * which is enough: a GOST key inside an AES-protected PFX (what `openssl pkcs12 -export` writes
 * by default) is read by the PKCS#8 reader. A PFX protected with GOST ciphers or a GOST MAC (as
 * CryptoPro exports) is refused with GOST_PFX_MESSAGE: forge has no GOST, and re-implementing
 * GOST PBES2 and the PKCS#12 GOST KDF is not worth it for test containers.
 */
export function loadPfx(bytes: Uint8Array, password: string | undefined): PfxContents {
  if (password === undefined) throw new SecretRequiredError('password');
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = parsePfx(bytes, password);
  } catch (e) {
    const message = (e as Error).message;
    // Forge checks the MAC first: "invalid password" means the MAC was computable and wrong.
    if (/Invalid password|wrong password/i.test(message)) throw new WrongSecretError('password');
    if (usesGostProtection(bytes)) throw new KeySourceError(GOST_PFX_MESSAGE.ru, GOST_PFX_MESSAGE.en);
    throw new KeySourceError(`Не удалось прочитать контейнер PFX: ${message}`, `Could not read the PFX container: ${message}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  if (keyBags.length === 0) throw new KeySourceError('В контейнере PFX нет закрытого ключа', 'The PFX container holds no private key');
  const bag = keyBags[0];
  const keyInfo = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : (bag as { asn1?: forge.asn1.Asn1 }).asn1;
  if (!keyInfo) throw new KeySourceError('Закрытый ключ в контейнере PFX не читается', 'The private key in the PFX container cannot be read');
  const key = loadPrivateKey(derOf(keyInfo));
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certificates = certBags.map((b) => {
    // Forge keeps the original TBSCertificate; for GOST certificates it keeps the whole ASN.1.
    const asn1 = b.cert ? forge.pki.certificateToAsn1(b.cert) : (b as { asn1?: forge.asn1.Asn1 }).asn1;
    if (!asn1) throw new KeySourceError('Сертификат в контейнере PFX не читается', 'A certificate in the PFX container cannot be read');
    return derOf(asn1);
  });
  return { key, certificates };
}

/**
 * The PKCS#12 MAC key comes from the password as a BMPString, PBES2 keys from its UTF-8 bytes
 * (OpenSSL does both); forge passes one JavaScript string to both, which is right for the MAC and
 * for ASCII only. So a non-ASCII password that passed the MAC gets a second pass with its UTF-8
 * bytes for the PBES2 bags, the MAC (already checked) left out.
 */
function parsePfx(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  const asn1 = (): forge.asn1.Asn1 => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1(), false, password);
  } catch (e) {
    if (!/[^\x00-\x7f]/.test(password) || !/decrypt/i.test((e as Error).message)) throw e;
    const withoutMac = asn1();
    (withoutMac.value as forge.asn1.Asn1[]).splice(2);
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
  }
}

function derOf(asn1: forge.asn1.Asn1): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

/**
 * Whether the MAC or any encryption scheme of the container is GOST. The authenticated safe is
 * DER inside OCTET STRINGs, so OCTET STRINGs that parse as DER are walked too (bounded depth).
 */
export function usesGostProtection(bytes: Uint8Array): boolean {
  let found = false;
  const walk = (n: DerNode, depth: number): void => {
    if (found || depth > 12) return;
    if (n.tag === TAG.OID) {
      if (isGostArc(oid(n))) found = true;
      return;
    }
    if (n.constructed) {
      for (const c of children(n)) walk(c, depth + 1);
      return;
    }
    if (n.tag === TAG.OCTET_STRING || (n.tag & 0xdf) === 0x80) {
      const c = content(n);
      try {
        walk(parseDer(c), depth + 1);
      } catch {
        /* plain octets (salts, ciphertext) */
      }
    }
  };
  try {
    walk(readDer(bytes), 0);
  } catch {
    return false;
  }
  return found;
}
