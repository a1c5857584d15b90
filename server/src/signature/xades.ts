import { BilingualError } from './bilingualError';
import { randomUUID } from 'node:crypto';
import { attributeValue, readDocumentShape } from '../xml/documentShape';
import type { Signer } from './algorithms';
import { canonicalize } from './c14n';
import { readCertificate } from './certificate';
import { XML_NS, loadXmlSig, type WasmDoc, type XmlSigLib } from './wasmXml';
import { escapeAttr } from '../xml/escape';
import { signatureXml, type XadesFields } from './xadesTemplate';

/**
 * The XAdES-BES enveloped signature GIS expects (GIS-FACTS §3): ds:Signature as the first child of
 * the request element (the root, or the SOAP Body's first element), Reference 1 to `#<Id>` with
 * enveloped-signature + exc-c14n, Reference 2 to xades:SignedProperties.
 *
 * The XMLDSig plumbing is our own rather than xml-crypto's SignedXml: SignedXml digests through
 * its own xmldom canonicalizer (a second C14N to prove, and seconds on a 7 MB request), has no
 * XAdES, and would need its async-less hash hooks bent around an external (CryptoPro, token)
 * signer. What is left here is small: one canonicalization of the payload, two of a few-KB
 * signature, and text insertion at offsets the scanner found.
 *
 * Nothing is re-serialized: the signature is inserted into the original text, with no whitespace
 * around it, so the bytes outside ds:Signature are the bytes the user wrote and the enveloped
 * transform gives back exactly the element that was digested.
 */

export const DEFAULT_ID = 'signed-data-container';

export class SignError extends BilingualError {}

export interface XadesSignOptions {
  /** XAdES SigningTime; now when not given. */
  readonly signingTime?: Date;
  /** The Id given to the request element when it has none. */
  readonly id?: string;
  /** Filled with where the time went (the benchmark reads it). */
  readonly timings?: SignTimings;
}

export interface SignTimings {
  parseMs: number;
  c14nMs: number;
  digestMs: number;
  signMs: number;
  totalMs: number;
  /** Size of the canonical payload that was digested. */
  canonicalBytes: number;
}

const utf8 = new TextEncoder();
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** XML Schema dateTime in UTC, whole seconds: what CryptoPro's XAdES writes too. */
export function xadesTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Signs a GIS request (bare or in a SOAP envelope); returns the document with the signature. */
export async function signXml(xml: string, signer: Signer, options: XadesSignOptions = {}): Promise<string> {
  return signXmlWith(await loadXmlSig(), xml, signer, options);
}

