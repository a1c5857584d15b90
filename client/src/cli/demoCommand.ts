import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RequestInvalidError } from '../../../server/src/exchange/exchangeApi';
import { answerItems } from '../../../server/src/exchange/itemMatching';
import { messageError, readAnswer } from '../../../server/src/exchange/soapAnswer';
import { BUILTIN_STANDS, StandProfile } from '../../../server/src/exchange/standProfile';
import type { JournalMessage } from '../../../server/src/journal';
import { productRoot } from '../../../server/src/productPaths';
import { startSandbox } from '../../../server/src/sandbox/sandboxStand';
import { writeTestCertificate } from '../../../server/src/signature/keys/testCertificate';
import { loadSignatureEngine } from '../../../server/src/signatureService';
import type { Lang } from '../../../server/src/validation/messages';
import { parseXmlTree } from '../../../server/src/xml/xmlTree';
import { UsageError } from './cliErrors';
import { buildExchangeSetup, loadSigningProfiles, openCliExchange } from './exchangeSetup';
import { STATE_TEXT, progressPrinter } from './exchangeProgress';
import { table } from './journalCommand';

/**
 * `gis-zhkh demo`: the product's main job on embedded defaults, with nothing set up. It starts
 * the sandbox stand in this process (bundled package, signature verification on, short delays),
 * makes a test GOST key and certificate and a signing profile for them, then validates, signs
 * and sends every request of samples/ in the order of the samples' story, polls each to its
 * end and prints the journal's summary.
 *
 * The story spans March to November 2026 (readings for March, bills for October…), and GIS's
 * rules depend on the day (readings are taken until the 25th of the next month). So the sandbox
 * runs on the story's clock: each request reaches it at the moment its header's Date names, and
 * time runs on from there. The demo gives the same result whatever day it is run on.
 *
 * Each sample's .result.xml says what GIS answers (one of them a deliberate business error on
 * an item); a message "reached its expected end" when its state and its failed items' error
 * codes are the ones its .result.xml shows. Exit 0 when every message did, 1 otherwise.
 */

export interface DemoSample {
  /** `<folder>/<operation>`, e.g. `house-management/importAccountData`. */
  readonly name: string;
  readonly file: string;
  /** When the story sends it: the request header's base:Date. */
  readonly storyTime?: Date;
  readonly expected?: Expectation;
}

/** What the sample's .result.xml answers: a whole-message error, or the codes of failed items. */
export interface Expectation {
  readonly messageError?: string;
  readonly failedCodes: readonly string[];
}

export function sampleExpectation(resultFile: string): Expectation | undefined {
  if (!fs.existsSync(resultFile)) return undefined;
  const a = readAnswer({ status: 200, body: fs.readFileSync(resultFile, 'utf8') });
  if (a.kind !== 'state') return undefined;
  const whole = messageError(a.result);
  if (whole) return { messageError: whole.code, failedCodes: [] };
  return { failedCodes: answerItems(a.result).filter((i) => !i.ok).flatMap((i) => i.errors.map((e) => e.code)).sort() };
}

/** The header's Date of a sample request (RequestHeader or ISRequestHeader). */
export function sampleTime(xml: string): Date | undefined {
  const root = parseXmlTree(xml);
  const header = root?.children.find((c) => c.local === 'Header')?.children[0];
  const text = header?.children.find((c) => c.local === 'Date')?.text.trim();
  const t = text ? new Date(text) : undefined;
  return t && !Number.isNaN(t.getTime()) ? t : undefined;
}

/**
 * The requests to send in the order of the samples' story (samples/README.md), which is the order
 * of their header dates: reference data, the house, its accounts and meters, readings, bills,
 * payments and their acknowledgement. And the getState polls, which are left out.
 */
