import type { Operation } from '../catalog/operationCatalog';
import type { Severity } from '../validation/diagnostic';
import type { Lang } from '../validation/messages';
import type { DocumentFacts } from './documentFacts';

/** A check GIS applies (or the field knows GIS applies) beyond the XSD. */
export interface Rule {
  /** Diagnostic code; also the key of its severity setting. */
  code: string;
  defaultSeverity: Severity;
  check(ctx: RuleContext): Finding[];
}

export interface RuleContext {
  facts: DocumentFacts;
  /** The operation the document is a request of; undefined for answers. */
  operation?: Operation;
  /** The base:version values the payload may carry (request or result); empty when unknown. */
  versions: readonly string[];
  lang: Lang;
  now: Date;
}

export interface TextFix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface Finding {
  start: number;
  end: number;
  message: string;
  fixes?: TextFix[];
}

export function say(lang: Lang, ru: string, en: string): string {
  return lang === 'ru' ? ru : en;
}
