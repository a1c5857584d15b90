import { ALG, type DigestAlgorithm, type PublicKey } from './algorithms';
import { digestAlgorithm, signatureAlgorithm } from './algorithmRegistry';
import { C14N_METHODS, canonicalize, type C14nMethod } from './c14n';
import { readCertificate, type CertificateInfo } from './certificate';
import { sameName } from './distinguishedName';
import { bi, type Bilingual, type ReferenceOutcome, type VerifyFailure, type VerifyResult } from './verifyResult';
import { XML_NS, XmlSigError, loadXmlSig, type WasmDoc, type XmlSigLib } from './wasmXml';

/**
 * Verification of an enveloped XMLDSig / XAdES-BES signature, ours or GIS's: every Reference's
 * digest over its transforms, SigningCertificate against the KeyInfo certificate, the
 * SignatureValue over canonical SignedInfo, the certificate's validity at SigningTime.
 *
 * Checked in that order, and the first problem is the reason given: a changed payload is «не
 * совпадает дайджест ссылки #…» rather than a bad SignatureValue, and a replaced certificate is a
 * SigningCertificate mismatch rather than a key that does not fit.
 */

const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

export interface VerifyOptions {
  /** The moment "expired now" is judged at; the clock when absent. */
  readonly now?: Date;
}

export async function verifyXml(xml: string | Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifyXmlWith(await loadXmlSig(), xml, options);
}

/** Synchronous verification on a loaded libxml2 (see wasmXml.loadedXmlSig). */
export function verifyXmlWith(lib: XmlSigLib, xml: string | Uint8Array, options: VerifyOptions = {}): VerifyResult {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  let doc: WasmDoc;
  try {
    doc = lib.parse(bytes);
  } catch (e) {
    return fail(undefined, 0, [], { kind: 'structure', detail: bi(`документ не разбирается: ${(e as Error).message}`, `the document cannot be parsed: ${(e as Error).message}`) });
  }
  try {
    return new Verification(doc, options.now ?? new Date()).run();
  } finally {
    doc.free();
  }
}

class StructureError extends Error {
  constructor(readonly detail: Bilingual) {
    super(detail.en);
  }
}

class UnsupportedError extends Error {
  constructor(readonly uri: string) {
    super(uri);
  }
}

function fail(partial: Partial<VerifyResult> | undefined, count: number, references: readonly ReferenceOutcome[], failure: VerifyFailure): VerifyResult {
  return { ...partial, present: count > 0 || partial?.present === true, valid: false, failure, references, signatureCount: count };
}

function base64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

class Verification {
  private readonly references: ReferenceOutcome[] = [];

  constructor(
    private readonly doc: WasmDoc,
    private readonly now: Date,
  ) {}

