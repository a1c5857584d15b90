import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../client/src/cli/cliErrors';
import { sandboxCommand } from '../../client/src/cli/sandboxCommand';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { testEngine } from '../support/engine';
import { endpointOf, post, request, sampleOperations, textOf } from './sandboxKit';

/**
 * `gis-zhkh sandbox`: runs in its own process (the product's operation handlers), prints its URL
 * and endpoints, serves until SIGINT, then closes cleanly with exit code 0 and its figures.
 */
const COMMAND = path.join(__dirname, '..', '..', 'client', 'src', 'cli', 'sandboxCommand.js');

function run(args: string[], lang: 'ru' | 'en' = 'ru'): { child: ChildProcess; output: () => string; waitFor: (re: RegExp) => Promise<RegExpMatchArray>; exit: Promise<number | null> } {
  const script = `require(${JSON.stringify(COMMAND)}).sandboxCommand(process.argv.slice(1), ${JSON.stringify(lang)}, (s) => console.log(s)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(3); });`;
  const child = spawn(process.execPath, ['-e', script, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (re: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) {
          listeners.delete(check);
          resolve(m);
        }
      };
      listeners.add(check);
      void exit.then(() => reject(new Error(`exited before ${re}:\n${out}`)));
      check();
    });
  return { child, output: () => out, waitFor, exit };
}

describe('gis-zhkh sandbox', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-sandbox-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints its URL and endpoints, serves requests, and stops cleanly on SIGINT', async () => {
    const p = run(['--port', '0', '--data', dir, '--delays', '0,0', '--faults', 'seed=5']);
    try {
      const [, url] = await p.waitFor(/Песочница ГИС ЖКХ: (http:\/\/127\.0\.0\.1:\d+)\n/);
      await p.waitFor(/Остановить: Ctrl\+C/);
      assert.match(p.output(), /Пакет форматов: 16\.3\.0\.0 \(встроенный\)/);
      assert.ok(p.output().includes(`${url}/ext-bus-home-management-service/services/HomeManagementAsync  house-management: `));
      const { xml, messageGuid } = request('house-management', 'exportHouseData');
      const ack = await post(url, endpointOf('house-management'), xml, 'urn:exportHouseData');
      assert.equal(ack.status, 200, ack.body);
      assert.equal(textOf(ack.body, 'RequesterMessageGUID'), messageGuid);
      await p.waitFor(/Принято exportHouseData/);
      p.child.kill('SIGINT');
      assert.equal(await p.exit, 0, p.output());
      assert.match(p.output(), /Песочница остановлена: принято 1/);
      assert.match(p.output(), /Запросов 1: принято 1, повторов 0/);
      assert.ok(fs.existsSync(path.join(dir, 'sandbox.sqlite')));
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('stops on SIGTERM too, and speaks English when asked', async () => {
    const p = run(['--port', '0', '--memory'], 'en');
    try {
      await p.waitFor(/Stop: Ctrl\+C/);
      assert.match(p.output(), /Data: in memory/);
      p.child.kill('SIGTERM');
      assert.equal(await p.exit, 0, p.output());
      assert.match(p.output(), /0 requests: 0 accepted/);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('explains its options and refuses wrong ones', async () => {
    const lines: string[] = [];
    assert.equal(await sandboxCommand(['--help'], 'ru', (s) => lines.push(s)), 0);
    assert.match(lines.join('\n'), /gis-zhkh sandbox \[--port <порт>\]/);
    assert.equal(await sandboxCommand(['--help'], 'en', (s) => lines.push(s)), 0);
    assert.match(lines.join('\n'), /Runs until Ctrl\+C/);
    const none = () => undefined;
    await assert.rejects(sandboxCommand(['--port', 'x'], 'ru', none), UsageError);
    await assert.rejects(sandboxCommand(['--delays', '5'], 'ru', none), /--delays/);
    await assert.rejects(sandboxCommand(['--faults', 'dorp=0.1'], 'ru', none), /--faults: не понято «dorp=0\.1»/);
    await assert.rejects(sandboxCommand(['--data', dir, '--memory'], 'en', none), UsageError);
    await assert.rejects(sandboxCommand(['extra'], 'en', none), /Unexpected arguments: extra/);
  });

  it('refuses a data folder another sandbox holds', async () => {
    const held = await startSandbox({ dataDir: dir, validator: (await testEngine()).validator, operations: sampleOperations() });
    try {
      await assert.rejects(sandboxCommand(['--port', '0', '--data', dir], 'ru', () => undefined), /занята другой песочницей/);
    } finally {
      await held.close();
    }
  });
});
