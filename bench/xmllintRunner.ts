import { median } from './stats';
import { available, runTimed } from './processRunner';

/**
 * The speed reference: native libxml2 through `xmllint --noout --timing --schema`. Its --timing
 * phases (whole milliseconds) and the wall time of the whole command, median over the runs.
 */
export interface XmllintFigures {
  version: string;
  runs: number;
  compileMs: number;
  parseMs: number;
  validateMs: number;
  /** parse + validate, the part comparable with validating against an already compiled schema. */
  parseValidateMs: number;
  /** Lowest and highest parse + validate over the runs. */
  parseValidateRange: [number, number];
  wallMs: number;
  maxRssBytes?: number;
}

export const XMLLINT_INSTALL = 'apt-get install -y libxml2-utils';

export function xmllintVersion(): string | undefined {
  if (!available('xmllint', ['--version'])) return undefined;
  const r = runTimed('xmllint', ['--version']);
  return /using libxml version (\d+)/.exec(r.stderr + r.stdout)?.[1];
}

export function runXmllint(schema: string, file: string, runs: number, version: string): XmllintFigures {
  const rows: { compile: number; parse: number; validate: number; wall: number; rss?: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runTimed('xmllint', ['--noout', '--timing', '--schema', schema, file]);
    const out = r.stderr + r.stdout;
    if (r.status !== 0 || !/ validates\b/.test(out)) {
      throw new Error(`xmllint does not find ${file} valid (exit ${r.status}):\n${out.split('\n').slice(0, 5).join('\n')}`);
    }
    const phase = (name: string): number => {
      const m = new RegExp(`${name} took (\\d+) ms`).exec(out);
      if (!m) throw new Error(`xmllint --timing printed no "${name}" figure`);
      return Number(m[1]);
    };
    rows.push({ compile: phase('Compiling the schemas'), parse: phase('Parsing'), validate: phase('Validating'), wall: r.wallMs, rss: r.maxRssBytes });
  }
  const rss = rows.map((r) => r.rss).filter((v): v is number => v !== undefined);
  return {
    version: version.replace(/^(\d)(\d\d)(\d\d)$/, (_m, a: string, b: string, c: string) => `${a}.${Number(b)}.${Number(c)}`),
    runs,
    compileMs: median(rows.map((r) => r.compile)),
    parseMs: median(rows.map((r) => r.parse)),
    validateMs: median(rows.map((r) => r.validate)),
    parseValidateMs: median(rows.map((r) => r.parse + r.validate)),
    parseValidateRange: [Math.min(...rows.map((r) => r.parse + r.validate)), Math.max(...rows.map((r) => r.parse + r.validate))],
    wallMs: median(rows.map((r) => r.wall)),
    maxRssBytes: rss.length ? Math.max(...rss) : undefined,
  };
}
