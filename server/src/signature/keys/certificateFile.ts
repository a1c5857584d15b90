import type { PublicKey } from '../algorithms';
import { DerNode, TAG, children, content, expect, integer, isContext, oid, parseDer, whole } from './der';
import { OID, gostKindOfAlgorithm } from './gostOids';
import { KeySourceError } from './keyErrors';
import { looksLikePem, pemBlocks } from './pem';

/**
 * What the signing commands show and check of a certificate. A small reader of its own: node's
 * X509Certificate cannot give a GOST certificate's public key, and the key-source code must know
 * the key kind before any signing code runs.
 */
export interface CertificateSummary {
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  /** Decimal, as XAdES IssuerSerial writes it. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKey | { readonly kind: 'other'; readonly algorithm: string; readonly spki: Uint8Array };
}

/** Every certificate of a PEM file (in order), or the one DER certificate. */
export function loadCertificates(bytes: Uint8Array): Uint8Array[] {
  if (looksLikePem(bytes)) {
    const certs = pemBlocks(Buffer.from(bytes).toString('latin1'))
      .filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE')
      .map((b) => b.der);
    if (certs.length === 0) throw new KeySourceError('В файле нет сертификата (PEM: CERTIFICATE)', 'The file holds no certificate (PEM: CERTIFICATE)');
    return certs;
  }
  try {
    parseDer(bytes);
  } catch {
    throw new KeySourceError('Файл сертификата не PEM и не DER', 'The certificate file is neither PEM nor DER');
  }
  return [bytes];
}

const ATTR: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'G',
  '2.5.4.12': 'T',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.6': 'C',
  '1.2.840.113549.1.9.1': 'E',
  '1.2.643.3.131.1.1': 'INN',
  '1.2.643.100.4': 'INNLE',
  '1.2.643.100.1': 'OGRN',
  '1.2.643.100.5': 'OGRNIP',
  '1.2.643.100.3': 'SNILS',
};

function stringValue(n: DerNode): string {
  const c = content(n);
  if (n.tag === TAG.BMPString) return Buffer.from(c).swap16().toString('utf16le');
  if (n.tag === TAG.T61String) return Buffer.from(c).toString('latin1');
  return Buffer.from(c).toString('utf8');
}

/** A Name as text, most specific first (CN=…, O=…, C=RU), the way certificate dialogs show it. */
export function nameText(name: DerNode): string {
  const parts: string[] = [];
  for (const rdn of children(expect(name, TAG.SEQUENCE, 'Name'))) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const t = oid(type);
      parts.push(`${ATTR[t] ?? t}=${stringValue(value)}`);
    }
  }
  return parts.reverse().join(', ');
}

function time(n: DerNode): Date {
  const s = Buffer.from(content(n)).toString('latin1');
  const m = n.tag === TAG.UTCTime ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw new KeySourceError(`Неверная дата в сертификате: ${s}`, `Bad date in the certificate: ${s}`);
  let year = Number(m[1]);
  if (n.tag === TAG.UTCTime) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  try {
    const [tbs] = children(expect(parseDer(der), TAG.SEQUENCE, 'Certificate'));
    const f = children(expect(tbs, TAG.SEQUENCE, 'TBSCertificate'));
    const rest = isContext(f[0], 0) ? f.slice(1) : f;
    const [serial, , issuer, validity, subject, spki] = rest;
    const [notBefore, notAfter] = children(expect(validity, TAG.SEQUENCE, 'Validity'));
    const algorithm = oid(children(children(expect(spki, TAG.SEQUENCE, 'SubjectPublicKeyInfo'))[0])[0]);
    const spkiDer = new Uint8Array(whole(spki));
    const gost = gostKindOfAlgorithm(algorithm);
    const publicKey: CertificateSummary['publicKey'] = gost
      ? { kind: gost, spki: spkiDer }
      : algorithm === OID.rsaEncryption
        ? { kind: 'rsa', spki: spkiDer }
        : { kind: 'other', algorithm, spki: spkiDer };
    return {
      der,
      subject: nameText(subject),
      issuer: nameText(issuer),
      serialNumber: integer(serial).toString(10),
      notBefore: time(notBefore),
      notAfter: time(notAfter),
      publicKey,
    };
  } catch (e) {
    if (e instanceof KeySourceError) throw e;
    throw new KeySourceError(`Сертификат не читается: ${(e as Error).message}`, `The certificate cannot be read: ${(e as Error).message}`);
  }
}
