import type { ItemOutcome, MessageOutcome } from '../../../server/src/exchange/exchangeApi';
import type { Journal, JournalMessage, MessageFile } from '../../../server/src/journal';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { STATE_TEXT } from './exchangeProgress';

/**
 * How send, state and `journal show` print a message: who and what, its state, its items
 * matched by TransportGUID, and where its XML files are.
 */
export function iso(t: number | undefined): string | undefined {
  return t === undefined ? undefined : new Date(t).toISOString();
}

export function stateText(m: JournalMessage, lang: Lang): string {
  return `${STATE_TEXT[lang][m.state]} (${m.state})`;
}

export function itemLine(i: ItemOutcome, lang: Lang): string {
  const ru = lang === 'ru';
  const what = i.item ? `${i.transportGuid} ${i.item}` : i.transportGuid;
  if (!i.ok) {
    const errs = i.errors.map((e) => `${e.code}: ${e.description}`).join('; ') || (ru ? 'ошибка без описания' : 'error without a description');
    return `  ${what} → ${ru ? 'ошибка' : 'error'} ${errs}`;
  }
  const parts: string[] = [];
  if (i.guid) parts.push(`GUID ${i.guid}`);
  if (i.uniqueNumber) parts.push(`${ru ? 'уникальный номер' : 'unique number'} ${i.uniqueNumber}`);
  if (i.updateDate) parts.push(`${ru ? 'изменено' : 'updated'} ${i.updateDate}`);
  return `  ${what} → ${parts.join(', ') || (ru ? 'принято' : 'accepted')}`;
}

/** The message's lines; `folder` is the journal folder of its files. */
export function outcomeLines(o: MessageOutcome, lang: Lang, folder?: string): string[] {
  const ru = lang === 'ru';
  const m = o.message;
  const lines = [
    `  MessageGUID: ${m.messageGuid}${m.gisMessageGuid ? (ru ? ` (ГИС: ${m.gisMessageGuid})` : ` (GIS: ${m.gisMessageGuid})`) : ''}`,
    `  ${ru ? 'Стенд' : 'Stand'}: ${m.stand}; ${ru ? 'операция' : 'operation'}: ${m.service}/${m.operation}`,
  ];
  const counts =
    m.itemsOk !== undefined || m.itemsFailed !== undefined
      ? ru
        ? `; элементов: успешно ${m.itemsOk ?? 0}, с ошибками ${m.itemsFailed ?? 0}`
        : `; items: ok ${m.itemsOk ?? 0}, failed ${m.itemsFailed ?? 0}`
      : '';
  lines.push(`  ${ru ? 'Состояние' : 'State'}: ${stateText(m, lang)}${counts}`);
  if (m.errorCode || m.errorText) {
    // A message still being sent carries its last attempt's problem, not a verdict (the engine
    // clears it once GIS acknowledges).
    const passing = m.state === 'sending';
    const label = passing ? (ru ? 'Последний сбой связи' : 'Last connection problem') : ru ? 'Ошибка' : 'Error';
    lines.push(`  ${label}: ${[m.errorCode, m.errorText].filter(Boolean).join(' ')}`);
  }
  if (o.items.length > 0) {
    lines.push(ru ? '  Элементы (по TransportGUID):' : '  Items (by TransportGUID):');
    for (const i of o.items) lines.push(`  ${itemLine(i, lang)}`);
  }
  for (const t of o.unanswered) lines.push(ru ? `    ${t} → нет в ответе ГИС` : `    ${t} → not in GIS's answer`);
  if (folder) lines.push(`  ${ru ? 'Журнал' : 'Journal'}: ${folder}`);
  return lines;
}

export function fileLines(files: readonly MessageFile[], lang: Lang): string[] {
  if (files.length === 0) return [lang === 'ru' ? '  Файлов нет' : '  No files'];
  return [lang === 'ru' ? '  Файлы:' : '  Files:', ...files.map((f) => `    ${f.kind.padEnd(12)} ${f.path}`)];
}

/** Whether a message ended badly: the CLI's exit code 1. */
export function endedBadly(m: JournalMessage): boolean {
  return m.state === 'failed' || m.state === 'rejected' || m.state === 'abandoned';
}

/**
 * A message named on the command line: our MessageGUID, GIS's, or the unique start of either
 * (as `journal list` shows them). Undefined when none matches; a usage error when several do.
 */
export function findMessage(journal: Journal, spec: string, lang: Lang): JournalMessage | undefined {
  const s = spec.trim().toLowerCase();
  if (!/^[0-9a-f-]+$/.test(s)) throw new UsageError(lang === 'ru' ? `Не MessageGUID: ${spec}` : `Not a MessageGUID: ${spec}`);
  const exact = journal.get(s) ?? journal.findByGisGuid(s);
  if (exact) return exact;
  const found = journal.list({ guidPrefix: s }, { limit: 2 });
  if (found.length > 1) throw new UsageError(lang === 'ru' ? `Начало ${spec} подходит к нескольким сообщениям: укажите MessageGUID полностью` : `${spec} starts several messages' GUIDs: give the whole MessageGUID`);
  return found[0];
}

export function notFound(spec: string, journal: Journal, lang: Lang): string {
  return lang === 'ru' ? `В журнале ${journal.root} нет сообщения ${spec}` : `No message ${spec} in the journal at ${journal.root}`;
}
