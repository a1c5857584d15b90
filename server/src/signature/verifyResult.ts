import type { Lang } from '../validation/messages';
import type { CertificateInfo } from './certificate';

/** Text in both languages: the engine does not know who prints it (CLI, VS Code, a test). */
export interface Bilingual {
  readonly ru: string;
  readonly en: string;
}

export const bi = (ru: string, en: string): Bilingual => ({ ru, en });

/** Why a signature does not hold, the first problem in verification order. */
export type VerifyFailure =
  | { readonly kind: 'reference-digest'; readonly reference: string }
  | { readonly kind: 'signing-certificate'; readonly detail: Bilingual }
  | { readonly kind: 'signature-value' }
  | { readonly kind: 'certificate'; readonly detail: Bilingual }
  | { readonly kind: 'unsupported-algorithm'; readonly uri: string }
  | { readonly kind: 'structure'; readonly detail: Bilingual };

export interface ReferenceOutcome {
  /** The URI as written (#signed-data-container, #xmldsig-…-signedprops, ''). */
  readonly uri: string;
  readonly type?: string;
  readonly digestMethod: string;
  readonly ok: boolean;
  /** Base64 of what the document claims and what the canonical bytes hash to. */
  readonly expected: string;
  readonly actual?: string;
  readonly problem?: Bilingual;
}

export interface VerifyResult {
  /** A ds:Signature was found at all. */
  readonly present: boolean;
  readonly valid: boolean;
  readonly failure?: VerifyFailure;
  readonly signatureMethod?: string;
  readonly references: readonly ReferenceOutcome[];
  /** Undefined when verification stopped before the signature value. */
  readonly signatureValueOk?: boolean;
  /** CertDigest and IssuerSerial of SignedProperties against the KeyInfo certificate. */
  readonly signingCertificateOk?: boolean;
  readonly certificate?: CertificateInfo;
  readonly signingTime?: Date;
  /** The certificate was outside its validity period at `now` (a warning; validity is judged at SigningTime). */
  readonly expiredNow?: boolean;
  /** How many ds:Signature elements the document has; the first is the one verified. */
  readonly signatureCount: number;
}

export function failureText(f: VerifyFailure, lang: Lang): string {
  const ru = lang === 'ru';
  switch (f.kind) {
    case 'reference-digest':
      return ru ? `не совпадает дайджест ссылки ${f.reference}` : `the digest of reference ${f.reference} does not match`;
    case 'signing-certificate':
      return (ru ? 'сертификат в KeyInfo не тот, что назван в SigningCertificate: ' : 'the KeyInfo certificate is not the one SigningCertificate names: ') + f.detail[lang];
    case 'signature-value':
      return ru ? 'значение подписи (SignatureValue) не сходится с ключом сертификата' : "the SignatureValue does not match the certificate's key";
    case 'certificate':
      return (ru ? 'сертификат: ' : 'certificate: ') + f.detail[lang];
    case 'unsupported-algorithm':
      return ru ? `алгоритм не поддерживается: ${f.uri}` : `unsupported algorithm: ${f.uri}`;
    case 'structure':
      return (ru ? 'подпись составлена неверно: ' : 'the signature is malformed: ') + f.detail[lang];
  }
}

/** «Подпись верна: CN=…» / «Подпись неверна: не совпадает дайджест ссылки #…». */
export function verifyText(r: VerifyResult, lang: Lang): string {
  const ru = lang === 'ru';
  if (!r.present) return ru ? 'Документ не подписан' : 'The document is not signed';
  if (!r.valid) return (ru ? 'Подпись неверна: ' : 'Bad signature: ') + (r.failure ? failureText(r.failure, lang) : '?');
  const who = r.certificate ? `: ${r.certificate.subject}` : '';
  return (ru ? 'Подпись верна' : 'Good signature') + who;
}
