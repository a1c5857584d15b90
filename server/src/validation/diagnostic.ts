import type { TextPosition } from '../xml/lineIndex';

/** A problem found in a document, independent of VS Code and LSP (the CLI prints the same). */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export interface GisDiagnostic {
  /** 0-based lines, UTF-16 characters, over the text as given (BOM included). */
  range: TextRange;
  severity: Severity;
  code: string;
  message: string;
  /** The 1-based line libxml2 named, for problems libxml2 reported. */
  libxmlLine?: number;
  /** What a code action needs (quick fixes of a rule), passed through LSP untouched. */
  data?: unknown;
}
