import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { MessageOutcome, RequestInvalidError } from '../../../server/src/exchange/exchangeApi';
import type { ExchangeEngine } from '../../../server/src/exchange/exchangeEngine';
import { ExchangeError } from '../../../server/src/exchange/exchangeError';
import type { StandProfile } from '../../../server/src/exchange/standProfile';
import type { JournalMessage } from '../../../server/src/journal';
import { BilingualError } from '../../../server/src/signature/bilingualError';
import type { Lang } from '../../../server/src/validation/messages';
import { decodeXmlBytes } from '../../../server/src/xml/decodeXml';
import { UsageError } from './cliErrors';
import { buildExchangeSetup, loadSigningProfiles, openCliExchange } from './exchangeSetup';
import { progressPrinter } from './exchangeProgress';
import { expandFileArgs } from './fileArgs';
import { endedBadly, outcomeLines } from './messageReport';
import { loadStands, pickStand } from './standsFile';

/**
 * `gis-zhkh send --stand <name> <files…>`: each file is validated, signed, sent and polled to
 * its end. Before that, messages a previous run left in flight on the stand are resumed: the
 * acknowledged ones are polled (never resent); ones that may or may not have reached GIS are
 * sent again with their own MessageGUID only with --resend-unknown.
 * Without files, only the resuming is done.
 * Exit 0: all done or acknowledged; 1: a message failed, was rejected, abandoned, refused as
 * invalid, or may not have arrived (left `sending`); 2: usage; 130: interrupted (the journal keeps everything for the next run).
 */
export async function sendCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stand: { type: 'string', short: 's' },
      stands: { type: 'string' },
      journal: { type: 'string' },
      profile: { type: 'string', short: 'p' },
      profiles: { type: 'string' },
      store: { type: 'string' },
      'allow-invalid': { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
      'resend-unknown': { type: 'boolean', default: false },
      sign: { type: 'string', default: 'auto' },
    },
  });
  const sign = values.sign;
  if (sign !== 'auto' && sign !== 'always' && sign !== 'never') throw new UsageError('--sign: auto | always | never');
  const { files, unmatched } = await expandFileArgs(positionals);
  if (unmatched.length > 0) throw new UsageError((ru ? 'Нет файлов: ' : 'No files match: ') + unmatched.join(', '));

  // The stand signs with its own profile, or --profile, or signing.json's default one.
  const signing = loadSigningProfiles(values.profiles, lang);
  const all = loadStands(values.stands, lang);
  let stand = pickStand(all, values.stand, lang);
  const profileName = values.profile ?? stand.signingProfile ?? signing.defaultProfile;
  if (profileName && sign !== 'never') {
    const profile = signing.profiles.find((p) => p.name === profileName);
    if (!profile) {
      const names = signing.profiles.map((p) => p.name).join(', ') || '—';
      throw new UsageError(ru ? `Нет профиля подписи «${profileName}». Есть: ${names}` : `No signing profile "${profileName}". There are: ${names}`);
    }
    stand = { ...stand, signingProfile: profileName };
  }
  const stands = all.map((s) => (s.name === stand.name ? stand : s));

  const setup = buildExchangeSetup({ lang, journal: values.journal, store: values.store, stands, signingProfiles: signing.profiles, onEvent: progressPrinter(lang, out) });
  const exchange = await openCliExchange(setup, 'write', lang);
  const abort = new AbortController();
  const onSigint = (): void => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let bad = false;
  try {
    const { engine, journal } = exchange;
    out(ru ? `Стенд: ${stand.name} (${stand.baseUrl}); журнал: ${journal.root}` : `Stand: ${stand.name} (${stand.baseUrl}); journal: ${journal.root}`);
    // Ask for key secrets once, before anything is sent, not in the middle of a message.
    const profile = stand.signingProfile && sign !== 'never' ? signing.profiles.find((p) => p.name === stand.signingProfile) : undefined;
    if (profile) {
      await setup.secrets.signing(profile);
      out(ru ? `Профиль подписи: ${profile.name}` : `Signing profile: ${profile.name}`);
    }

    const resumed = await resumeInFlight(engine, stand, values['no-wait'], values['resend-unknown'], lang, out, abort.signal);
    bad ||= resumed.some((o) => endedBadly(o.message));
    if (files.length === 0) out(ru ? 'Файлов не указано: только продолжены незавершённые сообщения стенда' : 'No files given: only the stand\'s unfinished messages were resumed');

    for (const file of files) {
      out(`${file}`);
      const decoded = decodeXmlBytes(fs.readFileSync(file));
      if (!decoded.ok || decoded.encoding !== 'utf-8') {
        out(ru ? '  Не отправлен: ГИС ЖКХ принимает только UTF-8' : '  Not sent: GIS ZhKKh takes UTF-8 only');
        bad = true;
        continue;
      }
      try {
        const m = await engine.submit(stand.name, decoded.text, { allowInvalid: values['allow-invalid'], sign, signal: abort.signal });
        const o = values['no-wait'] ? engine.outcome(m.messageGuid) : await engine.waitForAnswer(m.messageGuid, abort.signal);
        for (const line of outcomeLines(o, lang, journal.files.dirOf(o.message.messageGuid))) out(line);
        // Not known to have arrived is not sent as far as a script can tell: exit 1 as well.
        if (o.message.state === 'sending') out(unknownHint(o.message, lang));
        bad ||= endedBadly(o.message) || o.message.state === 'sending';
      } catch (e) {
        if (abort.signal.aborted) throw e;
        if (e instanceof RequestInvalidError) {
          out(`  ${e.message}`);
          for (const p of e.problems.slice(0, 20)) out(`    ${p}`);
          out(ru ? '  Отправить всё равно: --allow-invalid' : '  To send it anyway: --allow-invalid');
        } else if (e instanceof ExchangeError && e.code === 'poll-request') {
          out(ru ? '  Не отправлен: это запрос getState — его посылает сам обмен; состояние сообщения: gis-zhkh state <MessageGUID>' : '  Not sent: this is a getState request, which the exchange sends itself; a message\'s state: gis-zhkh state <MessageGUID>');
        } else if (e instanceof BilingualError || isBilingual(e)) {
          out(`  ${ru ? 'Не отправлен' : 'Not sent'}: ${(e as BilingualError).text(lang)}`);
        } else {
          throw e;
        }
        bad = true;
      }
    }
    return bad ? 1 : 0;
  } catch (e) {
    if (!abort.signal.aborted) throw e;
    out(
      ru
        ? 'Прервано. Всё отправленное — в журнале; gis-zhkh send --stand ' + stand.name + ' продолжит опрос, gis-zhkh journal list покажет сообщения'
        : 'Interrupted. Everything sent is in the journal; gis-zhkh send --stand ' + stand.name + ' resumes polling, gis-zhkh journal list shows the messages',
    );
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
    await exchange.close();
  }
}

