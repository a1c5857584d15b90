import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILTIN_STANDS } from '../../server/src/exchange/standProfile';
import { Journal } from '../../server/src/journal';
import { productRoot } from '../../server/src/productPaths';
import type { RunningSandbox } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { writeTestCertificate } from '../../server/src/signature/keys/testCertificate';
import { loadSignatureEngine } from '../../server/src/signatureService';
import { UsageError } from '../../client/src/cli/cliErrors';
import { loadStands } from '../../client/src/cli/standsFile';
import { readZip } from '../support/journalSamples';

/**
 * The exchange commands of the CLI as a user runs them: the bundled dist/cli.js in its own
 * process, against the sandbox stand over HTTP on loopback (signature verification on), with the
 * real journal on disk. send, state, journal list/show/export, resuming a message whose delivery
 * is unknown, a journal held by another process, and the demo (the product's main job).
 */
const CLI = path.join(productRoot(), 'dist', 'cli.js');
const SAMPLES = path.join(productRoot(), 'samples');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

describe('gis-zhkh send, state, journal and demo against the sandbox', function () {
  this.timeout(120_000);
  let home: string;
  let work: string;
  let good: RunningSandbox;
  let flaky: RunningSandbox;

  // Asynchronous: the sandbox answers from this process while the CLI runs.
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const clean = { ...process.env };
      for (const k of ['GIS_ZHKH_KEY_PASSWORD', 'GIS_ZHKH_PIN', 'GIS_ZHKH_TLS_KEY_PASSWORD']) delete clean[k];
      const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env: { ...clean, LANG: 'ru_RU.UTF-8', GIS_ZHKH_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out, err }));
    });
  const sample = (rel: string) => path.join(SAMPLES, rel);
  const writeStands = (stands: object[]) => fs.writeFileSync(path.join(home, 'stands.json'), JSON.stringify({ stands }, null, 2));
  const journalJson = async (...args: string[]) => JSON.parse((await cli(['journal', 'list', '--format', 'json', '--limit', '1000', ...args])).out) as { messageGuid: string; gisMessageGuid?: string; operation: string; state: string; itemsOk?: number; itemsFailed?: number }[];

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-cliexchange-home-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-cliexchange-'));
    await loadSignatureEngine();
    good = await startSandbox({ port: 0, delays: { receivedMs: 30, processingMs: 60 }, verifySignatures: true });
    // Every send is processed and then its connection cut: the client cannot know it arrived.
    flaky = await startSandbox({ port: 0, delays: { receivedMs: 30, processingMs: 60 }, faults: { send: { dropAfter: 1 } } });
    writeTestCertificate(path.join(home, 'keys'));
    fs.writeFileSync(
      path.join(home, 'signing.json'),
      JSON.stringify({ profiles: [{ name: 'Тест', algorithm: 'gost2012-256', keySource: 'pem', keyFile: 'keys/test-key.pem', certificateFile: 'keys/test-certificate.pem' }] }),
    );
    writeStands([
      { name: 'sandbox', baseUrl: good.url, signingProfile: 'Тест', poll: { firstDelayMs: 40, factor: 1.5, ceilingMs: 200 } },
      { name: 'flaky', title: 'Обрывы связи', baseUrl: flaky.url, transport: 'direct', signingProfile: 'Тест', poll: { firstDelayMs: 10, factor: 1.5, ceilingMs: 100 } },
    ]);
  });
  after(async () => {
    await good?.close();
    await flaky?.close();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists the exchange commands and the demo in the help, in Russian and in English', async () => {
    const ru = await cli(['help']);
    assert.equal(ru.code, 0);
    for (const c of ['gis-zhkh demo', 'gis-zhkh send --stand', 'gis-zhkh state <MessageGUID>', 'gis-zhkh journal list', 'gis-zhkh journal show', 'gis-zhkh journal export', 'gis-zhkh sandbox']) assert.ok(ru.out.includes(c), c);
    assert.match(ru.out, /Отправить запросы/);
    const en = await cli(['help', '--lang', 'en']);
    assert.match(en.out, /Send requests: validate, sign, send, poll getState/);
  });

  it('sends a signed import to the sandbox, polls it to its answer and journals every file', async () => {
    const before = good.stats().accepted;
    const r = await cli(['send', '--stand', 'sandbox', sample('house-management/importAccountData.request.xml')]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Профиль подписи: Тест/);
    assert.match(r.out, /проверено по схеме: без ошибок/);
    assert.match(r.out, /\] подписано/);
    assert.match(r.out, /принято ГИС, MessageGUID ГИС [0-9a-f-]{36}/);
    assert.match(r.out, /getState: RequestState 3 \(обработано\)/);
    assert.match(r.out, /Состояние: обработано \(done\); элементов: успешно 3, с ошибками 0/);
    assert.match(r.out, /Account → GUID [0-9a-f-]{36}, уникальный номер \S+/);
    assert.equal(good.stats().accepted, before + 1);
    const folder = /Журнал: (.+)/.exec(r.out)![1].trim();
    assert.ok(folder.startsWith(path.join(home, 'journal')), folder);
    for (const f of ['request.xml', 'request.signed.xml', 'ack.xml', 'answer.xml']) assert.ok(fs.existsSync(path.join(folder, f)), f);
  });

  it('reports per-item business errors as the answer gives them (done, exit 0)', async () => {
    const r = await cli(['send', '--stand', 'sandbox', sample('payment/importSupplierNotificationsOfOrderExecution.request.xml')]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /успешно 1, с ошибками 1/);
    assert.match(r.out, /0123675a-45c0-4b11-9407-3a272d94f337 SupplierNotificationOfOrderExecution → ошибка INT002012: /);
  });

  it('refuses an invalid request without sending it (exit 1); --allow-invalid sends it and the stand rejects it', async () => {
    const xml = fs.readFileSync(sample('house-management/importAccountData.request.xml'), 'utf8').replace('<account-base:AccountNumber>22-0236</account-base:AccountNumber>', '<account-base:AccountNumbr>22-0236</account-base:AccountNumbr>');
    const bad = path.join(work, 'invalid.xml');
    fs.writeFileSync(bad, xml);
    const accepted = good.stats().accepted;
    const refused = await cli(['send', '--stand', 'sandbox', bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /не проходит схему/);
    assert.match(refused.out, /AccountNumbr/);
    assert.match(refused.out, /--allow-invalid/);
    assert.equal(good.stats().accepted, accepted, 'nothing reached the stand');
    const faults = good.stats().faults;
    const forced = await cli(['send', '--stand', 'sandbox', '--allow-invalid', bad]);
    assert.equal(forced.code, 1);
    assert.match(forced.out, /Состояние: отклонено \(rejected\)/);
    assert.equal(good.stats().faults, faults + 1, 'the stand answered with a SOAP Fault');
  });

  it('refuses getState samples with a pointer to gis-zhkh state, and unknown stands as a usage error', async () => {
    const r = await cli(['send', '--stand', 'sandbox', sample('nsi/getState.request.xml')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /getState — его посылает сам обмен; состояние сообщения: gis-zhkh state <MessageGUID>/);
    const u = await cli(['send', '--stand', 'sit-03', sample('nsi/importMunicipalServices.request.xml')]);
    assert.equal(u.code, 2);
    assert.match(u.err, /Нет стенда «sit-03»\. Есть: sit-01, sit-02, ppak, sandbox, flaky/);
  });

  it('--no-wait leaves the message acknowledged; state asks once (by GIS\'s GUID) and prints the items', async () => {
    const r = await cli(['send', '--stand', 'sandbox', '--no-wait', sample('bills/importPaymentDocumentData.request.xml')]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Состояние: принято ГИС \(acknowledged\)/);
    assert.doesNotMatch(r.out, /getState/);
    const gis = /\(ГИС: ([0-9a-f-]{36})\)/.exec(r.out)![1];
    await new Promise((res) => setTimeout(res, 300)); // past the sandbox's 30 + 60 ms
    const s = await cli(['state', gis]);
    assert.equal(s.code, 0, s.out + s.err);
    assert.match(s.out, /getState: RequestState 3/);
    assert.match(s.out, /Состояние: обработано \(done\); элементов: успешно 3, с ошибками 0/);
    assert.match(s.out, /PaymentDocument → GUID [0-9a-f-]{36}, уникальный номер \S+/);
    const missing = await cli(['state', '00000000-0000-0000-0000-000000000000']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /нет сообщения 00000000-0000-0000-0000-000000000000/);
  });

  it('journal list filters by state and stand, as text and JSON', async () => {
    const all = await journalJson();
    assert.ok(all.length >= 4); // the refused invalid request and the getState sample never entered it
    const done = await journalJson('--state', 'done');
    assert.ok(done.length >= 3 && done.every((m) => m.state === 'done'));
    assert.ok(done.some((m) => m.operation === 'importAccountData' && m.itemsOk === 3 && m.itemsFailed === 0));
    const rejected = await journalJson('--state', 'rejected', '--stand', 'sandbox');
    assert.equal(rejected.length, 1);
    assert.deepEqual(await journalJson('--stand', 'sit-01'), []);
    const text = await cli(['journal', 'list', '--limit', '2']);
    assert.equal(text.code, 0);
    assert.match(text.out, /Создано\s+Стенд\s+Операция\s+Состояние/);
    assert.match(text.out, new RegExp(`Показано 2 из ${all.length}`));
    const bad = await cli(['journal', 'list', '--state', 'finished']);
    assert.equal(bad.code, 2);
  });

  it('journal show prints metadata, items and the files with their paths (by a GUID prefix)', async () => {
    const m = (await journalJson('--state', 'done')).find((x) => x.operation === 'importAccountData')!;
    const r = await cli(['journal', 'show', m.messageGuid.slice(0, 8)]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(`MessageGUID: ${m.messageGuid} (ГИС: ${m.gisMessageGuid})`));
    assert.match(r.out, /Account → GUID/);
    assert.match(r.out, /Попыток отправки: 1; опросов: \d+/);
    const answer = /answer\s+(\S+answer\.xml)/.exec(r.out)![1];
    assert.ok(fs.readFileSync(answer, 'utf8').includes('<'), 'the answer file the listing names is there');
    const json = JSON.parse((await cli(['journal', 'show', m.messageGuid, '--format', 'json'])).out) as { items: { ok: boolean }[]; files: { kind: string }[] };
    assert.equal(json.items.length, 3);
    assert.ok(json.items.every((i) => i.ok));
    assert.deepEqual(json.files.map((f) => f.kind).filter((k) => k !== 'poll' && k !== 'poll-request'), ['request', 'signed', 'ack', 'answer']);
  });

  it('journal export writes a zip with the request, the answer and a summary', async () => {
    const m = (await journalJson('--state', 'done')).find((x) => x.operation === 'importSupplierNotificationsOfOrderExecution')!;
    const zip = path.join(work, 'support.zip');
    const r = await cli(['journal', 'export', m.messageGuid, '-o', zip]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(zip));
    const entries = await readZip(zip);
    for (const f of ['request.xml', 'request.signed.xml', 'ack.xml', 'answer.xml', 'summary.json']) assert.ok(entries.has(f), f);
    assert.match(entries.get('request.signed.xml')!, /<ds:Signature/);
    assert.match(entries.get('answer.xml')!, /INT002012/);
    const summary = JSON.parse(entries.get('summary.json')!) as { state: string; itemsFailed: number };
    assert.equal(summary.state, 'done');
    assert.equal(summary.itemsFailed, 1);
    const def = await cli(['journal', 'export', m.messageGuid]);
    assert.equal(def.code, 0);
    assert.ok(fs.existsSync(path.join(work, `${m.messageGuid}.zip`)), 'default name in the working folder');
  });

  it('a message whose delivery is unknown is listed, and resent with its own MessageGUID only with --resend-unknown', async () => {
    const r = await cli(['send', '--stand', 'flaky', sample('nsi/importMunicipalServices.request.xml')]);
    assert.equal(r.code, 1, 'not known to have arrived');
    assert.match(r.out, /Состояние: отправляется \(sending\)/);
    assert.match(r.out, /gis-zhkh send --stand flaky --resend-unknown/);
    const guid = /MessageGUID: ([0-9a-f-]{36})/.exec(r.out)![1];
    assert.ok(flaky.stats().accepted >= 1 && flaky.stats().processed >= 1, 'the stand did get it');

    const listed = await cli(['send', '--stand', 'flaky']);
    assert.equal(listed.code, 0);
    assert.match(listed.out, /неизвестно, дошли ли, 1/);
    assert.ok(listed.out.includes(`${guid} nsi/importMunicipalServices`));
    assert.match(listed.out, /добавьте --resend-unknown/);

    // The same stand name, now reachable without cuts: the resend keeps the MessageGUID.
    writeStands([
      { name: 'sandbox', baseUrl: good.url, signingProfile: 'Тест', poll: { firstDelayMs: 40, factor: 1.5, ceilingMs: 200 } },
      { name: 'flaky', baseUrl: good.url, transport: 'direct', signingProfile: 'Тест', poll: { firstDelayMs: 10, factor: 1.5, ceilingMs: 100 } },
    ]);
    const resent = await cli(['send', '--stand', 'flaky', '--resend-unknown']);
    assert.equal(resent.code, 0, resent.out + resent.err);
    assert.ok(resent.out.includes(`MessageGUID: ${guid}`));
    assert.match(resent.out, /Состояние: обработано \(done\); элементов: успешно 5, с ошибками 0/);
    // The cut connection was the first attempt's problem; once GIS acknowledged, it is no longer the message's.
    assert.doesNotMatch(resent.out, /TRANSPORT-RESET/);
    const m = (await journalJson('--stand', 'flaky')).find((x) => x.messageGuid === guid)!;
    assert.equal(m.state, 'done');
  });

  it('reading commands open a journal another process holds read-only; send refuses it', async () => {
    // A writer in this process holds the journal's lock, as VS Code or a running send would.
    const holder = await Journal.open(path.join(home, 'journal'));
    try {
      const list = await cli(['journal', 'list']);
      assert.equal(list.code, 0, list.err);
      assert.match(list.out, /журнал открыт другим процессом: показано только для чтения/);
      assert.match(list.out, /importAccountData/);
      const send = await cli(['send', '--stand', 'sandbox', sample('nsi/importMunicipalServices.request.xml')]);
      assert.equal(send.code, 2);
      assert.match(send.err, new RegExp(`открыт на запись другим процессом \\(pid ${process.pid}\\)`));
    } finally {
      await holder.close();
    }
  });

  it('refuses a stands file with a secret in it, and keeps the secret out of the output', async () => {
    const file = path.join(work, 'stands-secret.json');
    fs.writeFileSync(file, JSON.stringify({ stands: [{ name: 'sit-01', clientKeyPassword: 'Секрет-4419' }] }));
    const r = await cli(['send', '--stand', 'sit-01', '--stands', file, sample('nsi/importMunicipalServices.request.xml')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /поле clientKeyPassword: пароли и PIN-коды в файле стендов не хранятся/);
    assert.ok(!(r.out + r.err).includes('Секрет-4419'));
  });

  it('demo: every sample request reaches its expected end on embedded defaults (exit 0)', async () => {
    const dir = path.join(work, 'demo');
    const r = await cli(['demo', '--dir', dir], { GIS_ZHKH_HOME: path.join(work, 'empty-home') });
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Запросов: 33; getState\.request\.xml \(10\) не отправляются: это опросы/);
    assert.match(r.out, /Песочница: http:\/\/127\.0\.0\.1:\d+ \(проверка подписи включена\)/);
    const summary = r.out.slice(r.out.indexOf('Сводка журнала:'));
    const rows = summary.split('\n').filter((l) => /^[a-z-]+\/[A-Za-z]+\s/.test(l));
    assert.equal(rows.length, 33, 'a summary line per sample request');
    assert.ok(rows.every((l) => / обработано /.test(l) && /как ожидалось$/.test(l)), rows.filter((l) => !/как ожидалось$/.test(l)).join('\n'));
    assert.match(summary, /payment\/importSupplierNotificationsOfOrderExecution\s+\S+\s+обработано\s+1\/1/);
    assert.match(r.out, /Итого: отправлено 33 из 33, обработано 33, с ожидаемым итогом 33/);
    assert.match(r.out, /Песочница: принято 33, обработано 33, отказов \(SOAP Fault\) 0/);
    // --dir is kept: the key, the profile and a journal of 33 finished messages.
    assert.ok(fs.existsSync(path.join(dir, 'keys', 'test-certificate.pem')));
    assert.ok(fs.existsSync(path.join(dir, 'signing.json')));
    const journal = JSON.parse((await cli(['journal', 'list', '--journal', path.join(dir, 'journal'), '--format', 'json'])).out) as { state: string }[];
    assert.equal(journal.length, 33);
    assert.ok(journal.every((m) => m.state === 'done'));
  });
});

