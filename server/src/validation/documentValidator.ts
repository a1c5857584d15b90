import { BindOutcome, Binding, FAULT_LOOKAHEAD, bindDocument } from '../catalog/binding';
import type { PackageContents } from '../catalog/packageContents';
import { describePackage } from '../catalog/schemaPackage';
import { DocumentShape, readDocumentShape } from '../xml/documentShape';
import { LineIndex } from '../xml/lineIndex';
import { DocumentText } from '../xml/documentText';
import { toParserBytes } from '../xml/parserText';
import { bindingDiagnostics } from './bindingChecks';
import { RuleSeverity, runRules } from '../rules/ruleRunner';
import { signatureDiagnostics } from '../signatureService';
import type { GisDiagnostic } from './diagnostic';
import { Libxml, ProblemSink, SAFE_PARSE } from './libxml';
import type { Lang } from './messages';
import { problemDiagnostics } from './problemDiagnostics';
import { SchemaSets } from './schemaSets';
import { syntaxMessage, syntaxRange } from './syntaxErrors';

/**
 * The validation engine shared by the language server and the CLI: bind the document to a
 * schema of the chosen package, parse it with libxml2, validate, and turn what libxml2 says into
 * diagnostics placed on exact ranges. Free of the `vscode` module.
 */
export type Verdict = 'valid' | 'invalid' | 'malformed' | 'unbound';

export interface BindingSummary {
  kind: Binding['kind'];
  namespace: string;
  element?: string;
  operation?: string;
  service?: string;
  soapAction?: string;
  headerKind?: string;
  envelope: boolean;
  requestVersion?: string;
  acceptedVersions?: string[];
  packageKey: string;
  packageVersion: string;
  packageLabel: string;
  /** Absolute path of the XSD that validated the document. */
  schemaFile: string;
}

export interface ValidationReport {
  verdict: Verdict;
  binding?: BindingSummary;
  diagnostics: GisDiagnostic[];
  /** Problems libxml2 reported in all, including those beyond the limit. */
  totalProblems: number;
  timings: { parseMs: number; compileMs: number; validateMs: number; mapMs: number };
}

export interface ValidationOptions {
  lang: Lang;
  maxProblems: number;
  /** Checks beyond the XSD; they add diagnostics but never change the schema verdict. */
  rules?: { enabled: boolean; severity?: Readonly<Record<string, RuleSeverity>> };
  /** "Today" for date rules (tests pin it). */
  now?: Date;
}

const DOCUMENT_URL = 'gis-zhkh:/document.xml';

export class DocumentValidator {
  constructor(
    private readonly libxml: Libxml,
    private readonly schemaSets: SchemaSets,
  ) {}

