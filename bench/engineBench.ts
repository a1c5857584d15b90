import { PackageContents } from '../server/src/catalog/packageContents';
import type { SchemaPackage } from '../server/src/catalog/schemaPackage';
import type { ValidationReport } from '../server/src/validation/documentValidator';
import { ValidationEngine, createValidationEngine } from '../server/src/validation/validationEngine';
import { SAFE_PARSE } from '../server/src/validation/libxml';
import { readDocumentShape } from '../server/src/xml/documentShape';
import { toParserBytes } from '../server/src/xml/parserText';
import type { GeneratedRequest } from './requestGenerator';
import { median, percentile } from './stats';

/**
 * The product's engine in this process (libxml2-wasm, as the language server's worker threads and
 * the CLI use it): schema compile, 70 KB revalidation and 14 MB validation.
 */
export const HM_NS = 'http://dom.gosuslugi.ru/schema/integration/house-management/';
const OPTIONS = { lang: 'ru' as const, maxProblems: 1000 };

export interface CompileFigures {
  engineLoadMs: number;
  coldMs: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface ValidationFigures {
  runs: number;
  first: PhaseFigures;
  /** Medians over the runs (the first one excluded). */
  median: PhaseFigures;
  p95TotalMs: number;
  /** Lowest and highest parse + validate over the runs. */
  parseValidateRange: [number, number];
}

export interface PhaseFigures {
  /** Wall time of validator.validate(): binding, parse, validate, diagnostics, everything. */
  totalMs: number;
  /** libxml2 parse, including the copy of the UTF-8 bytes into WebAssembly memory. */
  parseMs: number;
  validateMs: number;
  mapMs: number;
  /** parse + validate: what is compared with xmllint's two phases. */
  parseValidateMs: number;
  /** Outside parse/validate/map: freeing libxml2's tree, the shape scan and binding, CR handling. */
  otherMs: number;
}

export class EngineBench {
  private constructor(
    readonly engine: ValidationEngine,
    readonly pkg: SchemaPackage,
    readonly contents: PackageContents,
    readonly engineLoadMs: number,
  ) {}

  static async create(packageRoot: string): Promise<EngineBench> {
    const started = performance.now();
    const engine = await createValidationEngine();
    const loadMs = performance.now() - started;
    const pkg: SchemaPackage = { key: 'folder:official', version: '16.3.0.0', origin: 'folder', root: packageRoot };
    return new EngineBench(engine, pkg, new PackageContents(pkg), loadMs);
  }

  get schemaRel(): string {
    const rel = this.contents.files.schemaFileFor(HM_NS);
    if (!rel) throw new Error(`the package at ${this.pkg.root} has no house-management schema`);
    return rel;
  }

  /** The very first compile in this engine, then `runs` more, each after evicting the last. */
  compile(runs: number): CompileFigures {
    const rel = this.schemaRel;
    const once = (): number => {
      const set = this.engine.schemaSets.get(this.pkg, HM_NS, rel);
      if (!('handle' in set)) throw new Error(`house-management does not compile: ${set.problems[0]?.message}`);
      return set.compileMs;
    };
    this.engine.schemaSets.evict(this.pkg.key);
    const coldMs = once();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      this.engine.schemaSets.evict(this.pkg.key);
      times.push(once());
    }
    return { engineLoadMs: this.engineLoadMs, coldMs, runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
  }

  /** Validates `runs` + 1 edited versions of the request with the schema already compiled. */
  validate(request: GeneratedRequest, runs: number, warmup = 0): ValidationFigures {
    this.ensureCompiled();
    const first = phases(this.check(flat(request.text)));
    for (let i = 0; i < warmup; i++) this.check(flat(request.variant(i + 1)));
    const rows: PhaseFigures[] = [];
    for (let i = 0; i < runs; i++) rows.push(phases(this.check(flat(request.variant(warmup + i + 1)))));
    const med = (f: (p: PhaseFigures) => number): number => median(rows.map(f));
    return {
      runs,
      first,
      median: {
        totalMs: med((p) => p.totalMs),
        parseMs: med((p) => p.parseMs),
        validateMs: med((p) => p.validateMs),
        mapMs: med((p) => p.mapMs),
        parseValidateMs: med((p) => p.parseValidateMs),
        otherMs: med((p) => p.otherMs),
      },
      p95TotalMs: percentile(rows.map((p) => p.totalMs), 95),
      parseValidateRange: [Math.min(...rows.map((p) => p.parseValidateMs)), Math.max(...rows.map((p) => p.parseValidateMs))],
    };
  }

  /** Steps of validate() timed on their own, to show where the time outside libxml2 goes. */
  steps(text: string, runs: number): StepFigures {
    const bytes = new TextEncoder().encode(text);
    const libxml = this.engine.libxml;
    const free: number[] = [];
    for (let i = 0; i < runs; i++) {
      const doc = libxml.parse(bytes, 'gis-zhkh:/document.xml', SAFE_PARSE, { problems: [], total: 0, limit: 10 });
      const started = performance.now();
      libxml.freeDocument(doc);
      free.push(performance.now() - started);
    }
    return {
      utf8CopyMs: timeMedian(runs, () => new TextEncoder().encode(text)),
      freeMs: median(free),
      shapeMs: timeMedian(runs, () => readDocumentShape(text)),
      parserTextMs: timeMedian(runs, () => toParserBytes(bytes)),
    };
  }

  get wasmHeapBytes(): number {
    return this.engine.libxml.heapBytes;
  }

  /** Makes sure the schema is compiled, so validations measure no compile. */
  private ensureCompiled(): void {
    this.engine.schemaSets.get(this.pkg, HM_NS, this.schemaRel);
  }

  private check(text: string): { report: ValidationReport; totalMs: number } {
    const started = performance.now();
    const report = this.engine.validator.validate(text, this.contents, OPTIONS);
    const totalMs = performance.now() - started;
    if (report.verdict !== 'valid') {
      const first = report.diagnostics[0];
      throw new Error(`the product finds the generated request ${report.verdict}: ${first ? `${first.range.start.line + 1}: ${first.message}` : ''}`);
    }
    if (report.timings.compileMs > 5) throw new Error(`the schema was compiled during a timed validation (${report.timings.compileMs} ms)`);
    return { report, totalMs };
  }
}

function phases({ report, totalMs }: { report: ValidationReport; totalMs: number }): PhaseFigures {
  const t = report.timings;
  return {
    totalMs,
    parseMs: t.parseMs,
    validateMs: t.validateMs,
    mapMs: t.mapMs,
    parseValidateMs: t.parseMs + t.validateMs,
    otherMs: totalMs - t.parseMs - t.compileMs - t.validateMs - t.mapMs,
  };
}

/** Steps of validate() timed on their own, to show where the time outside libxml2 goes. */
export interface StepFigures {
  /** UTF-16 → UTF-8 conversion of the text (what libxml.parse does before libxml2 sees it). */
  utf8CopyMs: number;
  /** xmlFreeDoc of the parsed tree (after validation, outside the reported timings). */
  freeMs: number;
  /** The tolerant scan of the document's shape that binds it to an operation. */
  shapeMs: number;
  /** BOM / lone-CR preparation of the text handed to libxml2. */
  parserTextMs: number;
}

/**
 * The text as a validation thread receives it: structured cloning yields a flat string, while an
 * edited copy made here by concatenation is a rope that V8 would flatten (copy) inside the timing.
 */
function flat(text: string): string {
  text.indexOf('\u0000');
  return text;
}

function timeMedian(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
}
