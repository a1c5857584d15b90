import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { DocumentStatus } from '../server/src/protocol';
import { installPackage } from '../server/src/catalog/packageInstaller';
import { LspTestClient } from '../test/support/lspClient';
import { MemorySampler, readMemory } from './memorySampler';
import type { GeneratedRequest } from './requestGenerator';
import { median, percentile } from './stats';

/**
 * The product as VS Code uses it: the built language server (dist/server.js --stdio) with the
 * official package installed in its store, driven over LSP. Times didOpen / didChange →
 * publishDiagnostics and samples the server process's memory (its worker threads included).
 * The server asks for incremental sync, so edits are sent as VS Code sends them: the changed
 * characters only (the server still validates the whole document).
 */
export interface LatencyFigures {
  /** didOpen → diagnostics of the first version (thread start, engine load, schema compile). */
  firstOpenMs: number;
  edits: number;
  /** didChange (one value changed, incremental as VS Code sends it) → diagnostics, median / p95. */
  editMs: number;
  editP95Ms: number;
  /** The part of an edit spent on the validation thread (the server's own job time), median. */
  threadMs: number;
  /** Sampled server RSS peak while the document was first opened and validated. */
  openPeakRssBytes: number;
  /** The server's VmHWM right after that first validation. */
  hwmAfterOpenBytes: number;
  /** Sampled server RSS peak over the first open and the edits. */
  peakRssBytes: number;
}

export interface ServerFigures {
  small: LatencyFigures;
  large: LatencyFigures;
  baselineRssBytes: number;
  /** VmHWM at the end: the kernel's peak resident memory over the server's whole life. */
  hwmBytes: number;
  samples: number;
  packageLabel: string;
}

export async function benchServer(officialRoot: string, small: GeneratedRequest, large: GeneratedRequest, opts: { smallWarmup: number; smallEdits: number; largeEdits: number }): Promise<ServerFigures> {
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-bench-store-'));
  let client: LspTestClient | undefined;
  let sampler: MemorySampler | undefined;
  try {
    await installPackage(officialRoot, store);
    client = new LspTestClient({ storeDir: store, settings: { validation: { delay: 0 } } });
    const pid = client.process.pid;
    if (!pid) throw new Error('the language server did not start');
    sampler = new MemorySampler(pid).start();
    await client.initialize();
    await new Promise((r) => setTimeout(r, 200));
    const baselineRssBytes = readMemory(pid)?.rssBytes ?? NaN;
    sampler.mark();

    const smallFigures = await latency(client, sampler, 'file:///bench/importHouseUO-70KB.xml', small, opts.smallWarmup, opts.smallEdits);
    const largeFigures = await latency(client, sampler, 'file:///bench/importHouseUO-14MB.xml', large, 0, opts.largeEdits);
    const status = client.statuses.get('file:///bench/importHouseUO-14MB.xml');
    const hwmBytes = readMemory(pid)?.hwmBytes ?? NaN;
    sampler.stop();
    return {
      small: smallFigures,
      large: largeFigures,
      baselineRssBytes,
      hwmBytes,
      samples: sampler.samples,
      packageLabel: `${status?.binding?.packageKey ?? '?'}`,
    };
  } finally {
    sampler?.stop();
    await client?.shutdown();
    fs.rmSync(store, { recursive: true, force: true });
  }
}

async function latency(client: LspTestClient, sampler: MemorySampler, uri: string, request: GeneratedRequest, warmup: number, edits: number): Promise<LatencyFigures> {
  const pid = client.process.pid!;
  sampler.mark();
  let started = performance.now();
  await expectValid(client, uri, await client.open(uri, request.text, 180_000));
  const firstOpenMs = performance.now() - started;
  await statusOf(client, uri, 1);
  const openPeakRssBytes = sampler.mark();
  const hwmAfterOpenBytes = readMemory(pid)?.hwmBytes ?? NaN;

  // Edits as VS Code sends them to a server with incremental sync: only the changed value.
  const range = rangeOf(request.text, request.edit.offset, request.edit.length);
  let version = 1;
  const edit = async (i: number): Promise<number> => {
    const v = ++version;
    const wait = client.nextDiagnostics(uri, v, 120_000);
    const t = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range, text: request.editValue(i) }],
    });
    const p = await wait;
    const elapsed = performance.now() - t;
    if (p.version !== undefined && p.version !== v) throw new Error(`diagnostics of ${uri} v${p.version} arrived for v${v}`);
    await expectValid(client, uri, p.diagnostics);
    return elapsed;
  };
  for (let i = 0; i < warmup; i++) await edit(i + 1);
  const times: number[] = [];
  const thread: number[] = [];
  for (let i = 0; i < edits; i++) {
    times.push(await edit(warmup + i + 1));
    const status = await statusOf(client, uri, version);
    if (status.ms !== undefined) thread.push(status.ms);
  }
  const peakRssBytes = Math.max(openPeakRssBytes, sampler.mark());
  return { firstOpenMs, edits, editMs: median(times), editP95Ms: percentile(times, 95), threadMs: median(thread), openPeakRssBytes, hwmAfterOpenBytes, peakRssBytes };
}

/** The LSP range (UTF-16 positions, as JavaScript strings count) of text[offset, offset+length). */
function rangeOf(text: string, offset: number, length: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const character = offset - lineStart;
  return { start: { line, character }, end: { line, character: character + length } };
}

/** No error or warning; information (the unsigned-import reminder) is expected on these drafts. */
async function expectValid(client: LspTestClient, uri: string, diagnostics: Diagnostic[]): Promise<void> {
  const problems = diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
  if (problems.length > 0) {
    throw new Error(`the language server reports ${problems.length} problems in ${uri}: ${JSON.stringify(problems[0].message)}\n${client.log.join('').slice(-2000)}`);
  }
}

/** The gisZhkh/documentStatus of a version (it follows the diagnostics). */
async function statusOf(client: LspTestClient, uri: string, version: number): Promise<DocumentStatus> {
  const until = performance.now() + 5000;
  for (;;) {
    const s = client.statuses.get(uri);
    if (s && s.version >= version) {
      if (s.verdict !== 'valid') throw new Error(`the language server's verdict on ${uri} v${version} is ${s.verdict}${s.failure ? `: ${s.failure}` : ''}`);
      return s;
    }
    if (performance.now() > until) throw new Error(`no document status for ${uri} v${version}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
