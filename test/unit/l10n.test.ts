import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { productRoot } from '../../server/src/productPaths';

/** Russian first: every UI string of the extension has its Russian text. */
describe('localisation', () => {
  const root = productRoot();
  const read = (f: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, string>;

  it('translates every vscode.l10n.t string of the extension into Russian', () => {
    const ru = read('l10n/bundle.l10n.ru.json');
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) sources.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(root, 'client', 'src'));
    const keys = new Set(sources.flatMap((s) => [...s.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1])));
    assert.ok(keys.size > 10);
    const missing = [...keys].filter((k) => !(k in ru));
    assert.deepEqual(missing, []);
    const unused = Object.keys(ru).filter((k) => !keys.has(k));
    assert.deepEqual(unused, []);
  });

  it('has a Russian text for every manifest string, and no placeholder without one', () => {
    const en = read('package.nls.json');
    const ru = read('package.nls.ru.json');
    assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    for (const m of manifest.matchAll(/"%([^%"]+)%"/g)) assert.ok(m[1] in en, m[1]);
    assert.match(manifest, /"category": "ГИС ЖКХ"/);
    assert.equal(ru['command.installFormatPackage'], 'Установить пакет форматов…');
  });
});
