import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  clientKeyNeedsPassword,
  clientKeySecretKey,
  issueText,
  mergeStands,
  parseStand,
  passwordOpensKey,
  pemKeyIsEncrypted,
  retentionFromSettings,
  standLabel,
  withBaseUrl,
} from '../../client/src/exchange/standSettings';
import { BUILTIN_STANDS, StandProfile } from '../../server/src/exchange/standProfile';

/** `gisZhkh.stands`: overriding and adding stands, and refusing what a profile must not hold. */
describe('stand settings', () => {
  const ORG = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
  const byName = (r: { stands: readonly StandProfile[] }, n: string): StandProfile | undefined => r.stands.find((s) => s.name === n);

  it('gives the four built-in stands when nothing is set', () => {
    for (const v of [undefined, null, []]) {
      const r = mergeStands(v);
      assert.deepEqual(
        r.stands.map((s) => s.name),
        ['sit-01', 'sit-02', 'ppak', 'sandbox'],
      );
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.stands, [...BUILTIN_STANDS]);
    }
  });

  it('overrides a built-in field by field, keeping what the user did not say', () => {
    const r = mergeStands([{ name: 'SIT-01', orgPPAGUID: ORG, tunnelUrl: 'http://127.0.0.1:9081/', poll: { firstDelayMs: 1000 }, signingProfile: 'test' }]);
    const sit = byName(r, 'sit-01')!;
    assert.equal(sit.baseUrl, 'https://sit01.dom.test.gosuslugi.ru:10081');
    assert.equal(sit.title, 'СИТ-01');
    assert.equal(sit.transport, 'tunnel');
    assert.equal(sit.tunnelUrl, 'http://127.0.0.1:9081');
    assert.equal(sit.orgPPAGUID, ORG);
    assert.equal(sit.signingProfile, 'test');
    assert.deepEqual(sit.poll, { firstDelayMs: 1000 });
    assert.equal(r.stands.length, 4, 'an override adds no stand');
    // The sandbox's own poll policy is merged, not replaced.
    const sb = byName(mergeStands([{ name: 'sandbox', poll: { ceilingMs: 5000 } }]), 'sandbox')!;
    assert.deepEqual(sb.poll, { firstDelayMs: 300, factor: 1.5, ceilingMs: 5000, giveUpAfterMs: 600_000 });
  });

  it('adds a custom stand after the built-ins, paths resolved against the base folder', () => {
    const base = path.join(os.tmpdir(), 'ws');
    const r = mergeStands(
      [
        {
          name: 'my-test',
          title: 'Мой стенд',
          baseUrl: 'https://gis.example.test:8443/',
          clientCertificateFile: 'tls/client.pem',
          clientKeyFile: '/etc/keys/client.key',
          caFile: '~/ca.pem',
          proxy: 'http://proxy.local:3128',
          timeouts: { connectMs: 5000 },
          senderId: ORG,
        },
      ],
      { baseDir: base },
    );
    assert.deepEqual(r.issues, []);
    assert.equal(r.stands.length, 5);
    const s = r.stands[4];
    assert.equal(s.name, 'my-test');
    assert.equal(s.transport, 'direct', 'direct is the default mode');
    assert.equal(s.baseUrl, 'https://gis.example.test:8443');
    assert.equal(s.clientCertificateFile, path.join(base, 'tls', 'client.pem'));
    assert.equal(s.clientKeyFile, path.resolve('/etc/keys/client.key'));
    assert.equal(s.caFile, path.join(os.homedir(), 'ca.pem'));
    assert.deepEqual(s.timeouts, { connectMs: 5000 });
    assert.equal(standLabel(s), 'Мой стенд (my-test)');
    assert.equal(standLabel({ name: 'x' }), 'x');
  });

  it('refuses secret-looking fields and values, dropping the whole entry', () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'a', baseUrl: 'https://a.test', clientKeyPassword: 'x' }, /clientKeyPassword/],
      [{ name: 'b', baseUrl: 'https://b.test', pin: '1234' }, /pin/],
      [{ name: 'c', baseUrl: 'https://c.test', timeouts: { secret: 1 } }, /timeouts\.secret/],
      [{ name: 'd', baseUrl: 'https://d.test', clientKeyFile: '-----BEGIN PRIVATE KEY-----\nMII…', clientCertificateFile: 'c.pem' }, /закрытый ключ/],
      [{ name: 'e', baseUrl: 'https://e.test', proxy: 'http://user:hunter2@proxy:3128' }, /пароль в адресе/],
      [{ name: 'f', baseUrl: 'https://f.test', apiToken: 't' }, /apiToken/],
    ];
    for (const [entry, why] of cases) {
      const r = mergeStands([entry]);
      assert.equal(r.stands.length, 4, JSON.stringify(entry));
      assert.equal(r.issues.length, 1);
      assert.equal(r.issues[0].dropped, true);
      assert.match(r.issues[0].ru, why);
      // The secret itself is never repeated in the report.
      assert.doesNotMatch(issueText(r.issues[0], 'ru') + issueText(r.issues[0], 'en'), /hunter2|1234|MII/);
    }
    // A refused override leaves the built-in as shipped.
    const r = mergeStands([{ name: 'ppak', baseUrl: 'https://evil.test', password: 'p' }]);
    assert.equal(byName(r, 'ppak')!.baseUrl, 'https://api.dom.gosuslugi.ru');
    assert.match(issueText(r.issues[0], 'en'), /^Stand "ppak": field password/);
  });

  it('reports broken entries in both languages and keeps the good ones', () => {
    const r = mergeStands([
      { baseUrl: 'https://x.test' },
      { name: 'no-url' },
      { name: 'bad url', baseUrl: 'https://x.test' },
      { name: 'path', baseUrl: 'https://x.test/ext-bus' },
      { name: 'ftp', baseUrl: 'ftp://x.test' },
      { name: 'tun', baseUrl: 'https://x.test', transport: 'tunnel' },
      { name: 'tun-https', baseUrl: 'https://x.test', transport: 'tunnel', tunnelUrl: 'https://127.0.0.1:1' },
      { name: 'mode', baseUrl: 'https://x.test', transport: 'soap' },
      { name: 'half', baseUrl: 'https://x.test', clientKeyFile: 'k.pem' },
      { name: 'combined', baseUrl: 'https://x.test', clientCertificateFile: 'both.pem' },
      { name: 'both', baseUrl: 'https://x.test', orgPPAGUID: ORG, senderId: ORG },
      { name: 'guid', baseUrl: 'https://x.test', orgPPAGUID: 'not-a-guid' },
      { name: 'slow', baseUrl: 'https://x.test', timeouts: { connectMs: 0 } },
      { name: 'poll', baseUrl: 'https://x.test', poll: { firstDelayMs: 5000, ceilingMs: 1000 } },
      { name: 'pollx', baseUrl: 'https://x.test', poll: { every: 1 } },
      'text',
      { name: 'ok', baseUrl: 'http://127.0.0.1:9000', extra: 1 },
    ]);
    assert.deepEqual(
      r.stands.map((s) => s.name),
      ['sit-01', 'sit-02', 'ppak', 'sandbox', 'combined', 'ok'],
    );
    const dropped = r.issues.filter((i) => i.dropped).map((i) => i.stand);
    assert.deepEqual(dropped, ['#1', 'no-url', 'bad url', 'path', 'ftp', 'tun', 'tun-https', 'mode', 'half', 'both', 'guid', 'slow', 'poll', 'pollx', '#16']);
    const kept = r.issues.filter((i) => !i.dropped);
    assert.equal(kept.length, 1);
    assert.match(kept[0].en, /unknown fields ignored: extra/);
    for (const i of r.issues) {
      assert.ok(i.ru && i.en && i.ru !== i.en, JSON.stringify(i));
      assert.match(i.ru, /[а-яё]/i);
    }
    assert.match(mergeStands({ name: 'x' }).issues[0].ru, /массивом/);
  });

  it('lets the last of two entries with one name count, and says so', () => {
    const r = mergeStands([
      { name: 'x', baseUrl: 'https://one.test' },
      { name: 'X', baseUrl: 'https://two.test' },
    ]);
    assert.equal(r.stands.length, 5);
    assert.equal(r.stands[4].baseUrl, 'https://two.test');
    assert.match(r.issues[0].ru, /дважды/);
  });

  it('puts the running sandbox at its own address', () => {
    const stands = withBaseUrl(mergeStands([]).stands, 'sandbox', 'http://127.0.0.1:41234');
    assert.equal(byName({ stands }, 'sandbox')!.baseUrl, 'http://127.0.0.1:41234');
    assert.equal(byName({ stands }, 'ppak')!.baseUrl, 'https://api.dom.gosuslugi.ru');
  });

  it('parses one entry without a built-in as a whole profile', () => {
    const s = parseStand({ name: 'z', baseUrl: 'http://h.test:80', transport: 'tunnel', tunnelUrl: 'http://127.0.0.1:8080' });
    assert.deepEqual(s, { name: 'z', baseUrl: 'http://h.test', transport: 'tunnel', tunnelUrl: 'http://127.0.0.1:8080' });
  });

  it('asks for a client key password only for an encrypted PEM key (real keys)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-keys-'));
    try {
      const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const plain = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const enc = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
      const trad = privateKey.export({ type: 'sec1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }).toString();
      assert.equal(pemKeyIsEncrypted(plain), false);
      assert.equal(pemKeyIsEncrypted(enc), true);
      assert.equal(pemKeyIsEncrypted(trad), true);
      fs.writeFileSync(path.join(dir, 'plain.pem'), plain);
      fs.writeFileSync(path.join(dir, 'enc.pem'), enc);
      const stand = (key: string, transport: 'direct' | 'tunnel' = 'direct') =>
        parseStand({ name: 's', baseUrl: 'https://s.test', transport, tunnelUrl: 'http://127.0.0.1:1', clientCertificateFile: 'c.pem', clientKeyFile: key }, undefined, dir);
      assert.equal(clientKeyNeedsPassword(stand('enc.pem')), true);
      assert.equal(clientKeyNeedsPassword(stand('plain.pem')), false);
      assert.equal(clientKeyNeedsPassword(stand('missing.pem')), false);
      assert.equal(clientKeyNeedsPassword(stand('enc.pem', 'tunnel')), false, 'the tunnel holds the key in tunnel mode');
      assert.equal(passwordOpensKey(enc, 'pw'), true);
      assert.equal(passwordOpensKey(enc, 'wrong'), false);
      assert.equal(passwordOpensKey(trad, 'wrong'), false);
      assert.equal(passwordOpensKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nnot base64\n-----END ENCRYPTED PRIVATE KEY-----\n', 'pw'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(clientKeySecretKey('sit-01'), 'gisZhkh.stand.clientKeyPassword.sit-01');
  });

  it('reads retention days, null meaning keep for ever', () => {
    assert.deepEqual(retentionFromSettings({ doneDays: 30, otherFinalDays: null }), { doneDays: 30 });
    assert.deepEqual(retentionFromSettings({ doneDays: -1, otherFinalDays: 0 }), { otherFinalDays: 0 });
    assert.deepEqual(retentionFromSettings({}), {});
  });
});