  /** Validates a document given as text, or as a DocumentText (UTF-8 bytes from another thread). */
  validate(input: string | DocumentText, contents: PackageContents, options: ValidationOptions): ValidationReport {
    const timings = { parseMs: 0, compileMs: 0, validateMs: 0, mapMs: 0 };
    const doc = typeof input === 'string' ? DocumentText.fromString(input) : input;
    const { shape, text: shapeText } = readShape(doc);
    const outcome = bindDocument(shape, shapeText, contents);
    if (outcome.status === 'unbound') return { verdict: 'unbound', diagnostics: [], totalProblems: 0, timings };
    // Every range below is an offset into the document's own text, decoded only if needed.
    const lines = new LineIndex(() => doc.text);
    if (outcome.status === 'no-schema') {
      return { verdict: 'unbound', diagnostics: [noSchemaDiagnostic(outcome, contents, lines, options.lang)], totalProblems: 0, timings };
    }
    const binding = outcome.binding;
    const summary = summarize(binding, contents, options.lang);
    const prep = toParserBytes(doc.bytes);
    const sink: ProblemSink = { problems: [], total: 0, limit: options.maxProblems };

    let t = performance.now();
    const xml = this.libxml.parse(prep.bytes, DOCUMENT_URL, SAFE_PARSE, sink);
    timings.parseMs = performance.now() - t;
    try {
      const syntax = sink.problems.map((p) => {
        // libxml2 counts line 1's columns after the BOM it was not given.
        const [s, e] = syntaxRange(doc.text, (l) => lines.lineStart(l) + (l === 0 ? prep.shift : 0), p.line, p.column, p.code, p.message);
        return {
          range: { start: lines.positionAt(s), end: lines.positionAt(e) },
          severity: p.level >= 2 ? 'error' : 'warning',
          code: 'xml-syntax',
          message: syntaxMessage(p.message, options.lang),
          libxmlLine: p.line,
        } satisfies GisDiagnostic;
      });
      if (!xml || syntax.some((d) => d.severity === 'error')) {
        return { verdict: 'malformed', binding: summary, diagnostics: syntax, totalProblems: sink.total, timings };
      }
      // What is left are the parser's warnings (a relative namespace URI…): kept, before the schema's errors.
      const warnings = sink.problems.length;

      t = performance.now();
      const schema = this.schemaSets.get(contents.pkg, binding.namespace, binding.schemaRel);
      timings.compileMs = performance.now() - t;
      if (!('handle' in schema)) {
        const first = schema.problems[0];
        const where = binding.payload ?? shape.root;
        const range = where
          ? { start: lines.positionAt(where.nameStart), end: lines.positionAt(where.nameEnd) }
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const message =
          options.lang === 'ru'
            ? `Схема ${summary.schemaFile} пакета ${summary.packageLabel} не компилируется: ${first?.message ?? 'неизвестная ошибка'}`
            : `Schema ${summary.schemaFile} of package ${summary.packageLabel} does not compile: ${first?.message ?? 'unknown error'}`;
        return { verdict: 'invalid', binding: summary, diagnostics: [{ range, severity: 'error', code: 'schema-compile', message }], totalProblems: 1, timings };
      }

      t = performance.now();
      this.libxml.validate(schema.handle, xml, sink);
      timings.validateMs = performance.now() - t;

      t = performance.now();
      const diagnostics = [
        ...syntax,
        ...problemDiagnostics(sink.problems.slice(warnings), { document: doc, lines, shape, binding, contents, lang: options.lang }),
        ...bindingDiagnostics(shape, binding, lines, options.lang),
      ];
      timings.mapMs = performance.now() - t;
      const verdict = diagnostics.some((d) => d.severity === 'error') ? 'invalid' : 'valid';
      if (options.rules?.enabled !== false) {
        const operation = binding.kind === 'request' ? binding.operation : undefined;
        const payload = binding.payload && { start: binding.payload.start, operation, versions: payloadVersions(binding) };
        diagnostics.push(...runRules(doc.text, payload, lines, { lang: options.lang, severity: options.rules?.severity, now: options.now }));
      }
      // A signed document says whether its signature holds; that never changes the schema verdict either.
      if (options.rules?.enabled !== false && options.rules?.severity?.['gis-signature'] !== 'off') diagnostics.push(...signatureDiagnostics(doc.text, options.lang, { lines, now: options.now }));
      return { verdict, binding: summary, diagnostics, totalProblems: sink.total, timings };
    } finally {
      this.libxml.freeDocument(xml);
    }
  }
}

function summarize(b: Binding, contents: PackageContents, lang: Lang): BindingSummary {
  const op = b.operation;
  return {
    kind: b.kind,
    namespace: b.namespace,
    element: b.payload?.local,
    // getStateRequest is the same element for every service: the operation is known, the service is not.
    operation: op?.name ?? (b.kind === 'state-request' ? 'getState' : undefined),
    service: b.service,
    soapAction: b.kind === 'request' ? op?.soapAction : undefined,
    headerKind: op?.headerKind,
    envelope: b.envelope,
    requestVersion: b.requestVersion,
    acceptedVersions: b.kind === 'request' ? op?.versions.documented : undefined,
    packageKey: contents.pkg.key,
    packageVersion: contents.pkg.version,
    packageLabel: describePackage(contents.pkg, lang),
    schemaFile: contents.files.absolute(b.schemaRel),
  };
}

function noSchemaDiagnostic(outcome: Extract<BindOutcome, { status: 'no-schema' }>, contents: PackageContents, lines: LineIndex, lang: Lang): GisDiagnostic {
  const label = describePackage(contents.pkg, lang);
  return {
    range: { start: lines.positionAt(outcome.payload.nameStart), end: lines.positionAt(outcome.payload.nameEnd) },
    severity: 'information',
    code: 'no-schema',
    message:
      lang === 'ru'
        ? `Пакет форматов ${label} не содержит схему пространства имён ${outcome.namespace}: документ не проверен. Установите официальный пакет командой «ГИС ЖКХ: Установить пакет форматов…»`
        : `Format package ${label} has no schema for namespace ${outcome.namespace}; the document was not checked. Install the official package with "GIS ZhKKh: Install format package…"`,
  };
}

/**
 * What the document is, read from its head; from the whole text only when the head ends before
 * the payload (or before the stretch after it that a SOAP Fault is looked into).
 */
function readShape(doc: DocumentText): { shape: DocumentShape; text: string } {
  const head = doc.head();
  const shape = readDocumentShape(head);
  if (doc.headIsWhole || (shape.payload && shape.payload.start + FAULT_LOOKAHEAD < head.length)) return { shape, text: head };
  const text = doc.text;
  return { shape: readDocumentShape(text), text };
}

/** The versions the payload may carry: the request's (fixed or documented) or the result's fixed one. */
function payloadVersions(binding: Binding): string[] {
  const op = binding.operation;
  if (!op) return [];
  const v = binding.kind === 'request' ? op.versions : binding.kind === 'result' ? op.resultVersions : undefined;
  if (!v) return [];
  return v.fixed ? [v.fixed] : [...v.documented];
}