  run(): VerifyResult {
    const doc = this.doc;
    const signatures = doc.descendants(XML_NS.dsig, 'Signature');
    const count = signatures.length;
    if (count === 0) return { present: false, valid: false, references: [], signatureCount: 0 };
    const sig = signatures[0];
    const partial: { -readonly [K in keyof VerifyResult]?: VerifyResult[K] } = { present: true };
    try {
      const signedInfo = this.need(sig, XML_NS.dsig, 'SignedInfo');
      const c14nMethod = this.c14nOf(this.need(signedInfo, XML_NS.dsig, 'CanonicalizationMethod'));
      const methodUri = this.algorithmOf(this.need(signedInfo, XML_NS.dsig, 'SignatureMethod'));
      partial.signatureMethod = methodUri;
      const method = signatureAlgorithm(methodUri);
      if (!method) throw new UnsupportedError(methodUri);

      let firstBad: string | undefined;
      let propertiesEl: number | undefined;
      for (const ref of doc.elements(signedInfo).filter((e) => doc.is(e, XML_NS.dsig, 'Reference'))) {
        const outcome = this.reference(ref, sig);
        this.references.push(outcome.result);
        if (!outcome.result.ok && firstBad === undefined) firstBad = outcome.result.uri || '""';
        if (outcome.result.type === ALG.signed_properties_type || (outcome.target !== undefined && doc.is(outcome.target, XML_NS.xades, 'SignedProperties'))) {
          propertiesEl = outcome.target;
        }
      }
      if (this.references.length === 0) throw new StructureError(bi('в SignedInfo нет ни одной ссылки (Reference)', 'SignedInfo has no Reference'));
      if (firstBad !== undefined) return fail(partial, count, this.references, { kind: 'reference-digest', reference: firstBad });

      const certificate = this.certificate(sig);
      partial.certificate = certificate;
      partial.expiredNow = this.now < certificate.notBefore || this.now > certificate.notAfter;

      // XAdES: the signed properties name the certificate; plain XMLDSig has none to compare.
      let signingTime: Date | undefined;
      if (propertiesEl !== undefined) {
        signingTime = this.signingTime(propertiesEl);
        partial.signingTime = signingTime;
        const mismatch = this.signingCertificate(propertiesEl, certificate);
        partial.signingCertificateOk = mismatch === undefined;
        if (mismatch) return fail(partial, count, this.references, { kind: 'signing-certificate', detail: mismatch });
      }

      if (certificate.publicKey.kind === 'other') {
        return fail(partial, count, this.references, { kind: 'certificate', detail: bi(`ключ сертификата не ГОСТ и не RSA (${certificate.publicKey.algorithm})`, `the certificate key is neither GOST nor RSA (${certificate.publicKey.algorithm})`) });
      }
      const signedInfoBytes = canonicalize(doc, { ...c14nMethod, subtree: signedInfo, inclusivePrefixes: this.inclusivePrefixes(this.need(signedInfo, XML_NS.dsig, 'CanonicalizationMethod')) });
      let ok: boolean;
      try {
        ok = method.verify(signedInfoBytes, base64(doc.text(this.need(sig, XML_NS.dsig, 'SignatureValue'))), certificate.publicKey as PublicKey);
      } catch (e) {
        return fail(partial, count, this.references, { kind: 'certificate', detail: bi(`ключ сертификата не подходит к методу подписи: ${(e as Error).message}`, `the certificate key does not suit the signature method: ${(e as Error).message}`) });
      }
      partial.signatureValueOk = ok;
      if (!ok) return fail(partial, count, this.references, { kind: 'signature-value' });

      const at = signingTime ?? this.now;
      if (at < certificate.notBefore || at > certificate.notAfter) {
        const when = signingTime ? bi('на момент подписи (SigningTime)', 'at SigningTime') : bi('сейчас', 'now');
        return fail(partial, count, this.references, {
          kind: 'certificate',
          detail: bi(`не действует ${when.ru}: срок ${iso(certificate.notBefore)} – ${iso(certificate.notAfter)}`, `not valid ${when.en}: valid ${iso(certificate.notBefore)} – ${iso(certificate.notAfter)}`),
        });
      }
      return { ...partial, present: true, valid: true, references: this.references, signatureCount: count };
    } catch (e) {
      if (e instanceof StructureError) return fail(partial, count, this.references, { kind: 'structure', detail: e.detail });
      if (e instanceof UnsupportedError) return fail(partial, count, this.references, { kind: 'unsupported-algorithm', uri: e.uri });
      if (e instanceof XmlSigError) return fail(partial, count, this.references, { kind: 'structure', detail: bi(e.message, e.message) });
      throw e;
    }
  }

  private need(parent: number, ns: string, local: string): number {
    const el = this.doc.child(parent, ns, local);
    if (el === undefined) throw new StructureError(bi(`нет элемента ${local} в ${this.doc.localName(parent)}`, `${this.doc.localName(parent)} has no ${local}`));
    return el;
  }

  private algorithmOf(el: number): string {
    const a = this.doc.attribute(el, 'Algorithm');
    if (!a) throw new StructureError(bi(`у ${this.doc.localName(el)} нет атрибута Algorithm`, `${this.doc.localName(el)} has no Algorithm`));
    return a;
  }

  private c14nOf(el: number): C14nMethod {
    const uri = this.algorithmOf(el);
    const m = C14N_METHODS[uri];
    if (!m) throw new UnsupportedError(uri);
    return m;
  }

  private inclusivePrefixes(el: number): string[] | undefined {
    const inc = this.doc.child(el, EXC_C14N_NS, 'InclusiveNamespaces');
    const list = inc === undefined ? undefined : this.doc.attribute(inc, 'PrefixList');
    return list ? list.split(/\s+/).filter(Boolean) : undefined;
  }

  private digestOf(ref: number): DigestAlgorithm {
    const uri = this.algorithmOf(this.need(ref, XML_NS.dsig, 'DigestMethod'));
    const d = digestAlgorithm(uri);
    if (!d) throw new UnsupportedError(uri);
    return d;
  }

