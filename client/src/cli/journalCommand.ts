import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { MESSAGE_STATES, MessageState } from '../../../server/src/journal';
import { messageRecord } from '../../../server/src/journal/messageExport';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { buildExchangeSetup, defaultJournalDir, openCliExchange, openCliJournal } from './exchangeSetup';
import { STATE_TEXT } from './exchangeProgress';
import { fileLines, findMessage, iso, notFound, outcomeLines } from './messageReport';

/**
 * `gis-zhkh journal list|show|export`: what was sent where and what came back. These commands
 * only read, so a journal another process is writing (VS Code, a running send) is opened
 * read-only and shown as of its last durable change.
 */
export async function journalCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
      return listCommand(rest, lang, out);
    case 'show':
      return showCommand(rest, lang, out);
    case 'export':
      return exportCommand(rest, lang, out);
    default:
      throw new UsageError(lang === 'ru' ? 'gis-zhkh journal list | show <MessageGUID> | export <MessageGUID> [-o файл.zip]' : 'gis-zhkh journal list | show <MessageGUID> | export <MessageGUID> [-o file.zip]');
  }
}

function emptyJournal(dir: string, lang: Lang): string {
  return lang === 'ru' ? `Журнал пуст: ${dir}` : `The journal is empty: ${dir}`;
}

function readOnlyNote(lang: Lang): string {
  return lang === 'ru' ? '(журнал открыт другим процессом: показано только для чтения)' : '(another process holds the journal: shown read-only)';
}

function parseStates(spec: string | undefined, lang: Lang): MessageState[] | undefined {
  if (!spec) return undefined;
  const states = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of states) {
    if (!(MESSAGE_STATES as readonly string[]).includes(s)) throw new UsageError(`--state: ${s}? ${lang === 'ru' ? 'состояния' : 'states'}: ${MESSAGE_STATES.join(', ')}`);
  }
  return states as MessageState[];
}

/** Local time to the second: what a person compares with their clock. */
function localTime(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Plain columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  ').trimEnd());
}

async function listCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      journal: { type: 'string' },
      stand: { type: 'string' },
      state: { type: 'string' },
      limit: { type: 'string', default: '50' },
      format: { type: 'string', default: 'text' },
    },
  });
  if (positionals.length > 0) throw new UsageError(ru ? `Лишнее: ${positionals.join(' ')}` : `Unexpected: ${positionals.join(' ')}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format: text | json');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(ru ? '--limit — целое число больше 0' : '--limit must be a whole number above 0');
  const filter = { stand: values.stand, states: parseStates(values.state, lang) };
  const dir = path.resolve(values.journal ?? defaultJournalDir());
  const opened = await openCliJournal(dir);
  if (!opened) {
    out(values.format === 'json' ? '[]' : emptyJournal(dir, lang));
    return 0;
  }
  const { journal, readOnly } = opened;
  try {
    const messages = journal.list(filter, { limit });
    if (values.format === 'json') {
      out(JSON.stringify(messages.map(messageRecord), null, 2));
      return 0;
    }
    if (readOnly) out(readOnlyNote(lang));
    const total = journal.count(filter);
    if (messages.length === 0) {
      out(ru ? `Сообщений нет (журнал ${journal.root})` : `No messages (journal ${journal.root})`);
      return 0;
    }
    const head = ru ? ['Создано', 'Стенд', 'Операция', 'Состояние', 'Усп./ош.', 'MessageGUID'] : ['Created', 'Stand', 'Operation', 'State', 'Ok/failed', 'MessageGUID'];
    const rows = messages.map((m) => [
      localTime(m.createdAt),
      m.stand,
      `${m.service}/${m.operation}`,
      STATE_TEXT[lang][m.state],
      m.itemsOk !== undefined || m.itemsFailed !== undefined ? `${m.itemsOk ?? 0}/${m.itemsFailed ?? 0}` : '—',
      m.messageGuid,
    ]);
    for (const line of table([head, ...rows])) out(line);
    out(ru ? `Показано ${messages.length} из ${total}; журнал ${journal.root}` : `Shown ${messages.length} of ${total}; journal ${journal.root}`);
    return 0;
  } finally {
    await journal.close();
  }
}

async function showCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { journal: { type: 'string' }, stands: { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  if (positionals.length !== 1) throw new UsageError(ru ? 'Укажите одно сообщение: gis-zhkh journal show <MessageGUID>' : 'Give one message: gis-zhkh journal show <MessageGUID>');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format: text | json');
  const setup = buildExchangeSetup({ lang, journal: values.journal, standsFile: values.stands, signingProfiles: [] });
  if (!fs.existsSync(setup.journalDir)) throw new UsageError(emptyJournal(setup.journalDir, lang));
  const exchange = await openCliExchange(setup, 'read', lang);
  try {
    const m = findMessage(exchange.journal, positionals[0], lang);
    if (!m) throw new UsageError(notFound(positionals[0], exchange.journal, lang));
    const o = exchange.engine.outcome(m.messageGuid);
    const files = exchange.journal.filesOf(m.messageGuid);
    const folder = exchange.journal.files.dirOf(m.messageGuid);
    if (values.format === 'json') {
      out(JSON.stringify({ ...messageRecord(m), folder, files: files.map((f) => ({ kind: f.kind, name: f.name, path: f.path })), items: o.items, unanswered: o.unanswered }, null, 2));
      return 0;
    }
    if (exchange.readOnly) out(readOnlyNote(lang));
    for (const line of outcomeLines(o, lang, folder)) out(line);
    const t = (label: string, v: number | undefined) => (v === undefined ? [] : [`  ${label}: ${iso(v)}`]);
    out(
      [
        ...t(ru ? 'Создано' : 'Created', m.createdAt),
        ...t(ru ? 'Отправлено' : 'Sent', m.sentAt),
        ...t(ru ? 'Принято ГИС' : 'Acknowledged', m.acknowledgedAt),
        ...t(ru ? 'Ответ' : 'Answered', m.answeredAt),
        `  ${ru ? 'Попыток отправки' : 'Sending attempts'}: ${m.attempts}; ${ru ? 'опросов' : 'polls'}: ${m.polls}`,
      ].join('\n'),
    );
    for (const line of fileLines(files, lang)) out(line);
    return 0;
  } finally {
    await exchange.close();
  }
}

async function exportCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { journal: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  if (positionals.length !== 1) throw new UsageError(ru ? 'Укажите одно сообщение: gis-zhkh journal export <MessageGUID> [-o файл.zip]' : 'Give one message: gis-zhkh journal export <MessageGUID> [-o file.zip]');
  const dir = path.resolve(values.journal ?? defaultJournalDir());
  const opened = await openCliJournal(dir);
  if (!opened) throw new UsageError(emptyJournal(dir, lang));
  const { journal } = opened;
  try {
    const m = findMessage(journal, positionals[0], lang);
    if (!m) throw new UsageError(notFound(positionals[0], journal, lang));
    const zip = path.resolve(values.output ?? `${m.messageGuid}.zip`);
    await journal.exportMessage(m.messageGuid, zip);
    out(ru ? `Сообщение ${m.messageGuid} выгружено: ${zip}` : `Message ${m.messageGuid} exported: ${zip}`);
    return 0;
  } finally {
    await journal.close();
  }
}
