import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { productRoot } from '../../server/src/productPaths';
import { MINI_PACKAGE_ROOT, thingsRequest } from '../support/engine';

const CLI = path.join(productRoot(), 'dist', 'cli.js');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'ru_RU.UTF-8', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gis-zhkh CLI', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-cli-'));
    fs.mkdirSync(path.join(tmp, 'docs', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'docs', 'good.xml'), thingsRequest(['Стол']));
    fs.writeFileSync(path.join(tmp, 'docs', 'sub', 'bad.xml'), thingsRequest(['имя-длиннее-десяти']));
    fs.writeFileSync(path.join(tmp, 'docs', 'pom.xml'), '<project xmlns="http://maven.apache.org/POM/4.0.0"/>');
    const body = thingsRequest(['Стол']).replace(/^<\?xml[^>]*>\n/, '');
    fs.writeFileSync(path.join(tmp, 'docs', 'cp1251.xml'), Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1251"?>\n'), encode1251(body)]));
    fs.writeFileSync(path.join(tmp, 'docs', 'broken-utf8.xml'), Buffer.concat([Buffer.from(thingsRequest(['Стол']).slice(0, 120), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('</x>')]));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('validates files and globs, prints positions, and exits 1 when a document is invalid', () => {
    const r = cli(['validate', '--package', MINI_PACKAGE_ROOT, 'docs/good.xml', 'docs/**/bad.xml'], tmp);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /docs\/good\.xml: без ошибок \(importThings, 1\.1\.0\.0\)/);
    assert.match(r.out, /docs\/sub\/bad\.xml:5:13: ошибка: Name \(короткое имя\): длина значения/);
    assert.match(r.out, /Файлов: 2; без ошибок: 1; с ошибками схемы: 1/);
  });

  it('exits 0 when every document is valid, in English on request', () => {
    const r = cli(['validate', '--lang', 'en', '--package', MINI_PACKAGE_ROOT, 'docs/good.xml', 'docs/pom.xml'], tmp);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /docs\/pom\.xml: not GIS XML/);
  });

  it('prints the JSON report the issue specifies', () => {
    const r = cli(['validate', '--format', 'json', '--package', MINI_PACKAGE_ROOT, 'docs'], tmp);
    assert.equal(r.code, 1);
    const reports = JSON.parse(r.out) as { file: string; verdict: string; operation: string | null; version: string | null; package: string | null; diagnostics: Record<string, unknown>[] }[];
    const byFile = new Map(reports.map((x) => [x.file.replace(/\\/g, '/'), x]));
    assert.deepEqual([...byFile.keys()].sort(), ['docs/broken-utf8.xml', 'docs/cp1251.xml', 'docs/good.xml', 'docs/pom.xml', 'docs/sub/bad.xml']);
    const bad = byFile.get('docs/sub/bad.xml')!;
    assert.equal(bad.verdict, 'invalid');
    assert.equal(bad.operation, 'importThings');
    assert.equal(bad.version, '1.1.0.0');
    assert.equal(bad.package, MINI_PACKAGE_ROOT);
    assert.deepEqual(Object.keys(bad.diagnostics[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
    assert.deepEqual([bad.diagnostics[0].line, bad.diagnostics[0].column, bad.diagnostics[0].endLine, bad.diagnostics[0].endColumn], [5, 13, 5, 31]);
    assert.equal(byFile.get('docs/pom.xml')!.verdict, 'unbound');
    assert.equal(byFile.get('docs/cp1251.xml')!.verdict, 'valid');
    const broken = byFile.get('docs/broken-utf8.xml')!;
    assert.equal(broken.verdict, 'malformed');
    assert.equal(broken.diagnostics[0].code, 'xml-encoding');
  });

  it('installs and lists packages in its store, and validates with an installed version', () => {
    const store = path.join(tmp, 'store');
    const inst = cli(['packages', 'install', MINI_PACKAGE_ROOT, '--store', store], tmp);
    assert.equal(inst.code, 0, inst.err + inst.out);
    assert.match(inst.out, /Установлен пакет форматов 1\.1\.0\.0: операций 3/);
    const list = cli(['packages', 'list', '--format', 'json', '--store', store], tmp);
    const rows = JSON.parse(list.out) as { version: string; origin: string }[];
    assert.ok(rows.some((x) => x.version === '1.1.0.0' && x.origin === 'installed'));
    const v = cli(['validate', '--store', store, '--package', '1.1.0.0', 'docs/good.xml'], tmp);
    assert.equal(v.code, 0, v.err + v.out);
    const dflt = cli(['validate', 'docs/good.xml'], tmp, { GIS_ZHKH_HOME: path.dirname(store).replace(/store$/, '') + 'nothing' });
    assert.notEqual(dflt.code, 3, dflt.err);
  });

  it('accepts a zip as --package, and refuses a hostile one with a clear message', () => {
    const bad = path.join(tmp, 'bad.zip');
    fs.writeFileSync(bad, 'PK not really');
    const r = cli(['validate', '--package', bad, 'docs/good.xml'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /Архив повреждён или это не zip/);
  });

  it('answers usage errors with exit code 2', () => {
    assert.equal(cli(['validate'], tmp).code, 2);
    assert.equal(cli(['validate', 'no-such-*.xml'], tmp).code, 2);
    assert.equal(cli(['frobnicate'], tmp).code, 2);
    assert.equal(cli(['--help'], tmp).code, 0);
  });
});

function encode1251(s: string): Buffer {
  const out = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 0x80 ? c : c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : 0x3f;
  }
  return out;
}
