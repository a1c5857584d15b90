import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { productRoot } from '../server/src/productPaths';
import { available, runTimed } from './processRunner';
import { median, percentile } from './stats';

/**
 * Xerces-J (the validator inside LemMinX / vscode-xml) through our own small Java program,
 * bench/xerces/XercesValidate.java, compiled with javac into a temp folder at run time.
 */
export const XERCES_JAR = '/usr/share/java/xercesImpl.jar';
export const XERCES_INSTALL = 'apt-get install -y libxerces2-java openjdk-17-jdk-headless (Xerces-J, and javac for the bench program)';

interface ProgramOutput {
  factory: string;
  xerces: string;
  java: string;
  identityConstraints: boolean;
  jvmToMainMs: number;
  compileMs: number;
  validateMs: number[];
  errors: number;
  warnings: number;
  firstError: string | null;
  heapUsedMB: number;
}

export interface XercesCold {
  runs: number;
  /** Whole `java …` command: JVM start, schema compile, one validation, JVM exit. */
  wallMs: number;
  jvmToMainMs: number;
  compileMs: number;
  /** The first validation in a fresh JVM (parse+validate; Xerces streams, the two are one pass). */
  validateMs: number;
  maxRssBytes?: number;
}

export interface XercesWarm {
  warmup: number;
  runs: number;
  validateMs: number;
  p95Ms: number;
  maxRssBytes?: number;
}

export class Xerces {
  private constructor(
    private readonly classDir: string,
    readonly version: string,
    readonly java: string,
  ) {}

  /** Compiles the program; undefined (with the reason) when Java, javac or Xerces-J is missing. */
  static prepare(): Xerces | string {
    if (!fs.existsSync(XERCES_JAR)) return `${XERCES_JAR} not found`;
    if (!available('java', ['-version'])) return 'java not found';
    if (!available('javac', ['-version'])) return 'javac not found';
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-bench-xerces-'));
    const source = path.join(productRoot(), 'bench', 'xerces', 'XercesValidate.java');
    const r = runTimed('javac', ['-cp', XERCES_JAR, '-d', classDir, source]);
    if (r.status !== 0) return `javac failed: ${r.stderr.trim()}`;
    const x = new Xerces(classDir, '', '');
    // Zero validations of a small schema: checks the JVM runs the program and reads the versions.
    const probe = x.exec(path.join(productRoot(), 'schemas', 'soap-1.1', 'envelope.xsd'), undefined, 0, true);
    if (typeof probe === 'string') return probe;
    return new Xerces(classDir, probe.xerces, probe.java);
  }

  dispose(): void {
    fs.rmSync(this.classDir, { recursive: true, force: true });
  }

  /** Fresh JVM per run: compile the schema and validate the file once. */
  cold(schema: string, file: string, runs: number, identityConstraints = true): XercesCold {
    const rows = [];
    for (let i = 0; i < runs; i++) {
      const o = this.run(schema, file, 1, identityConstraints);
      rows.push(o);
    }
    const rss = rows.map((r) => r.maxRssBytes).filter((v): v is number => v !== undefined);
    return {
      runs,
      wallMs: median(rows.map((r) => r.wallMs)),
      jvmToMainMs: median(rows.map((r) => r.jvmToMainMs)),
      compileMs: median(rows.map((r) => r.compileMs)),
      validateMs: median(rows.map((r) => r.validateMs[0])),
      maxRssBytes: rss.length ? Math.max(...rss) : undefined,
    };
  }

  /** One JVM: compile, `warmup` validations, then the median of `runs` more. */
  warm(schema: string, file: string, warmup: number, runs: number, identityConstraints = true): XercesWarm {
    const o = this.run(schema, file, warmup + runs, identityConstraints);
    const measured = o.validateMs.slice(warmup);
    return { warmup, runs, validateMs: median(measured), p95Ms: percentile(measured, 95), maxRssBytes: o.maxRssBytes };
  }

  private run(schema: string, file: string, validations: number, identityConstraints: boolean): ProgramOutput & { wallMs: number; maxRssBytes?: number } {
    const o = this.exec(schema, file, validations, identityConstraints);
    if (typeof o === 'string') throw new Error(o);
    if (o.errors > 0) throw new Error(`Xerces-J does not find ${file} valid: ${o.errors} errors, first: ${o.firstError}`);
    return o;
  }

  private exec(schema: string, file: string | undefined, validations: number, identityConstraints: boolean): (ProgramOutput & { wallMs: number; maxRssBytes?: number }) | string {
    const args = ['-cp', `${XERCES_JAR}${path.delimiter}${this.classDir}`, 'XercesValidate', schema, file ?? schema, String(validations)];
    if (!identityConstraints) args.push('no-identity-constraints');
    const r = runTimed('java', args);
    if (r.status !== 0) return `java XercesValidate failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(0, 5).join('\n')}`;
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      return { ...(JSON.parse(line) as ProgramOutput), wallMs: r.wallMs, maxRssBytes: r.maxRssBytes };
    } catch {
      return `unexpected output of XercesValidate: ${line.slice(0, 200)}`;
    }
  }
}