export function demoSamples(samplesDir: string): { samples: DemoSample[]; polls: string[] } {
  const found: DemoSample[] = [];
  const polls: string[] = [];
  for (const folder of fs.readdirSync(samplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const f of fs.readdirSync(path.join(samplesDir, folder)).filter((n) => n.endsWith('.request.xml')).sort()) {
      const op = f.slice(0, -'.request.xml'.length);
      const file = path.join(samplesDir, folder, f);
      if (op === 'getState') {
        polls.push(file);
        continue;
      }
      const storyTime = sampleTime(fs.readFileSync(file, 'utf8'));
      found.push({ name: `${folder}/${op}`, file, storyTime, expected: sampleExpectation(path.join(samplesDir, folder, `${op}.result.xml`)) });
    }
  }
  const at = (s: DemoSample) => s.storyTime?.getTime() ?? Number.MAX_SAFE_INTEGER;
  found.sort((a, b) => at(a) - at(b) || a.name.localeCompare(b.name));
  return { samples: found, polls };
}

/** Whether the message ended as the sample's answer says; the reason when not. */
export function judge(m: JournalMessage | undefined, failedCodes: readonly string[], e: Expectation | undefined, lang: Lang): { ok: boolean; note: string } {
  const ru = lang === 'ru';
  if (!m) return { ok: false, note: ru ? 'не отправлено' : 'not sent' };
  if (e?.messageError) {
    const ok = m.state === 'failed' && m.errorCode === e.messageError;
    return { ok, note: ok ? (ru ? `ошибка ${e.messageError}, как в образце` : `error ${e.messageError}, as in the sample`) : ru ? `ожидалась ошибка ${e.messageError}` : `expected error ${e.messageError}` };
  }
  if (m.state !== 'done') return { ok: false, note: ru ? 'не обработано' : 'not processed' };
  const want = e?.failedCodes ?? [];
  const same = want.length === failedCodes.length && want.every((c, i) => c === failedCodes[i]);
  if (same) return { ok: true, note: want.length ? (ru ? `ошибка ${want.join(', ')}, как в образце` : `error ${want.join(', ')}, as in the sample`) : ru ? 'как в образце' : 'as in the sample' };
  const got = failedCodes.join(', ') || '—';
  return { ok: false, note: ru ? `ошибки элементов: ${got}; в образце: ${want.join(', ') || '—'}` : `item errors: ${got}; the sample has: ${want.join(', ') || '—'}` };
}

