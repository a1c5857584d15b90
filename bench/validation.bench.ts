import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sharedDir } from '../test/support/shared';
import { CompileFigures, EngineBench, StepFigures, ValidationFigures } from './engineBench';
import { GeneratedRequest, RequestGenerator, SCHEMA_REL } from './requestGenerator';
import { ServerFigures, benchServer } from './serverBench';
import { mb, ms, ratio } from './stats';
import { Table } from './table';
import { XERCES_INSTALL, Xerces, XercesCold, XercesWarm } from './xercesRunner';
import { XMLLINT_INSTALL, XmllintFigures, runXmllint, xmllintVersion } from './xmllintRunner';

/**
 * `npm run bench`: schema compile, 70 KB and 14 MB validation and server memory of the product,
 * next to xmllint (native libxml2) and Xerces-J (LemMinX / vscode-xml) in the same run.
 * Prints figures and whether each target is met; never fails on a slow figure.
 * See bench/README.md.
 */
const SMALL_BYTES = 70 * 1024;
const LARGE_BYTES = 14 * 1024 * 1024;

const TARGET = {
  smallRevalidateMs: 15,
  largeVsXmllint: 1.2,
  largeVsXercesCold: 1.0,
  serverPeakBytes: 400 * 1024 * 1024,
};

const RUNS = {
  compile: 12,
  smallWarmup: 10,
  smallRuns: 60,
  largeRuns: 10,
  serverSmallWarmup: 5,
  serverSmallEdits: 30,
  serverLargeEdits: 5,
  xmllintSmall: 9,
  xmllintLarge: 7,
  xercesCold: 3,
  xercesSmallWarmup: 30,
  xercesSmallRuns: 50,
  xercesLargeWarmup: 1,
  xercesLargeRuns: 5,
  xercesNoIdcWarmup: 5,
  xercesNoIdcRuns: 10,
};

interface Reference<T> {
  small?: T;
  large?: T;
}

