import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { productRoot } from '../../server/src/productPaths';
import { makeRsaFixture } from './keysRsaFixtures';

const CLI = path.join(productRoot(), 'dist', 'cli.js');
const PASSWORD = 'Пароль-ключа-7731';

/** `gis-zhkh sign` / `verify`: usage errors, exit codes, secrets from the environment only. */
describe('gis-zhkh sign and verify', function () {
  this.timeout(60_000);
  let home: string;
  let work: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } => {
    const clean = { ...process.env };
    delete clean.GIS_ZHKH_KEY_PASSWORD;
    delete clean.GIS_ZHKH_PIN;
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8', env: { ...clean, LANG: 'ru_RU.UTF-8', GIS_ZHKH_HOME: home, ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const noSecret = (r: { out: string; err: string }): void => assert.ok(!(r.out + r.err).includes(PASSWORD), 'the password is never printed');
  const REQUEST = '<?xml version="1.0" encoding="UTF-8"?>\n<importThingsRequest xmlns="urn:test" Id="signed-data-container"><Thing>Стол</Thing></importThingsRequest>\n';

  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-signcli-home-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-signcli-'));
    const rsa = makeRsaFixture('CLI signer');
    const other = makeRsaFixture('Someone else');
    fs.writeFileSync(path.join(work, 'key.pem'), rsa.keyPem);
    fs.writeFileSync(path.join(work, 'cert.pem'), rsa.certPem);
    fs.writeFileSync(path.join(work, 'other.pem'), other.certPem);
    fs.writeFileSync(path.join(work, 'enc.pem'), rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSWORD }));
    fs.writeFileSync(path.join(work, 'request.xml'), REQUEST);
    fs.writeFileSync(path.join(work, 'cp1251.xml'), Buffer.from('<?xml version="1.0" encoding="windows-1251"?>\n<a/>\n', 'latin1'));
    const profiles = {
      defaultProfile: 'plain',
      profiles: [
        { name: 'plain', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: 'key.pem', certificateFile: 'cert.pem' },
        { name: 'encrypted', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: 'enc.pem', certificateFile: 'cert.pem' },
        { name: 'mismatch', algorithm: 'rsa-sha256', keySource: 'pem', keyFile: 'key.pem', certificateFile: 'other.pem' },
      ],
    };
    fs.writeFileSync(path.join(work, 'signing.json'), JSON.stringify(profiles));
    fs.writeFileSync(path.join(work, 'one-profile.json'), JSON.stringify(profiles.profiles[1]));
  });
  after(() => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists sign and verify in the help', () => {
    const r = cli(['help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /gis-zhkh sign --profile/);
    assert.match(r.out, /gis-zhkh verify/);
  });

  it('exits 2 on usage errors: no file, no such file, no profile file, unknown profile, non-UTF-8 input', () => {
    const none = cli(['sign']);
    assert.equal(none.code, 2);
    assert.match(none.err, /Укажите один файл/);
    assert.equal(cli(['sign', '--profile', 'plain', 'missing.xml']).code, 2);
    const noFile = cli(['sign', '--profile', 'plain', 'request.xml']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.err, /Нет файла профилей: .*signing\.json/);
    const unknown = cli(['sign', '--profiles', 'signing.json', '--profile', 'nope', 'request.xml']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Нет профиля «nope» .* Есть: plain, encrypted, mismatch/);
    const cp = cli(['sign', '--profiles', 'signing.json', 'cp1251.xml']);
    assert.equal(cp.code, 2);
    assert.match(cp.err, /только UTF-8/);
    assert.equal(cli(['sign', '--bogus']).code, 2);
  });

  it('takes the profile file from $GIS_ZHKH_HOME/signing.json', () => {
    fs.copyFileSync(path.join(work, 'signing.json'), path.join(home, 'signing.json'));
    try {
      const r = cli(['sign', '--profile', 'nope', 'request.xml']);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`Нет профиля «nope» в ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    } finally {
      fs.rmSync(path.join(home, 'signing.json'));
    }
  });

  it('names the environment variable when a key password is needed and there is no terminal', () => {
    const r = cli(['sign', '--profile', 'one-profile.json', 'request.xml']);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /Нужен пароль ключа: задайте переменную окружения GIS_ZHKH_KEY_PASSWORD/);
  });

  it('exits 1 on a wrong password or a key that is not the certificate’s, never printing the secret', () => {
    const wrong = cli(['sign', '--profiles', 'signing.json', '--profile', 'encrypted', 'request.xml'], { GIS_ZHKH_KEY_PASSWORD: PASSWORD + 'x' });
    assert.equal(wrong.code, 1, wrong.err);
    assert.match(wrong.err, /Неверный пароль ключа/);
    noSecret(wrong);
    const mismatch = cli(['sign', '--profiles', 'signing.json', '--profile', 'mismatch', 'request.xml']);
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.err, /Ключ не соответствует сертификату «CN=Someone else, O=Test, C=RU»/);
  });

  it('verify: exit 2 without files, 1 for an unsigned document, with text and JSON reports', () => {
    assert.equal(cli(['verify']).code, 2);
    assert.equal(cli(['verify', 'nothing-*.xml']).code, 2);
    const text = cli(['verify', 'request.xml']);
    assert.equal(text.code, 1);
    assert.equal(text.out.trim(), 'request.xml: Документ не подписан');
    const json = cli(['verify', '--format', 'json', '--lang', 'en', 'request.xml']);
    assert.equal(json.code, 1);
    const [rep] = JSON.parse(json.out) as Record<string, unknown>[];
    assert.deepEqual(rep, { file: 'request.xml', signed: false, valid: false, message: 'The document is not signed', failure: null, certificate: null });
  });

  it('signs with the password from the environment and the result verifies; tampering makes verify exit 1', function () {
    const r = cli(['sign', '--profiles', 'signing.json', '--profile', 'encrypted', 'request.xml', '-o', 'signed.xml'], { GIS_ZHKH_KEY_PASSWORD: PASSWORD });
    noSecret(r);
    assert.equal(r.code, 0, r.err);
    const signed = fs.readFileSync(path.join(work, 'signed.xml'), 'utf8');
    assert.match(signed, /<(\w+:)?Signature[\s>]/);
    const ok = cli(['verify', 'signed.xml']);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /signed\.xml: Подпись верна: CN=CLI signer, O=Test, C=RU, действителен до/);
    fs.writeFileSync(path.join(work, 'tampered.xml'), signed.replace('Стол', 'Стул'));
    const bad = cli(['verify', 'tampered.xml']);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /Подпись неверна: не совпадает дайджест ссылки #signed-data-container/);
    // A document that cannot be signed is a plain refusal (exit 1), not a crash.
    const again = cli(['sign', '--profiles', 'signing.json', '--profile', 'encrypted', 'signed.xml'], { GIS_ZHKH_KEY_PASSWORD: PASSWORD });
    assert.equal(again.code, 1, again.err);
    assert.match(again.err, /^gis-zhkh: Документ уже подписан/);
  });
});
