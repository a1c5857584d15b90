import { ALG } from './algorithms';
import { XML_NS } from './wasmXml';
import { escapeAttr, escapeText } from '../xml/escape';

/**
 * The XAdES-BES ds:Signature text GIS expects (the shape of the signatures in GIS's integration
 * samples and CryptoPro's XAdES): written without whitespace between elements, so what the signer
 * canonicalizes is exactly what it inserts and no verifier has whitespace to disagree about.
 */
export interface XadesFields {
  /** The Id the signature's own elements derive theirs from (xmldsig-<uuid>). */
  readonly signatureId: string;
  /** The Id of the signed element (Reference 1 points to it). */
  readonly targetId: string;
  readonly signatureMethod: string;
  readonly digestMethod: string;
  readonly contentDigest: string;
  readonly signedPropertiesDigest: string;
  readonly signatureValue: string;
  readonly certificate: string;
  readonly signingTime: string;
  readonly certDigest: string;
  readonly issuerName: string;
  readonly serialNumber: string;
}

export const signedPropertiesId = (signatureId: string): string => `${signatureId}-signedprops`;

export function signedPropertiesXml(f: Pick<XadesFields, 'signatureId' | 'digestMethod' | 'signingTime' | 'certDigest' | 'issuerName' | 'serialNumber'>): string {
  return (
    `<xades:SignedProperties Id="${escapeAttr(signedPropertiesId(f.signatureId))}">` +
    '<xades:SignedSignatureProperties>' +
    `<xades:SigningTime>${escapeText(f.signingTime)}</xades:SigningTime>` +
    '<xades:SigningCertificate><xades:Cert><xades:CertDigest>' +
    `<ds:DigestMethod Algorithm="${escapeAttr(f.digestMethod)}"/>` +
    `<ds:DigestValue>${f.certDigest}</ds:DigestValue>` +
    '</xades:CertDigest><xades:IssuerSerial>' +
    `<ds:X509IssuerName>${escapeText(f.issuerName)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${f.serialNumber}</ds:X509SerialNumber>` +
    '</xades:IssuerSerial></xades:Cert></xades:SigningCertificate>' +
    '</xades:SignedSignatureProperties>' +
    '</xades:SignedProperties>'
  );
}

export function signedInfoXml(f: Pick<XadesFields, 'signatureId' | 'targetId' | 'signatureMethod' | 'digestMethod' | 'contentDigest' | 'signedPropertiesDigest'>): string {
  const dm = `<ds:DigestMethod Algorithm="${escapeAttr(f.digestMethod)}"/>`;
  return (
    '<ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${ALG.exc_c14n}"/>` +
    `<ds:SignatureMethod Algorithm="${escapeAttr(f.signatureMethod)}"/>` +
    `<ds:Reference Id="${escapeAttr(f.signatureId)}-ref0" URI="#${escapeAttr(f.targetId)}">` +
    `<ds:Transforms><ds:Transform Algorithm="${ALG.enveloped}"/><ds:Transform Algorithm="${ALG.exc_c14n}"/></ds:Transforms>` +
    `${dm}<ds:DigestValue>${f.contentDigest}</ds:DigestValue>` +
    '</ds:Reference>' +
    `<ds:Reference Type="${ALG.signed_properties_type}" URI="#${escapeAttr(signedPropertiesId(f.signatureId))}">` +
    `<ds:Transforms><ds:Transform Algorithm="${ALG.exc_c14n}"/></ds:Transforms>` +
    `${dm}<ds:DigestValue>${f.signedPropertiesDigest}</ds:DigestValue>` +
    '</ds:Reference>' +
    '</ds:SignedInfo>'
  );
}

/** The whole ds:Signature; ds and xades are declared on it, so it stands alone as a document too. */
export function signatureXml(f: XadesFields): string {
  return (
    `<ds:Signature xmlns:ds="${XML_NS.dsig}" Id="${escapeAttr(f.signatureId)}">` +
    signedInfoXml(f) +
    `<ds:SignatureValue Id="${escapeAttr(f.signatureId)}-sigvalue">${f.signatureValue}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${f.certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${XML_NS.xades}" Target="#${escapeAttr(f.signatureId)}">` +
    signedPropertiesXml(f) +
    '</xades:QualifyingProperties></ds:Object>' +
    '</ds:Signature>'
  );
}