describe('stands.json for the CLI (standsFile.ts)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-stands-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (json: unknown) => {
    const f = path.join(dir, 'stands.json');
    fs.writeFileSync(f, JSON.stringify(json));
    return f;
  };

  it('gives the built-in stands when there is no stands.json', () => {
    assert.deepEqual(loadStands(undefined, 'ru', { GIS_ZHKH_HOME: path.join(dir, 'none') }).map((s) => s.name), ['sit-01', 'sit-02', 'ppak', 'sandbox']);
  });

  it('lays the user\'s fields over a built-in stand by name, resolving file paths against the file', () => {
    const f = write({ stands: [{ name: 'sit-01', orgPPAGUID: '1b6b5f8e-7b49-4c0e-9f35-3f1f2ad0c8a1', caFile: 'ca/sit.pem' }, { name: 'sandbox', poll: { firstDelayMs: 50 } }, { name: 'mine', baseUrl: 'https://127.0.0.1:9443', transport: 'direct', clientKeyFile: 'client.key' }] });
    const stands = loadStands(f, 'ru');
    const sit = stands.find((s) => s.name === 'sit-01')!;
    assert.equal(sit.baseUrl, BUILTIN_STANDS[0].baseUrl);
    assert.equal(sit.transport, 'tunnel');
    assert.equal(sit.orgPPAGUID, '1b6b5f8e-7b49-4c0e-9f35-3f1f2ad0c8a1');
    assert.equal(sit.caFile, path.join(dir, 'ca', 'sit.pem'));
    const sandbox = stands.find((s) => s.name === 'sandbox')!;
    assert.deepEqual(sandbox.poll, { ...BUILTIN_STANDS[3].poll, firstDelayMs: 50 });
    assert.equal(stands.find((s) => s.name === 'mine')!.clientKeyFile, path.join(dir, 'client.key'));
  });

  it('refuses secrets, unknown fields, bad values and new stands without an address', () => {
    const refused = (json: unknown, re: RegExp) => assert.throws(() => loadStands(write(json), 'ru'), (e: Error) => e instanceof UsageError && re.test(e.message));
    refused({ stands: [{ name: 'sit-01', pin: '1234' }] }, /поле pin: пароли и PIN-коды/);
    refused({ stands: [{ name: 'sit-01', tlsPassword: 'x' }] }, /поле tlsPassword/);
    refused({ stands: [{ name: 'sit-01', baseURL: 'https://x' }] }, /неизвестное поле baseURL/);
    refused({ stands: [{ name: 'sit-01', transport: 'ftp' }] }, /transport: direct \| tunnel/);
    refused({ stands: [{ name: 'sit-01', baseUrl: 'ftp://x' }] }, /нужен http:\/\/ или https:\/\//);
    refused({ stands: [{ name: 'sit-01', poll: { firstDelayMs: -1 } }] }, /poll\.firstDelayMs — положительное число/);
    refused({ stands: [{ name: 'new-one', transport: 'direct' }] }, /нет baseUrl/);
    refused({ stands: [{ name: 'a' }, { name: 'a' }] }, /указан дважды/);
    refused({ stands: [{ name: 'плохое имя' }] }, /name — имя стенда/);
  });
});
