import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { productRoot } from '../../server/src/productPaths';
import { rsaSigner } from '../../server/src/signature/rsa';
import { loadSignatureEngine, signDocument } from '../../server/src/signatureService';
import { testEngine } from '../support/engine';
import { makeRsaFixture } from './keysRsaFixtures';

/** A signed document in the editor says whether its signature holds, next to the schema's verdict. */
describe('signature diagnostics in validation', () => {
  it('reports a good signature as information and a tampered one as an error, leaving the verdict alone', async () => {
    await loadSignatureEngine();
    const registry = new PackageRegistry({ bundledRoot: path.join(productRoot(), 'schemas') });
    const contents = registry.contents(registry.find('bundled')!);
    const engine = await testEngine();
    const fixture = makeRsaFixture('Демо подписант');
    const sample = fs.readFileSync(path.join(productRoot(), 'samples', 'device-metering', 'importMeteringDeviceValues.request.xml'), 'utf8');
    const signed = await signDocument(sample, rsaSigner(fixture.privateKey, fixture.certDer));
    const options = { lang: 'ru' as const, maxProblems: 50 };

    const good = engine.validator.validate(signed, contents, options);
    assert.equal(good.verdict, 'valid', good.diagnostics.map((d) => d.message).join('\n'));
    const verdictOfSignature = good.diagnostics.filter((d) => d.code === 'gis-signature');
    assert.equal(verdictOfSignature.length, 1);
    assert.equal(verdictOfSignature[0].severity, 'information');
    assert.match(verdictOfSignature[0].message, /^Подпись верна: .*CN=Демо подписант.*, действителен до \d\d\.\d\d\.\d{4}$/);
    // The import is signed now: no reminder.
    assert.ok(!good.diagnostics.some((d) => d.code === 'gis-unsigned-import'));

    const tampered = engine.validator.validate(signed.replace('412.318', '412.319'), contents, options);
    assert.equal(tampered.verdict, 'valid');
    const bad = tampered.diagnostics.find((d) => d.code === 'gis-signature');
    assert.equal(bad?.severity, 'error');
    assert.equal(bad?.message, 'Подпись неверна: не совпадает дайджест ссылки #signed-data-container');
  });
});