export async function signXmlWith(lib: XmlSigLib, xml: string, signer: Signer, options: XadesSignOptions = {}): Promise<string> {
  const t0 = performance.now();
  const shape = readDocumentShape(xml);
  const payload = shape.payload;
  if (!payload) throw new SignError('Не найден элемент запроса (корень или первый элемент SOAP Body)', 'No request element (the root or the first element of the SOAP Body)');
  if (shape.hasDoctype) throw new SignError('Документ с DOCTYPE не подписывается: в сообщениях ГИС ЖКХ DTD нет', 'A document with a DOCTYPE is not signed: GIS messages carry no DTD');

  // Ensure the Id; remember where the start tag ends in the text that is then parsed.
  let text = xml;
  let id = attributeValue(xml, payload, undefined, 'Id');
  let tagEnd = payload.startTagEnd;
  if (id === undefined) {
    id = options.id ?? DEFAULT_ID;
    const attr = ` Id="${escapeAttr(id)}"`;
    text = xml.slice(0, payload.nameEnd) + attr + xml.slice(payload.nameEnd);
    tagEnd += attr.length;
  }
  const selfClosing = text.charCodeAt(tagEnd - 2) === 0x2f; /* '/' */

  const certificate = readCertificateOrThrow(signer.certificate);
  const digest = signer.algorithm.digest;
  const timings: SignTimings = options.timings ?? { parseMs: 0, c14nMs: 0, digestMs: 0, signMs: 0, totalMs: 0, canonicalBytes: 0 };

  let t = performance.now();
  const doc = lib.parse(utf8.encode(text));
  timings.parseMs = performance.now() - t;
  let canonical: Uint8Array;
  try {
    const target = findTarget(doc, id, shape.envelope);
    if (doc.child(target, XML_NS.dsig, 'Signature') !== undefined) {
      throw new SignError('Документ уже подписан (ds:Signature в элементе запроса); удалите старую подпись', 'The document is already signed (ds:Signature in the request element); remove the old signature first');
    }
    t = performance.now();
    canonical = canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: target, sizeHint: text.length * 1.25 });
    timings.c14nMs = performance.now() - t;
  } finally {
    doc.free();
  }
  t = performance.now();
  const contentDigest = b64(digest.digest(canonical));
  timings.digestMs = performance.now() - t;
  timings.canonicalBytes = canonical.length;

  const fields: XadesFields = {
    signatureId: `xmldsig-${randomUUID()}`,
    targetId: id,
    signatureMethod: signer.algorithm.uri,
    digestMethod: digest.uri,
    contentDigest,
    signedPropertiesDigest: '',
    signatureValue: '',
    certificate: b64(signer.certificate),
    signingTime: xadesTime(options.signingTime ?? new Date()),
    certDigest: b64(digest.digest(signer.certificate)),
    issuerName: certificate.issuer,
    serialNumber: certificate.serialNumber,
  };
  // The signature's canonical parts are computed on the ds:Signature standing alone: exclusive
  // C14N renders only the prefixes an element uses (ds, xades, both declared on the signature),
  // so the document around it cannot change them.
  const propsCanonical = canonicalElement(lib, signatureXml(fields), XML_NS.xades, 'SignedProperties');
  const withProps = { ...fields, signedPropertiesDigest: b64(digest.digest(propsCanonical)) };
  const signedInfo = canonicalElement(lib, signatureXml(withProps), XML_NS.dsig, 'SignedInfo');
  t = performance.now();
  const value = await signer.sign(signedInfo);
  timings.signMs = performance.now() - t;
  const signature = signatureXml({ ...withProps, signatureValue: b64(value) });

  const out = selfClosing
    ? `${text.slice(0, tagEnd - 2)}>${signature}</${payload.qname}>${text.slice(tagEnd)}`
    : text.slice(0, tagEnd) + signature + text.slice(tagEnd);
  timings.totalMs = performance.now() - t0;
  return out;
}

function readCertificateOrThrow(der: Uint8Array) {
  try {
    return readCertificate(der);
  } catch (e) {
    throw new SignError(`Сертификат подписи не читается: ${(e as Error).message}`, `The signer's certificate cannot be read: ${(e as Error).message}`);
  }
}

/**
 * The request element, found where the shape scan found it (the root, or the Body's first element)
 * rather than by a walk over every Id of a 7 MB tree; its Id must be the one Reference 1 names.
 */
function findTarget(doc: WasmDoc, id: string, envelope: boolean): number {
  let target: number | undefined = doc.root;
  if (envelope) {
    const body = doc.elements(target).find((e) => doc.localName(e) === 'Body');
    target = body === undefined ? undefined : doc.elements(body)[0];
  }
  if (target === undefined || doc.attribute(target, 'Id') !== id) {
    throw new SignError(`Элемент запроса с Id="${id}" не найден`, `The request element with Id="${id}" was not found`);
  }
  return target;
}

function canonicalElement(lib: XmlSigLib, xml: string, ns: string, local: string): Uint8Array {
  const doc = lib.parse(utf8.encode(xml));
  try {
    const [el] = doc.descendants(ns, local);
    return canonicalize(doc, { mode: 'exc-c14n', withComments: false, subtree: el });
  } finally {
    doc.free();
  }
}