  /** One Reference: dereference, apply the transforms, digest, compare. */
  private reference(ref: number, sig: number): { result: ReferenceOutcome; target?: number } {
    const doc = this.doc;
    const uri = doc.attribute(ref, 'URI') ?? '';
    const type = doc.attribute(ref, 'Type');
    const digest = this.digestOf(ref);
    const expected = doc.text(this.need(ref, XML_NS.dsig, 'DigestValue')).replace(/\s+/g, '');
    const base = { uri, type, digestMethod: digest.uri, expected };

    let target: number | undefined;
    if (uri.startsWith('#') && !uri.startsWith('#xpointer(')) {
      target = doc.elementById(decodeURIComponent(uri.slice(1)));
      if (target === undefined) throw new StructureError(bi(`ссылка ${uri} указывает на несуществующий элемент`, `reference ${uri} points to no element`));
    } else if (uri !== '' && uri !== '#xpointer(/)') {
      throw new StructureError(bi(`ссылки вне документа не поддерживаются (${uri})`, `references outside the document are not supported (${uri})`));
    }

    let exclude: number | undefined;
    // Without a canonicalization transform a node set becomes octets by inclusive C14N 1.0.
    let method: C14nMethod = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'];
    let prefixes: string[] | undefined;
    let canonicalizations = 0;
    const transforms = doc.child(ref, XML_NS.dsig, 'Transforms');
    for (const t of transforms === undefined ? [] : doc.elements(transforms)) {
      const alg = this.algorithmOf(t);
      if (alg === ALG.enveloped) {
        exclude = sig;
      } else if (C14N_METHODS[alg]) {
        if (++canonicalizations > 1) throw new UnsupportedError(`${alg} (a second canonicalization)`);
        method = C14N_METHODS[alg];
        prefixes = this.inclusivePrefixes(t);
      } else {
        throw new UnsupportedError(alg);
      }
    }
    // Comments never survive a same-document URI (XMLDSig §4.3.3.3), whatever the transform says.
    const bytes = canonicalize(doc, { mode: method.mode, withComments: uri.startsWith('#xpointer(') && method.withComments, subtree: target, exclude, inclusivePrefixes: prefixes });
    const actual = b64(digest.digest(bytes));
    const ok = actual === expected;
    return { result: { ...base, ok, actual, problem: ok ? undefined : bi(`не совпадает дайджест ссылки ${uri}`, `the digest of reference ${uri} does not match`) }, target };
  }

  private certificate(sig: number): CertificateInfo {
    const doc = this.doc;
    const keyInfo = this.need(sig, XML_NS.dsig, 'KeyInfo');
    const data = this.need(keyInfo, XML_NS.dsig, 'X509Data');
    const cert = this.need(data, XML_NS.dsig, 'X509Certificate');
    try {
      return readCertificate(base64(doc.text(cert)));
    } catch (e) {
      throw new StructureError(bi(`сертификат в KeyInfo не читается: ${(e as Error).message}`, `the KeyInfo certificate cannot be read: ${(e as Error).message}`));
    }
  }

  private signingTime(props: number): Date | undefined {
    const doc = this.doc;
    const ssp = doc.child(props, XML_NS.xades, 'SignedSignatureProperties');
    const st = ssp === undefined ? undefined : doc.child(ssp, XML_NS.xades, 'SigningTime');
    if (st === undefined) return undefined;
    const d = new Date(doc.text(st).trim());
    if (Number.isNaN(d.getTime())) throw new StructureError(bi(`SigningTime не дата: ${doc.text(st)}`, `SigningTime is not a date: ${doc.text(st)}`));
    return d;
  }

  /** Undefined when SigningCertificate names this certificate (some Cert entry matches). */
  private signingCertificate(props: number, certificate: CertificateInfo): Bilingual | undefined {
    const doc = this.doc;
    const ssp = this.need(props, XML_NS.xades, 'SignedSignatureProperties');
    const sc = doc.child(ssp, XML_NS.xades, 'SigningCertificate') ?? doc.child(ssp, XML_NS.xades, 'SigningCertificateV2');
    if (sc === undefined) return bi('в SignedProperties нет SigningCertificate', 'SignedProperties has no SigningCertificate');
    let problem: Bilingual | undefined;
    for (const cert of doc.elements(sc).filter((e) => doc.is(e, XML_NS.xades, 'Cert'))) {
      const certDigest = this.need(cert, XML_NS.xades, 'CertDigest');
      const digest = this.digestOf(certDigest);
      const claimed = doc.text(this.need(certDigest, XML_NS.dsig, 'DigestValue')).replace(/\s+/g, '');
      if (b64(digest.digest(certificate.der)) !== claimed) {
        problem ??= bi('CertDigest не совпадает с дайджестом сертификата', "CertDigest does not match the certificate's digest");
        continue;
      }
      const issuerSerial = doc.child(cert, XML_NS.xades, 'IssuerSerial');
      if (issuerSerial !== undefined) {
        const serial = doc.text(this.need(issuerSerial, XML_NS.dsig, 'X509SerialNumber')).trim();
        if (!/^\d+$/.test(serial) || BigInt(serial).toString() !== certificate.serialNumber) {
          return bi(`X509SerialNumber ${serial} ≠ серийный номер сертификата ${certificate.serialNumber}`, `X509SerialNumber ${serial} is not the certificate's serial ${certificate.serialNumber}`);
        }
        const issuer = doc.text(this.need(issuerSerial, XML_NS.dsig, 'X509IssuerName'));
        if (!sameName(issuer, certificate.issuer)) {
          return bi(`X509IssuerName «${issuer}» ≠ издатель сертификата «${certificate.issuer}»`, `X509IssuerName "${issuer}" is not the certificate's issuer "${certificate.issuer}"`);
        }
      }
      return undefined;
    }
    return problem ?? bi('в SigningCertificate нет Cert', 'SigningCertificate has no Cert');
  }
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
