import type { Signer } from './signature/algorithms';
import { verifyXmlWith } from './signature/verify';
import { VerifyFailure, failureText } from './signature/verifyResult';
import { loadXmlSig, loadedXmlSig } from './signature/wasmXml';
import { signXml } from './signature/xades';
import { CertificateSummary, summarizeCertificate } from './signature/keys/certificateFile';
import type { GisDiagnostic } from './validation/diagnostic';
import type { Lang } from './validation/messages';
import { LineIndex } from './xml/lineIndex';

/**
 * Signing and verification as the CLI, the VS Code commands and the validator use them: one
 * place that turns the XML-signature engine's results into messages and diagnostics.
 *
 * The XAdES engine itself is signature/xades.ts and signature/verify.ts; `engineSign` and
 * `engineVerify` below are the only calls into it.
 */

export interface SignatureCheck {
  /** The document carries a ds:Signature at all. */
  readonly present: boolean;
  readonly valid: boolean;
  readonly failure?: VerifyFailure;
  readonly certificate?: CertificateSummary;
  /** Offsets of the ds:Signature start tag's name, for the diagnostic's range. */
  readonly nameStart?: number;
  readonly nameEnd?: number;
}

export interface SignOptions {
  /** XAdES SigningTime; now when not given. */
  readonly signingTime?: Date;
}

/** The XML signature engine (its libxml2 instance) is not loaded: call `loadSignatureEngine()` first. */
export class SignatureEngineMissing extends Error {
  constructor() {
    super('the XML signature engine is not loaded');
  }
}

/** Loads the XML signature engine once (libxml2 in WebAssembly); after it, verification is synchronous. */
export async function loadSignatureEngine(): Promise<void> {
  await loadXmlSig();
}

/** The signed document: ds:Signature placed as the first child of the request element. */
export async function signDocument(xml: string, signer: Signer, options: SignOptions = {}): Promise<string> {
  return engineSign(xml, signer, options);
}

/** Checks every ds:Signature reference, the signature value and the certificate. */
export function verifyDocument(xml: string, now: Date = new Date()): SignatureCheck {
  const where = findSignature(xml);
  if (!where) return { present: false, valid: false };
  return { ...engineVerify(xml, now), present: true, ...where };
}

// --- The XML-signature engine's entry points (signature/xades.ts, signature/verify.ts). ---

async function engineSign(xml: string, signer: Signer, options: SignOptions): Promise<string> {
  return signXml(xml, signer, { signingTime: options.signingTime });
}

function engineVerify(xml: string, now: Date): Omit<SignatureCheck, 'present' | 'nameStart' | 'nameEnd'> {
  const lib = loadedXmlSig();
  if (!lib) throw new SignatureEngineMissing();
  const r = verifyXmlWith(lib, xml, { now });
  return { valid: r.valid, failure: r.failure, certificate: r.certificate && summarizeCertificate(r.certificate.der) };
}

// --- Messages and diagnostics. ---

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * The first ds:Signature start tag (name offsets). A plain scan: the prefix must be bound to the
 * XMLDSig namespace somewhere in the document, which is how GIS documents declare it.
 */
export function findSignature(xml: string): { nameStart: number; nameEnd: number } | undefined {
  if (!xml.includes(DSIG_NS)) return undefined;
  const prefixes = new Set<string>();
  for (const m of xml.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']http:\/\/www\.w3\.org\/2000\/09\/xmldsig#["']/g)) prefixes.add(m[1] ?? '');
  for (const m of xml.matchAll(/<(?:([\w.-]+):)?Signature(?=[\s>/])/g)) {
    if (prefixes.has(m[1] ?? '')) return { nameStart: m.index + 1, nameEnd: m.index + m[0].length };
  }
  return undefined;
}

/** The signer's certificate as the document's KeyInfo carries it (the first ds:X509Certificate). */
export function documentCertificate(xml: string): CertificateSummary | undefined {
  if (!findSignature(xml)) return undefined;
  const m = /<(?:[\w.-]+:)?X509Certificate(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?X509Certificate\s*>/.exec(xml);
  if (!m) return undefined;
  const der = new Uint8Array(Buffer.from(m[1].replace(/&#13;|&#xD;|\s+/gi, ''), 'base64'));
  return summarizeCertificate(der);
}

function date(d: Date, lang: Lang): string {
  return d.toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
}

/** «Подпись верна: <subject>, действителен до …» / «Подпись неверна: …». */
export function checkText(c: SignatureCheck, lang: Lang, now: Date = new Date()): string {
  const ru = lang === 'ru';
  if (!c.present) return ru ? 'Документ не подписан' : 'The document is not signed';
  if (!c.valid) return (ru ? 'Подпись неверна: ' : 'Bad signature: ') + (c.failure ? failureText(c.failure, lang) : ru ? 'причина не указана' : 'no reason given');
  const cert = c.certificate;
  if (!cert) return ru ? 'Подпись верна' : 'Good signature';
  const expired = cert.notAfter.getTime() < now.getTime();
  const until = ru ? `${expired ? 'сертификат истёк' : 'действителен до'} ${date(cert.notAfter, lang)}` : `${expired ? 'certificate expired' : 'valid until'} ${date(cert.notAfter, lang)}`;
  return `${ru ? 'Подпись верна' : 'Good signature'}: ${cert.subject}, ${until}`;
}

/**
 * The validator's diagnostic for a signed document: information when the signature holds, an
 * error when it does not; nothing for an unsigned one (the gis-unsigned-import rule covers that)
 * or while the signature engine is not available.
 */
export function signatureDiagnostics(text: string, lang: Lang, options: { lines?: LineIndex; now?: Date } = {}): GisDiagnostic[] {
  if (!findSignature(text)) return [];
  let check: SignatureCheck;
  try {
    check = verifyDocument(text, options.now);
  } catch (e) {
    if (e instanceof SignatureEngineMissing) return [];
    const message = (e as Error).message;
    const where = findSignature(text)!;
    check = { present: true, valid: false, failure: { kind: 'structure', detail: { ru: message, en: message } }, ...where };
  }
  const lines = options.lines ?? new LineIndex(text);
  const range = { start: lines.positionAt(check.nameStart ?? 0), end: lines.positionAt(check.nameEnd ?? 0) };
  return [{ range, severity: check.valid ? 'information' : 'error', code: 'gis-signature', message: checkText(check, lang, options.now) }];
}
