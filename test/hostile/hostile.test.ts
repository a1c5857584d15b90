import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { installPackage } from '../../server/src/catalog/packageInstaller';
import { productRoot } from '../../server/src/productPaths';
import { LineIndex } from '../../server/src/xml/lineIndex';
import { thingsRequest } from '../support/engine';
import { LspTestClient } from '../support/lspClient';
import { conformanceFile, readManifest, sharedDir } from '../support/shared';
import { hostileInputs } from './hostileInputs';

/**
 * 2 000 hostile inputs fed to the running language server (dist/server.js, under strace): it must
 * answer every document and every request, never exit, and never open a file or a URL that a
 * document names (a canary file and a canary HTTP server that must stay untouched).
 */
describe('hostile input to the running language server', function () {
  this.timeout(1_800_000);
  let tmp: string;
  let server: http.Server;
  let httpHits = 0;

  before(() => {
    const strace = spawnSync('strace', ['-V'], { encoding: 'utf8' });
    assert.equal(strace.status, 0, 'strace is needed to watch what the server opens (apt-get install strace)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-hostile-'));
  });
  after(() => {
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('sees a file read in a strace log (the detector itself works)', () => {
    const canary = path.join(tmp, 'control-canary.txt');
    fs.writeFileSync(canary, 'x');
    const log = path.join(tmp, 'control.strace');
    spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', log, process.execPath, '-e', `require('fs').readFileSync(${JSON.stringify(canary)})`]);
    assert.ok(fs.readFileSync(log, 'utf8').includes('control-canary.txt'));
  });

  it('survives 2 000 hostile documents, answers every request, and reads no file or URL a document names', async () => {
    const token = crypto.randomBytes(6).toString('hex');
    const canaryFile = path.join(tmp, `canary-${token}.dtd`);
    fs.writeFileSync(canaryFile, '<!ENTITY x "canary">');
    server = http.createServer((_req, res) => {
      httpHits++;
      res.end('<!ENTITY x "canary">');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const canaries = { file: canaryFile, url: `http://127.0.0.1:${port}/canary-${token}.dtd` };

    const store = path.join(tmp, 'store');
    await installPackage(path.join(sharedDir(), 'gis-formats', '16.3.0.0'), store);
    const seeds = [
      ...readManifest()
        .filter((e) => e.mutation === null)
        .map((e) => fs.readFileSync(conformanceFile(e), 'utf8')),
      ...listXml(path.join(productRoot(), 'samples')).map((f) => fs.readFileSync(f, 'utf8')),
      thingsRequest(['Стол', 'Стул']),
    ];

    const straceLog = path.join(tmp, 'server.strace');
    const client = new LspTestClient({
      storeDir: store,
      settings: { validation: { delay: 0, maxProblems: 200 } },
      wrap: ['strace', '-f', '-qq', '-e', 'trace=open,openat,openat2,creat,connect,execve', '-o', straceLog],
    });
    const failures: string[] = [];
    const failedValidations: string[] = [];
    let count = 0;
    let slowest = { name: '', ms: 0 };
    const started = performance.now();
    try {
      await client.initialize();
      for (const input of hostileInputs(seeds, canaries)) {
        count++;
        const uri = `file:///hostile/${count}.xml`;
        const t = performance.now();
        try {
          const diags = await client.open(uri, input.text, input.text.length > 1_000_000 ? 300_000 : 60_000);
          const lines = new LineIndex(input.text).lineCount;
          for (const d of diags) {
            const r = d.range;
            if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character) || r.end.line >= lines + 1) {
              failures.push(`${input.name}: bad range ${JSON.stringify(r)}`);
            }
            if (d.code === 'validation-failed') failedValidations.push(`${input.name}: ${String(d.message)}`);
          }
          const answer = await Promise.race([
            client.connection.sendRequest('gisZhkh/listPackages', { uri }),
            new Promise((_, reject) => setTimeout(() => reject(new Error('no answer to a request within 20 s')), 20_000)),
          ]);
          if (!Array.isArray(answer)) failures.push(`${input.name}: odd answer ${JSON.stringify(answer)}`);
          // Editor features at the start, the middle and the end of any text: an answer, never a crash.
          const last = lines - 1;
          const positions = [{ line: 0, character: 1 }, { line: Math.floor(last / 2), character: 3 }, { line: last, character: 0 }];
          const requests: [string, unknown][] = [];
          for (const position of positions) {
            requests.push(['textDocument/completion', { textDocument: { uri }, position }], ['textDocument/hover', { textDocument: { uri }, position }]);
            requests.push(['textDocument/definition', { textDocument: { uri }, position }]);
            requests.push(['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: diags.slice(0, 3) } }]);
          }
          if (input.text.length < 2_000_000) {
            requests.push(['textDocument/documentSymbol', { textDocument: { uri } }], ['textDocument/foldingRange', { textDocument: { uri } }]);
            requests.push(['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }]);
          }
          for (const [method, params] of requests) {
            await Promise.race([
              client.connection.sendRequest(method, params),
              new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer to ${method} within 20 s`)), 20_000)),
            ]);
          }
          await client.close(uri);
        } catch (e) {
          failures.push(`${input.name}: ${(e as Error).message}`);
        }
        const ms = performance.now() - t;
        if (ms > slowest.ms) slowest = { name: input.name, ms };
        if (!client.alive) {
          failures.push(`the server exited after ${input.name} (code ${client.exitCode})`);
          break;
        }
      }
      assert.ok(client.alive, 'the language server must still run');
    } finally {
      await client.shutdown();
    }
    const verdicts = new Map<string, number>();
    for (const st of client.statuses.values()) verdicts.set(st.verdict, (verdicts.get(st.verdict) ?? 0) + 1);
    const trace = fs.readFileSync(straceLog, 'utf8');
    const touched = trace.split('\n').filter((l) => l.includes(token) || l.includes(`sin_port=htons(${port})`));
    console.log(
      `      ${count} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest ${slowest.name} ${(slowest.ms / 1000).toFixed(1)} s; ` +
        `verdicts ${JSON.stringify(Object.fromEntries(verdicts))}; strace lines ${trace.split('\n').length}; canary opens ${touched.length}; canary HTTP requests ${httpHits}`,
    );
    // The inputs must reach libxml2, not only the binder: most are GIS documents.
    assert.ok((verdicts.get('malformed') ?? 0) + (verdicts.get('invalid') ?? 0) + (verdicts.get('valid') ?? 0) > 1000, JSON.stringify([...verdicts]));
    assert.equal(count, 2000);
    assert.deepEqual(failures, []);
    assert.deepEqual(failedValidations, []);
    assert.deepEqual(touched, []);
    assert.equal(httpHits, 0);
  });
});

function listXml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.xml')).map((e) => path.join(e.parentPath ?? e.path, e.name));
}