/** ExchangeError and key errors carry both languages (`text(lang)`). */
function isBilingual(e: unknown): e is { text(lang: Lang): string } {
  return typeof e === 'object' && e !== null && typeof (e as { text?: unknown }).text === 'function' && typeof (e as { ru?: unknown }).ru === 'string';
}

function unknownHint(m: JournalMessage, lang: Lang): string {
  return lang === 'ru'
    ? `  Неизвестно, получила ли ГИС сообщение ${m.messageGuid}. Отправить его снова с тем же MessageGUID: gis-zhkh send --stand ${m.stand} --resend-unknown`
    : `  It is unknown whether GIS received message ${m.messageGuid}. To send it again with the same MessageGUID: gis-zhkh send --stand ${m.stand} --resend-unknown`;
}

/**
 * Messages a previous run left unfinished on this stand: never-sent ones go out, acknowledged
 * ones are polled to their end, and ones that may have reached GIS are resent only when asked.
 * Other stands' messages are only counted: resuming them may need their tunnel.
 */
async function resumeInFlight(engine: ExchangeEngine, stand: StandProfile, noWait: boolean, resendUnknown: boolean, lang: Lang, out: (s: string) => void, signal: AbortSignal): Promise<MessageOutcome[]> {
  const ru = lang === 'ru';
  const journal = engine.journal;
  const pending = [...journal.list({ states: ['draft', 'signed'] }, { limit: -1 }), ...journal.inFlight().map((f) => f.message)];
  const mine = pending.filter((m) => m.stand === stand.name);
  const others = pending.length - mine.length;
  if (others > 0) {
    out(ru ? `Незавершённых сообщений других стендов: ${others} (их продолжит gis-zhkh send --stand <стенд>)` : `Unfinished messages of other stands: ${others} (gis-zhkh send --stand <stand> resumes them)`);
  }
  if (mine.length === 0) return [];
  const unknown = mine.filter((m) => m.state === 'sending');
  const unsent = mine.filter((m) => m.state === 'draft' || m.state === 'signed');
  const polled = mine.filter((m) => m.state === 'acknowledged' || m.state === 'processing');
  out(
    ru
      ? `Незавершённые сообщения стенда ${stand.name}: ожидают ответа ${polled.length}, не отправлены ${unsent.length}, неизвестно, дошли ли, ${unknown.length}`
      : `Unfinished messages of stand ${stand.name}: awaiting an answer ${polled.length}, never sent ${unsent.length}, may or may not have arrived ${unknown.length}`,
  );
  if (unknown.length > 0 && !resendUnknown) {
    for (const m of unknown) out(`  ${m.messageGuid} ${m.service}/${m.operation} (${ru ? 'попыток' : 'attempts'}: ${m.attempts})`);
    out(
      ru
        ? '  Они могли дойти до ГИС. Отправить их снова с теми же MessageGUID (ГИС не примет дубль): добавьте --resend-unknown'
        : '  They may have reached GIS. To send them again with the same MessageGUIDs (GIS will not take a duplicate): add --resend-unknown',
    );
  }
  if (noWait) {
    if (polled.length > 0) out(ru ? '  --no-wait: опрос отложен; gis-zhkh state <MessageGUID> спросит один раз' : '  --no-wait: polling skipped; gis-zhkh state <MessageGUID> asks once');
    return [];
  }
  const work: Promise<MessageOutcome>[] = [
    ...polled.map((m) => engine.waitForAnswer(m.messageGuid, signal)),
    ...unsent.map((m) => engine.retry(m.messageGuid, { signal })),
    ...(resendUnknown ? unknown.map((m) => engine.retry(m.messageGuid, { signal })) : []),
  ];
  const results = await Promise.allSettled(work);
  const outcomes: MessageOutcome[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') {
      outcomes.push(r.value);
      out(ru ? 'Продолжено:' : 'Resumed:');
      for (const line of outcomeLines(r.value, lang, journal.files.dirOf(r.value.message.messageGuid))) out(line);
    } else {
      if (signal.aborted) throw r.reason;
      out(`  ${ru ? 'Не продолжено' : 'Not resumed'}: ${isBilingual(r.reason) ? r.reason.text(lang) : String((r.reason as Error)?.message ?? r.reason)}`);
    }
  }
  return outcomes;
}