function clock(t: number | undefined): string {
  if (t === undefined) return '—';
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export async function demoCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      samples: { type: 'string' },
      sign: { type: 'string', default: 'imports' },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(ru ? `Лишнее: ${positionals.join(' ')}` : `Unexpected: ${positionals.join(' ')}`);
  if (values.sign !== 'imports' && values.sign !== 'all') throw new UsageError('--sign: imports | all');
  const samplesDir = path.resolve(values.samples ?? path.join(productRoot(), 'samples'));
  if (!fs.existsSync(samplesDir)) throw new UsageError(ru ? `Нет папки примеров: ${samplesDir}` : `No samples folder: ${samplesDir}`);
  const { samples, polls } = demoSamples(samplesDir);
  if (samples.length === 0) throw new UsageError(ru ? `В ${samplesDir} нет запросов *.request.xml` : `${samplesDir} holds no *.request.xml requests`);

  const started = Date.now();
  const temp = !values.dir;
  const dir = path.resolve(values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-demo-')));
  fs.mkdirSync(dir, { recursive: true });
  out(ru ? `Демо ГИС ЖКХ. Папка: ${dir}` : `GIS ZhKKh demo. Folder: ${dir}`);

  // 1. A test key and certificate, and a signing profile naming them (signing.json as a user writes it).
  // Valid from before the story's first request (the sandbox checks signatures on its clock) until a year from now.
  const first = samples.reduce((t, x) => Math.min(t, x.storyTime?.getTime() ?? t), Date.now());
  const from = new Date(first - 86400_000);
  const keys = writeTestCertificate(path.join(dir, 'keys'), { now: from, validDays: Math.ceil((Date.now() - from.getTime()) / 86400_000) + 365 });
  const profilesFile = path.join(dir, 'signing.json');
  const profile = { name: 'demo', algorithm: 'gost2012-256', keySource: 'pem', keyFile: path.relative(dir, keys.keyFile), certificateFile: path.relative(dir, keys.certificateFile), signOperations: values.sign };
  fs.writeFileSync(profilesFile, JSON.stringify({ defaultProfile: 'demo', profiles: [profile] }, null, 2) + '\n');
  const signing = loadSigningProfiles(profilesFile, lang);
  out(ru ? `Тестовый ключ ГОСТ Р 34.10-2012 (256) и самоподписанный сертификат: ${keys.certificateFile}` : `Test GOST R 34.10-2012 (256) key and self-signed certificate: ${keys.certificateFile}`);
  out(
    values.sign === 'all'
      ? ru ? 'Профиль подписи «demo» подписывает все запросы' : 'Signing profile "demo" signs every request'
      : ru ? 'Профиль подписи «demo» подписывает импорты, как требует ГИС; экспорты уходят без подписи (--sign all — подписать все)' : 'Signing profile "demo" signs imports as GIS requires; exports go unsigned (--sign all signs every request)',
  );

  // 2. The sandbox stand in this process: the sandbox verifies every signature it gets.
  await loadSignatureEngine();
  let storyOffset = 0;
  const sandbox = await startSandbox({
    port: 0,
    dataDir: path.join(dir, 'sandbox'),
    delays: { receivedMs: 20, processingMs: 40 },
    verifySignatures: true,
    lang,
    now: () => new Date(Date.now() + storyOffset),
  });
  let exchange: Awaited<ReturnType<typeof openCliExchange>> | undefined;
  // Ctrl+C stops after closing the stand and the journal (and removing a temporary folder).
  const abort = new AbortController();
  const onSigint = (): void => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    out(ru ? `Песочница: ${sandbox.url} (проверка подписи включена)` : `Sandbox: ${sandbox.url} (signature verification on)`);
    const builtin = BUILTIN_STANDS.find((s) => s.name === 'sandbox')!;
    const stand: StandProfile = { ...builtin, baseUrl: sandbox.url, signingProfile: 'demo', formatVersion: 'bundled', poll: { firstDelayMs: 40, factor: 1.5, ceilingMs: 200, giveUpAfterMs: 60_000 } };
    const setup = buildExchangeSetup({ lang, journal: path.join(dir, 'journal'), stands: [stand], signingProfiles: signing.profiles, onEvent: values.verbose ? progressPrinter(lang, out) : undefined, env: {}, tty: false });
    exchange = await openCliExchange(setup, 'write', lang);
    const { engine, journal } = exchange;
    out(ru ? `Журнал: ${journal.root}` : `Journal: ${journal.root}`);
    out(
      ru
        ? `Запросов: ${samples.length}; getState.request.xml (${polls.length}) не отправляются: это опросы, их посылает сам обмен`
        : `Requests: ${samples.length}; getState.request.xml (${polls.length}) are not sent: they are polls, the exchange sends its own`,
    );
    out(
      ru
        ? 'Песочница живёт по часам истории примеров: каждый запрос приходит в момент из своего заголовка (base:Date), поэтому показания за март принимаются как в марте'
        : "The sandbox runs on the samples' story clock: each request arrives at the moment its header (base:Date) names, so March readings are taken as in March",
    );

    // 3. Every request, one after another: later samples rely on what earlier imports created.
    const results: { sample: DemoSample; m?: JournalMessage; failedCodes: string[]; problem?: string }[] = [];
    for (const sample of samples) {
      if (abort.signal.aborted) {
        out(ru ? 'Прервано' : 'Interrupted');
        break;
      }
      // One message at a time, so moving the stand's clock never touches a message in flight.
      storyOffset = sample.storyTime ? sample.storyTime.getTime() - Date.now() : 0;
      let m: JournalMessage | undefined;
      let failedCodes: string[] = [];
      let problem: string | undefined;
      try {
        const o = await engine.send(stand.name, fs.readFileSync(sample.file, 'utf8'), { signal: abort.signal });
        m = o.message;
        failedCodes = o.items.filter((i) => !i.ok).flatMap((i) => i.errors.map((e) => e.code)).sort();
      } catch (e) {
        if (abort.signal.aborted) {
          out(ru ? 'Прервано' : 'Interrupted');
          break;
        }
        if (e instanceof RequestInvalidError) problem = `${e.message}: ${e.problems.slice(0, 3).join('; ')}`;
        else if (typeof (e as { text?: unknown }).text === 'function') problem = (e as { text(l: Lang): string }).text(lang);
        else throw e;
      }
      results.push({ sample, m, failedCodes, problem });
      const verdict = judge(m, failedCodes, sample.expected, lang);
      const took = m?.answeredAt !== undefined && m.sentAt !== undefined ? ` ${m.answeredAt - m.sentAt} ${ru ? 'мс' : 'ms'}` : '';
      out(`${verdict.ok ? '✓' : '✗'} ${sample.name}: ${m ? STATE_TEXT[lang][m.state] : problem ?? '—'}${took}${verdict.ok && !sample.expected?.failedCodes.length ? '' : ` (${verdict.note})`}`);
    }

    // 4. The journal's summary of this run.
    out('');
    out(ru ? 'Сводка журнала:' : 'Journal summary:');
    const head = ru
      ? ['Операция', 'По истории', 'Состояние', 'Усп./ош.', 'Отправлено → ответ', 'мс', 'Итог']
      : ['Operation', 'Story date', 'State', 'Ok/failed', 'Sent → answered', 'ms', 'Verdict'];
    const rows = results.map(({ sample, m, failedCodes }) => {
      const cur = m && journal.get(m.messageGuid);
      const v = judge(cur, failedCodes, sample.expected, lang);
      return [
        sample.name,
        sample.storyTime ? sample.storyTime.toISOString().slice(0, 10) : '—',
        cur ? STATE_TEXT[lang][cur.state] : ru ? 'не отправлено' : 'not sent',
        cur && (cur.itemsOk !== undefined || cur.itemsFailed !== undefined) ? `${cur.itemsOk ?? 0}/${cur.itemsFailed ?? 0}` : '—',
        `${clock(cur?.sentAt)} → ${clock(cur?.answeredAt)}`,
        cur?.answeredAt !== undefined && cur.sentAt !== undefined ? String(cur.answeredAt - cur.sentAt) : '—',
        v.ok ? (ru ? 'как ожидалось' : 'as expected') : `✗ ${v.note}`,
      ];
    });
    for (const line of table([head, ...rows])) out(line);
    const judged = results.map((r) => judge(r.m && journal.get(r.m.messageGuid), r.failedCodes, r.sample.expected, lang));
    const good = judged.filter((v) => v.ok).length;
    const done = results.filter((r) => r.m && journal.get(r.m.messageGuid)?.state === 'done').length;
    const s = sandbox.stats();
    out('');
    out(
      ru
        ? `Итого: отправлено ${results.filter((r) => r.m).length} из ${samples.length}, обработано ${done}, с ожидаемым итогом ${good}; ${((Date.now() - started) / 1000).toFixed(1)} с`
        : `Total: sent ${results.filter((r) => r.m).length} of ${samples.length}, processed ${done}, with the expected end ${good}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    out(
      ru
        ? `Песочница: принято ${s.accepted}, обработано ${s.processed}, отказов (SOAP Fault) ${s.faults}, повторов ${s.duplicates}, опросов ${s.stateRequests}`
        : `Sandbox: accepted ${s.accepted}, processed ${s.processed}, refused (SOAP Fault) ${s.faults}, duplicates ${s.duplicates}, polls ${s.stateRequests}`,
    );
    if (!temp || values.keep) out(ru ? `Запросы, ответы и журнал: ${dir}; gis-zhkh journal list --journal ${journal.root}` : `Requests, answers and the journal: ${dir}; gis-zhkh journal list --journal ${journal.root}`);
    if (abort.signal.aborted) return 130;
    return good === samples.length ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await exchange?.close();
    await sandbox.close();
    if (temp && !values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
