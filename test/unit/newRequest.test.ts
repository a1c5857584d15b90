import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { productRoot } from '../../server/src/productPaths';
import { newRequest } from '../../server/src/schema/newRequest';
import { patternExample } from '../../server/src/schema/patternExample';
import { placeholderValue } from '../../server/src/schema/placeholderValue';
import type { SimpleTypeModel } from '../../server/src/schema/schemaTypes';
import { MINI_PACKAGE_ROOT, miniContents, testEngine } from '../support/engine';

const CLI = path.join(productRoot(), 'dist', 'cli.js');
const NOW = new Date('2026-11-23T22:30:00Z');

function simple(builtin: string, facets: SimpleTypeModel['facets'] = {}, extra: Partial<SimpleTypeModel> = {}): SimpleTypeModel {
  return { kind: 'simple', builtin, variety: 'atomic', facets, ...extra };
}

function accepted(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(value);
}

describe('new request skeletons', () => {
  describe('pattern examples', () => {
    const patterns = [
      '\\d{10}|\\d{12}',
      '[0-9]{9}',
      '([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}',
      '(A{0,1}\\d{1,4}(\\.)?)+',
      '[А-ЯЁ]{2}-\\d+',
      '[^\\s]+',
      '(0[1-9]|1[0-2])\\.\\d{4}',
      '\\d{2}:\\d{2}',
      '[1-9]\\d{12}',
    ];
    for (const p of patterns) {
      it(`writes a value that ${p} accepts`, () => {
        const v = patternExample(p);
        assert.ok(v !== undefined, 'no example');
        assert.ok(accepted(p, v), `${v} does not match`);
      });
    }

    it('gives up on a pattern it cannot read instead of guessing', () => {
      assert.equal(patternExample('(ab'), undefined);
      assert.equal(patternExample('[ab'), undefined);
    });
  });

  describe('placeholder values', () => {
    it('takes the first enumeration value, a fresh GUID and dates in Moscow time', () => {
      assert.equal(placeholderValue(simple('xs:string', { enumeration: ['2', '1'] }), { now: NOW }), '2');
      const guidPattern = '([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}';
      const a = placeholderValue(simple('xs:string', { patterns: [[guidPattern]] }), { now: NOW });
      const b = placeholderValue(simple('xs:string', { patterns: [[guidPattern]] }), { now: NOW });
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(a, b);
      // 22:30 UTC is already the next day in Moscow.
      assert.equal(placeholderValue(simple('xs:date'), { now: NOW }), '2026-11-24');
      assert.equal(placeholderValue(simple('xs:dateTime'), { now: NOW }), '2026-11-24T01:30:00+03:00');
    });

    it('respects bounds, lengths, lists and unions', () => {
      assert.equal(placeholderValue(simple('xs:int', { minInclusive: '1900' }), { now: NOW }), '1900');
      assert.equal(placeholderValue(simple('xs:decimal', { maxExclusive: '0' }), { now: NOW }), '-1');
      assert.equal([...placeholderValue(simple('xs:string', { minLength: 12, maxLength: 20 }), { now: NOW })].length, 12);
      assert.equal(placeholderValue(simple('xs:string', { length: 3 }), { now: NOW }).length, 3);
      const item = simple('xs:token', { enumeration: ['M', 'O'] });
      assert.equal(placeholderValue(simple('xs:list', { minLength: 2 }, { variety: 'list', item }), { now: NOW }), 'M M');
      assert.equal(placeholderValue(simple('xs:union', {}, { variety: 'union', members: [simple('xs:boolean')] }), { now: NOW }), 'true');
    });
  });

  it('writes a request of the tests package that the package accepts, with the signing Id on an import', async () => {
    const contents = miniContents();
    const op = contents.catalog.find('importThings');
    assert.ok(op);
    const r = newRequest(contents, op, { now: NOW, orgPPAGUID: '5d2f6f1a-6f0b-4a53-9a0e-3f7d2c1b8a90' });
    assert.deepEqual(r.problems, []);
    assert.match(r.text, /<base:orgPPAGUID>5d2f6f1a-6f0b-4a53-9a0e-3f7d2c1b8a90<\/base:orgPPAGUID>/);
    assert.match(r.text, /Id="signed-data-container"/);
    const report = (await testEngine()).validator.validate(r.text, contents, { lang: 'en', maxProblems: 20 });
    assert.equal(report.verdict, 'valid', report.diagnostics.map((d) => d.message).join('\n'));
    assert.equal(report.binding?.operation, 'importThings');
  });

  it('writes a valid request for every operation of the bundled package', async () => {
    const registry = new PackageRegistry({ bundledRoot: path.join(productRoot(), 'schemas') });
    const contents = registry.contents(registry.find('bundled')!);
    const engine = await testEngine();
    const invalid: string[] = [];
    for (const op of contents.catalog.operations) {
      const r = newRequest(contents, op, { now: NOW });
      const report = engine.validator.validate(r.text, contents, { lang: 'en', maxProblems: 5 });
      if (report.verdict !== 'valid') invalid.push(`${op.service}/${op.name}: ${report.diagnostics.map((d) => d.message).join(' | ')}`);
    }
    assert.deepEqual(invalid, []);
  });

  describe('gis-zhkh new', () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-new-'))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, LANG: 'ru_RU.UTF-8' } });

    it('writes a skeleton that `validate` accepts', () => {
      const made = run(['new', 'importThings', '--package', MINI_PACKAGE_ROOT, '-o', 'new.xml']);
      assert.equal(made.status, 0, made.stderr);
      const checked = run(['validate', '--package', MINI_PACKAGE_ROOT, 'new.xml']);
      assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    });

    it('refuses an unknown operation, an ambiguous one and an unsupported version with exit 2', () => {
      const unknown = run(['new', 'importThing', '--package', MINI_PACKAGE_ROOT]);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /нет операции importThing\. Похожие: .*importThings/);
      const version = run(['new', 'importThings', '--package', MINI_PACKAGE_ROOT, '--version', '9.9.9.9']);
      assert.equal(version.status, 2);
      assert.match(version.stderr, /принимает версии/);
      const ambiguous = run(['new', 'getState', '--package', 'bundled']);
      assert.equal(ambiguous.status, 2);
      assert.match(ambiguous.stderr, /в нескольких сервисах/);
      const chosen = run(['new', 'nsi-common/getState', '--package', 'bundled']);
      assert.equal(chosen.status, 0, chosen.stderr);
      assert.match(chosen.stdout, /<base:getStateRequest/);
    });
  });
});
