import type { PublicKey } from './algorithms';
import { DerNode, TAG, children, content, expect, integer, isContext, oid, parseDer, whole } from './keys/der';
import { OID, gostKindOfAlgorithm } from './keys/gostOids';

/**
 * The X.509 fields an XAdES signature and its verifier need, read straight from the DER (with the
 * key sources' strict DER reader, keys/der.ts): node-forge's certificate parser rejects GOST keys
 * and node's X509Certificate cannot hand out a GOST public key.
 */
export interface CertificateInfo {
  readonly der: Uint8Array;
  /** RFC 4514 strings (most specific RDN first), as XAdES X509IssuerName carries them. */
  readonly subject: string;
  readonly issuer: string;
  /** Decimal, as XAdES X509SerialNumber carries it. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKey | { readonly kind: 'other'; readonly algorithm: string; readonly spki: Uint8Array };
}

/** The fields of a certificate with its names still as DER, for whoever renders them. */
export interface CertificateFields extends Omit<CertificateInfo, 'subject' | 'issuer'> {
  readonly subjectName: DerNode;
  readonly issuerName: DerNode;
}

export function certificateFields(der: Uint8Array): CertificateFields {
  const [tbs] = children(expect(parseDer(der), TAG.SEQUENCE, 'Certificate'));
  const f = children(expect(tbs, TAG.SEQUENCE, 'TBSCertificate'));
  const rest = isContext(f[0], 0) ? f.slice(1) : f;
  const [serial, , issuer, validity, subject, spki] = rest;
  const [notBefore, notAfter] = children(expect(validity, TAG.SEQUENCE, 'Validity'));
  const algorithm = oid(children(children(expect(spki, TAG.SEQUENCE, 'SubjectPublicKeyInfo'))[0])[0]);
  const spkiDer = new Uint8Array(whole(spki));
  const gost = gostKindOfAlgorithm(algorithm);
  return {
    der,
    subjectName: subject,
    issuerName: issuer,
    serialNumber: integer(serial).toString(10),
    notBefore: asn1Time(notBefore),
    notAfter: asn1Time(notAfter),
    publicKey: gost ? { kind: gost, spki: spkiDer } : algorithm === OID.rsaEncryption ? { kind: 'rsa', spki: spkiDer } : { kind: 'other', algorithm, spki: spkiDer },
  };
}

/** The certificate with RFC 4514 names, as XAdES IssuerSerial and the verifier need them. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const { subjectName, issuerName, ...fields } = certificateFields(der);
  return { ...fields, subject: rfc4514(subjectName), issuer: rfc4514(issuerName) };
}

/** The attribute types RFC 4514 §3 names; every other type is written as its OID with #hex. */
const RFC4514_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const STRING_TAGS = new Set<number>([TAG.UTF8String, TAG.PrintableString, TAG.T61String, TAG.IA5String, TAG.BMPString, 0x12 /* NumericString */, 0x1c /* UniversalString */]);

function stringValue(n: DerNode): string {
  const c = content(n);
  if (n.tag === TAG.BMPString) return Buffer.from(c).swap16().toString('utf16le');
  if (n.tag === 0x1c) {
    let s = '';
    for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0);
    return s;
  }
  if (n.tag === TAG.T61String) return Buffer.from(c).toString('latin1');
  return Buffer.from(c).toString('utf8');
}

function escapeValue(v: string): string {
  let s = v.replace(/[\\"+,;<>]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (s.startsWith(' ') || s.startsWith('#')) s = `\\${s}`;
  if (s.endsWith(' ') && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/**
 * A Name as RFC 4514 writes it (Java's X500Principal RFC2253 form): RDNs last to first, ',' between
 * them, '+' inside a multi-valued RDN, named types by their RFC 4514 keyword, other types (INN,
 * OGRN, E…) as dotted OIDs with the value's DER in hex.
 */
export function rfc4514(name: DerNode): string {
  const rdns: string[] = [];
  for (const rdn of children(expect(name, TAG.SEQUENCE, 'Name'))) {
    const parts: string[] = [];
    for (const atv of children(expect(rdn, TAG.SET, 'RelativeDistinguishedName'))) {
      const [type, value] = children(expect(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      const t = oid(type);
      const keyword = RFC4514_NAMES[t];
      parts.push(keyword && STRING_TAGS.has(value.tag) ? `${keyword}=${escapeValue(stringValue(value))}` : `${t}=#${Buffer.from(whole(value)).toString('hex')}`);
    }
    rdns.push(parts.join('+'));
  }
  return rdns.reverse().join(',');
}

function asn1Time(n: DerNode): Date {
  const s = Buffer.from(content(n)).toString('latin1');
  const m = n.tag === TAG.UTCTime ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw new Error(`bad certificate date ${s}`);
  let year = Number(m[1]);
  if (n.tag === TAG.UTCTime) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}
