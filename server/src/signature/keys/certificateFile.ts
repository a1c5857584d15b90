import { CertificateInfo, certificateFields } from '../certificate';
import { DerNode, TAG, children, content, expect, oid, parseDer } from './der';
import { KeySourceError } from './keyErrors';
import { looksLikePem, pemBlocks } from './pem';

/**
 * What the signing commands show and check of a certificate: the fields the XAdES code reads
 * (signature/certificate.ts), with names written the way certificate dialogs show them.
 */
export type CertificateSummary = CertificateInfo;

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

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  try {
    const { subjectName, issuerName, ...fields } = certificateFields(der);
    return { ...fields, subject: nameText(subjectName), issuer: nameText(issuerName) };
  } catch (e) {
    throw new KeySourceError(`Сертификат не читается: ${(e as Error).message}`, `The certificate cannot be read: ${(e as Error).message}`);
  }
}
