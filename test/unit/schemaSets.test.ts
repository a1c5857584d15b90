import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageContents } from '../../server/src/catalog/packageContents';
import { MINI_PACKAGE_ROOT, testEngine, thingsRequest } from '../support/engine';

describe('compiled schema sets', () => {
  it('follow a package key to its new folder instead of keeping what the old one compiled', async () => {
    const engine = await testEngine();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-sets-'));
    try {
      const first = path.join(tmp, 'a');
      const second = path.join(tmp, 'b');
      fs.cpSync(MINI_PACKAGE_ROOT, first, { recursive: true });
      fs.cpSync(MINI_PACKAGE_ROOT, second, { recursive: true });
      // The second copy allows longer names: a schema compiled from the first would say otherwise.
      const types = path.join(second, 'demo', 'hcs-demo-types.xsd');
      fs.writeFileSync(types, fs.readFileSync(types, 'utf8').replace('<xs:maxLength value="10"/>', '<xs:maxLength value="30"/>'));
      const at = (root: string) => new PackageContents({ key: 'installed:1.1.0.0', version: '1.1.0.0', origin: 'installed', root });
      const options = { lang: 'en' as const, maxProblems: 10, rules: { enabled: false } };
      assert.equal(engine.validator.validate(thingsRequest(['Стол']), at(first), options).verdict, 'valid');
      const longName = thingsRequest(['имя-длиннее-десяти']);
      assert.equal(engine.validator.validate(longName, at(first), options).verdict, 'invalid');
      const r = engine.validator.validate(longName, at(second), options);
      assert.equal(r.verdict, 'valid', r.diagnostics.map((d) => d.message).join('\n'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
