import type { Operation } from '../catalog/operationCatalog';
import type { Severity } from '../validation/diagnostic';
import type { Lang } from '../validation/messages';
import type { RequestFacts, ValueElement } from './documentFacts';

/** A check GIS applies (or the field knows GIS applies) beyond the XSD. */
export interface Rule {
  /** Diagnostic code; also the key of its severity setting. */
  code: string;
  defaultSeverity: Severity;
  /** The rule's check of one document. */
  begin(ctx: RuleContext): RuleCheck;
}

/**
 * Told each value as the one scan of the document meets it (nothing is collected: a 14 MB request
 * has 300 000 of them), then the request element's facts.
 */
export interface RuleCheck {
  value?(v: ValueElement, out: Finding[]): void;
  end?(request: RequestFacts | undefined): Finding[];
}

export interface RuleContext {
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