async function main(): Promise<void> {
  const shared = sharedDir();
  const officialRoot = path.join(shared, 'gis-formats', '16.3.0.0');
  const schema = path.join(shared, SCHEMA_REL);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-bench-'));
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  log(`ГИС ЖКХ validation benchmark — ${startedAt.toISOString()}`);
  log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

  try {
    // 1. The generated requests, checked valid by xmllint before anything is timed.
    const generator = RequestGenerator.fromShared(shared);
    const small = generator.generate(SMALL_BYTES);
    const large = generator.generate(LARGE_BYTES);
    const smallFile = path.join(work, 'importHouseUO-70KB.xml');
    const largeFile = path.join(work, 'importHouseUO-14MB.xml');
    fs.writeFileSync(smallFile, small.text);
    fs.writeFileSync(largeFile, large.text);
    log(`requests: importHouseUORequest from ${path.join('conformance', '16.3.0.0', 'house-management', 'importHouseUOData--v2.xml')}, ResidentialPremises repeated`);
    log(`  70 KB: ${describe(small)}`);
    log(`  14 MB: ${describe(large)}`);

    const lintVersion = xmllintVersion();
    if (lintVersion) {
      runXmllint(schema, smallFile, 1, lintVersion);
      runXmllint(schema, largeFile, 1, lintVersion);
      log('  both valid under the official schema (xmllint)');
    } else {
      log(`  xmllint is missing: not cross-checked (install: ${XMLLINT_INSTALL})`);
    }

    // 2. The product's engine in this process.
    log('\nproduct engine (in process) …');
    const engine = await EngineBench.create(officialRoot);
    const compile = engine.compile(RUNS.compile);
    const engineSmall = engine.validate(small, RUNS.smallRuns, RUNS.smallWarmup);
    const engineLarge = engine.validate(large, RUNS.largeRuns);
    const steps = engine.steps(large.text, 5);
    const wasmHeap = engine.wasmHeapBytes;

    // 3. The product through its language server.
    log('product language server (dist/server.js --stdio) …');
    const server = await benchServer(officialRoot, small, large, {
      smallWarmup: RUNS.serverSmallWarmup,
      smallEdits: RUNS.serverSmallEdits,
      largeEdits: RUNS.serverLargeEdits,
    });

    // 4. xmllint.
    const lint: Reference<XmllintFigures> = {};
    if (lintVersion) {
      log('xmllint …');
      lint.small = runXmllint(schema, smallFile, RUNS.xmllintSmall, lintVersion);
      lint.large = runXmllint(schema, largeFile, RUNS.xmllintLarge, lintVersion);
    }

    // 5. Xerces-J.
    let xerces = Xerces.prepare();
    const cold: Reference<XercesCold> = {};
    const warm: Reference<XercesWarm> = {};
    const noIdc: { cold?: XercesCold; warm?: XercesWarm } = {};
    if (typeof xerces === 'string') {
      log(`Xerces-J skipped: ${xerces} (install: ${XERCES_INSTALL})`);
    } else {
      const x = xerces;
      try {
        log(`${x.version} on Java ${x.java} …`);
        cold.small = x.cold(schema, smallFile, RUNS.xercesCold);
        warm.small = x.warm(schema, smallFile, RUNS.xercesSmallWarmup, RUNS.xercesSmallRuns);
        cold.large = x.cold(schema, largeFile, RUNS.xercesCold);
        warm.large = x.warm(schema, largeFile, RUNS.xercesLargeWarmup, RUNS.xercesLargeRuns);
        noIdc.cold = x.cold(schema, largeFile, RUNS.xercesCold, false);
        noIdc.warm = x.warm(schema, largeFile, RUNS.xercesNoIdcWarmup, RUNS.xercesNoIdcRuns, false);
      } catch (e) {
        // A reference that cannot run is reported, not fatal: the product's figures still stand.
        xerces = `Xerces-J run failed: ${(e as Error).message}`;
        log(xerces);
      } finally {
        x.dispose();
      }
    }

    const loadAfter = os.loadavg();
    report({
      compile,
      engineSmall,
      engineLarge,
      steps,
      wasmHeap,
      server,
      lint,
      lintVersion,
      cold,
      warm,
      noIdc,
      xercesVersion: typeof xerces === 'string' ? undefined : `${xerces.version}, Java ${xerces.java}`,
      xercesMissing: typeof xerces === 'string' ? xerces : undefined,
      largeKeys: large.keys,
      loadAfter,
      seconds: (Date.now() - startedAt.getTime()) / 1000,
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Results {
  compile: CompileFigures;
  engineSmall: ValidationFigures;
  engineLarge: ValidationFigures;
  steps: StepFigures;
  wasmHeap: number;
  server: ServerFigures;
  lint: Reference<XmllintFigures>;
  lintVersion?: string;
  cold: Reference<XercesCold>;
  warm: Reference<XercesWarm>;
  noIdc: { cold?: XercesCold; warm?: XercesWarm };
  xercesVersion?: string;
  xercesMissing?: string;
  largeKeys: number;
  loadAfter: number[];
  seconds: number;
}

function report(r: Results): void {
  const { compile, engineSmall: es, engineLarge: el, server: sv, lint, cold, warm } = r;
  const na = (present: unknown): string => (present ? '—' : 'n/a');
  const lintNa = na(r.lintVersion);
  const xNa = na(r.xercesVersion);
  // xmllint --timing counts whole milliseconds: 0 means under one.
  const lintMs = (v: number | undefined): string => (v === undefined ? lintNa : v === 0 ? '< 1' : ms(v));
  const xMs = (v: number | undefined): string => (v === undefined ? xNa : ms(v));
  const split = (...v: number[]): string => v.map(ms).join(' / ');
  const onePass = r.xercesVersion ? 'one pass' : xNa;

  log('\nFigures (ms, medians unless noted; product = libxml2-wasm 0.7.2 engine of this repository)');
  const t = new Table(['Measure', 'product engine', 'product server (LSP)', `xmllint ${lint.small?.version ?? ''}`.trim(), 'Xerces-J cold', 'Xerces-J warm']);
  t.add('house-management schema compile, first', ms(compile.coldMs), '', '', '', '');
  t.add(`house-management schema compile (n)`, `${ms(compile.medianMs)} (${compile.runs})`, '', lint.small ? `${ms(lint.small.compileMs)} (${lint.small.runs})` : lintNa, cold.large ? `${ms(cold.large.compileMs)} (${cold.large.runs})` : xNa, '');
  t.add('runtime start (wasm load / JVM to main)', ms(compile.engineLoadMs), '', '', xMs(cold.large?.jvmToMainMs), '');
  t.rule();
  t.add('70 KB validate, schema compiled', ms(es.median.totalMs), ms(sv.small.editMs), lintMs(lint.small?.parseValidateMs), xMs(cold.small?.validateMs), xMs(warm.small?.validateMs));
  t.add('70 KB p95', ms(es.p95TotalMs), ms(sv.small.editP95Ms), '', '', xMs(warm.small?.p95Ms));
  t.add('70 KB parse / validate', split(es.median.parseMs, es.median.validateMs), '', lint.small ? `${lintMs(lint.small.parseMs)} / ${lintMs(lint.small.validateMs)}` : lintNa, onePass, onePass);
  t.add('70 KB diagnostics map / other', split(es.median.mapMs, es.median.otherMs), `thread ${whole(sv.small.threadMs)}`, '', '', '');
  t.add('70 KB runs', `${es.runs} (+${RUNS.smallWarmup} warm-up)`, `${sv.small.edits} edits`, lint.small ? String(lint.small.runs) : lintNa, cold.small ? `${cold.small.runs} JVMs` : xNa, warm.small ? `${warm.small.runs} (+${warm.small.warmup})` : xNa);
  t.add('70 KB first run / first open / command', ms(es.first.totalMs), ms(sv.small.firstOpenMs), lintMs(lint.small?.wallMs), xMs(cold.small?.wallMs), '');
  t.rule();
  t.add('14 MB validate, schema compiled', ms(el.median.totalMs), ms(sv.large.editMs), lintMs(lint.large?.parseValidateMs), xMs(cold.large?.validateMs), xMs(warm.large?.validateMs));
  t.add('14 MB parse + validate', ms(el.median.parseValidateMs), '', lintMs(lint.large?.parseValidateMs), xMs(cold.large?.validateMs), xMs(warm.large?.validateMs));
  t.add('14 MB parse + validate, min – max', range(el.parseValidateRange), '', lint.large ? range(lint.large.parseValidateRange) : lintNa, '', '');
  t.add('14 MB parse / validate', split(el.median.parseMs, el.median.validateMs), '', lint.large ? `${lintMs(lint.large.parseMs)} / ${lintMs(lint.large.validateMs)}` : lintNa, onePass, onePass);
  t.add('14 MB diagnostics map / other', split(el.median.mapMs, el.median.otherMs), `thread ${whole(sv.large.threadMs)}`, '', '', '');
  t.add('14 MB UTF-16 → UTF-8 / tree free (both in other)', split(r.steps.utf8CopyMs, r.steps.freeMs), '', '', '', '');
  t.add('14 MB runs', `${el.runs} (+1 first)`, `${sv.large.edits} edits`, lint.large ? String(lint.large.runs) : lintNa, cold.large ? `${cold.large.runs} JVMs` : xNa, warm.large ? `${warm.large.runs} (+${warm.large.warmup})` : xNa);
  t.add('14 MB first run / first open / command', ms(el.first.totalMs), ms(sv.large.firstOpenMs), lintMs(lint.large?.wallMs), xMs(cold.large?.wallMs), '');
  t.add('14 MB without identity constraints', '', '', '', xMs(r.noIdc.cold?.validateMs), xMs(r.noIdc.warm?.validateMs));
  t.rule();
  t.add('memory, peak', `wasm heap ${mb(r.wasmHeap)}`, `VmHWM ${mb(sv.hwmBytes)}`, lint.large ? mb(lint.large.maxRssBytes) : lintNa, cold.large ? mb(cold.large.maxRssBytes) : xNa, warm.large ? mb(warm.large.maxRssBytes) : xNa);
  t.add('server RSS: idle / 70 KB / 14 MB open / +edits', '', [sv.baselineRssBytes, sv.small.peakRssBytes, sv.large.openPeakRssBytes, sv.large.peakRssBytes].map(mb).join(' / '), '', '', '');
  log(t.toString());

  log('\nTargets and ratios');
  const k = new Table(['Check', 'product', 'reference', 'ratio', 'target', 'result']);
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? 'target met' : 'target MISSED');
  const x = (v: number | undefined): string => (v === undefined ? '—' : `${v.toFixed(2)}×`);
  k.add('70 KB revalidation, engine (median)', `${ms(es.median.totalMs)} ms`, '', '', `≤ ${TARGET.smallRevalidateMs} ms`, verdict(es.median.totalMs <= TARGET.smallRevalidateMs));
  k.add('70 KB edit → diagnostics, server (median)', `${ms(sv.small.editMs)} ms`, '', '', `≤ ${TARGET.smallRevalidateMs} ms`, verdict(sv.small.editMs <= TARGET.smallRevalidateMs));
  const vsLint = ratio(el.median.parseValidateMs, lint.large?.parseValidateMs);
  k.add('14 MB parse+validate vs xmllint parse+validate', `${ms(el.median.parseValidateMs)} ms`, lint.large ? `${ms(lint.large.parseValidateMs)} ms` : lintNa, x(vsLint), `≤ ${TARGET.largeVsXmllint}×`, verdict(vsLint === undefined ? undefined : vsLint <= TARGET.largeVsXmllint));
  const totalVsLint = ratio(el.median.totalMs, lint.large?.parseValidateMs);
  k.add('  (info) 14 MB whole validate() vs xmllint parse+validate', `${ms(el.median.totalMs)} ms`, lint.large ? `${ms(lint.large.parseValidateMs)} ms` : lintNa, x(totalVsLint), '', 'info');
  const vsCold = ratio(el.median.parseValidateMs, cold.large?.validateMs);
  k.add('14 MB parse+validate vs Xerces-J cold validation', `${ms(el.median.parseValidateMs)} ms`, cold.large ? `${ms(cold.large.validateMs)} ms` : xNa, x(vsCold), `≤ ${TARGET.largeVsXercesCold}×`, verdict(vsCold === undefined ? undefined : vsCold <= TARGET.largeVsXercesCold));
  const productCold = compile.engineLoadMs + compile.coldMs + el.first.totalMs;
  const coldWhole = cold.large ? cold.large.jvmToMainMs + cold.large.compileMs + cold.large.validateMs : undefined;
  k.add('  (info) 14 MB cold: load+compile+first validation', `${ms(productCold)} ms`, coldWhole === undefined ? xNa : `${ms(coldWhole)} ms`, x(ratio(productCold, coldWhole)), '', 'info');
  k.add('  (info) 14 MB vs Xerces-J warm', `${ms(el.median.parseValidateMs)} ms`, warm.large ? `${ms(warm.large.validateMs)} ms` : xNa, x(ratio(el.median.parseValidateMs, warm.large?.validateMs)), '', 'info');
  k.add('  (info) 14 MB vs Xerces-J warm, no identity constraints', `${ms(el.median.parseValidateMs)} ms`, r.noIdc.warm ? `${ms(r.noIdc.warm.validateMs)} ms` : xNa, x(ratio(el.median.parseValidateMs, r.noIdc.warm?.validateMs)), '', 'info');
  k.add('  (info) schema compile vs xmllint', `${ms(compile.medianMs)} ms`, lint.small ? `${ms(lint.small.compileMs)} ms` : lintNa, x(ratio(compile.medianMs, lint.small?.compileMs)), '', 'info');
  k.add('  (info) schema compile vs Xerces-J (fresh JVM)', `${ms(compile.medianMs)} ms`, cold.large ? `${ms(cold.large.compileMs)} ms` : xNa, x(ratio(compile.medianMs, cold.large?.compileMs)), '', 'info');
  k.add('server peak memory through the first 14 MB open (VmHWM)', mb(sv.large.hwmAfterOpenBytes), '', x(ratio(sv.large.hwmAfterOpenBytes, TARGET.serverPeakBytes)), `≤ ${mb(TARGET.serverPeakBytes)}`, verdict(sv.large.hwmAfterOpenBytes <= TARGET.serverPeakBytes));
  k.add(`server peak memory, whole session incl. ${sv.large.edits} edits of the 14 MB (VmHWM)`, mb(sv.hwmBytes), '', x(ratio(sv.hwmBytes, TARGET.serverPeakBytes)), `≤ ${mb(TARGET.serverPeakBytes)}`, verdict(sv.hwmBytes <= TARGET.serverPeakBytes));
  log(k.toString());

  log('\nNotes');
  log(`- product engine: PackageContents + DocumentValidator on folder package 16.3.0.0 (${sv.packageLabel.startsWith('installed') ? 'server: the same package installed in a temp store' : `server used ${sv.packageLabel}`}); timings exclude compile (checked).`);
  log(`- "other" = validate() wall time outside parse/validate/map: the UTF-16 → UTF-8 encoding of a string input, freeing the tree, shape scan + binding (14 MB: ${ms(r.steps.shapeMs)} ms), CR check (${ms(r.steps.parserTextMs)} ms).`);
  log('- server: didOpen / didChange → publishDiagnostics with validation.delay 0; edits change one value incrementally, as VS Code sends them; "thread" = the job time on the validation thread (text hand-over included; whole ms, as the server reports it).');
  log('- memory: VmRSS of the server process (worker threads included) sampled every 10 ms; VmHWM is the kernel\'s exact peak.');
  log('- xmllint --timing reports whole milliseconds; Xerces-J parses and validates in one streaming pass (no separate parse figure).');
  log('- Xerces-J cold = first validation in a fresh JVM after its schema compile; whole command = JVM start to exit.');
  if (r.noIdc.warm && warm.large) {
    log(
      `- Xerces-J and the request's xs:key (importHouseUORequest_TransportGUIDKey, ${r.largeKeys.toLocaleString('en')} TransportGUIDs in the 14 MB): ` +
        `${ms(warm.large.validateMs)} ms warm with it, ${ms(r.noIdc.warm.validateMs)} ms without (identity-constraint-checking off, ` +
        `${ms(r.noIdc.cold?.validateMs)} ms cold): Xerces-J's key check grows with the square of the number of values (see bench/README.md).`,
    );
  }
  if (r.xercesMissing) log(`- Xerces-J not measured: ${r.xercesMissing}. Install: ${XERCES_INSTALL}`);
  if (!r.lintVersion) log(`- xmllint not measured. Install: ${XMLLINT_INSTALL}`);
  log(`- load average at the end ${r.loadAfter.map((l) => l.toFixed(2)).join(' ')}; bench took ${r.seconds.toFixed(0)} s.`);
}

function range([lo, hi]: [number, number]): string {
  return `${ms(lo)} – ${ms(hi)}`;
}

/** The server reports job times in whole milliseconds. */
function whole(v: number): string {
  return Number.isFinite(v) ? v.toFixed(0) : '—';
}

function describe(g: GeneratedRequest): string {
  return `${g.bytes.toLocaleString('en')} bytes, ${g.records.toLocaleString('en')} ResidentialPremises records, ${g.keys.toLocaleString('en')} TransportGUIDs, ${g.lines.toLocaleString('en')} lines`;
}

function log(s: string): void {
  process.stdout.write(s + '\n');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    // A broken setup (shared folder missing, invalid generated request) is an error; slow figures never are.
    process.stderr.write(`benchmark failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
