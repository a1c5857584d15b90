import type { ExchangeEvent } from '../../../server/src/exchange/exchangeApi';
import type { MessageState } from '../../../server/src/journal';
import type { Lang } from '../../../server/src/validation/messages';

/**
 * One line per step of the exchange (validated, signed, sent, acknowledged, each poll, the end),
 * so a person watching `gis-zhkh send` sees where a message is. Lines start with the first eight
 * characters of our MessageGUID: resumed messages and new ones may be in flight together.
 */
export const STATE_TEXT: Record<Lang, Record<MessageState, string>> = {
  ru: {
    draft: 'черновик',
    signed: 'подписано',
    sending: 'отправляется',
    acknowledged: 'принято ГИС',
    processing: 'обрабатывается',
    done: 'обработано',
    failed: 'ошибка',
    rejected: 'отклонено',
    abandoned: 'ожидание прекращено',
  },
  en: {
    draft: 'draft',
    signed: 'signed',
    sending: 'sending',
    acknowledged: 'acknowledged',
    processing: 'processing',
    done: 'done',
    failed: 'failed',
    rejected: 'rejected',
    abandoned: 'abandoned',
  },
};

const REQUEST_STATE: Record<Lang, Record<number, string>> = {
  ru: { 1: 'получено', 2: 'в обработке', 3: 'обработано' },
  en: { 1: 'received', 2: 'in processing', 3: 'processed' },
};

export function shortGuid(guid: string): string {
  return guid.slice(0, 8);
}

function ms(n: number, lang: Lang): string {
  if (n < 10_000) return lang === 'ru' ? `${Math.round(n)} мс` : `${Math.round(n)} ms`;
  return lang === 'ru' ? `${Math.round(n / 1000)} с` : `${Math.round(n / 1000)} s`;
}

export function progressLine(e: ExchangeEvent, lang: Lang): string {
  const ru = lang === 'ru';
  const guid = e.kind === 'final' ? e.message.messageGuid : e.messageGuid;
  const head = `  [${shortGuid(guid)}] `;
  switch (e.kind) {
    case 'validated':
      return head + (e.valid ? (ru ? 'проверено по схеме: без ошибок' : 'validated: no schema errors') : ru ? `проверено по схеме: ошибок ${e.problems}` : `validated: ${e.problems} schema problem(s)`);
    case 'signed':
      return head + (ru ? 'подписано' : 'signed');
    case 'unsigned':
      return head + (ru ? `импорт уходит без подписи: у стенда «${e.stand}» нет профиля подписи (signingProfile); ГИС такой запрос отклонит` : `the import goes unsigned: stand "${e.stand}" has no signing profile (signingProfile); GIS refuses such a request`);
    case 'sending':
      return head + (ru ? `отправка, попытка ${e.attempt}` : `sending, attempt ${e.attempt}`);
    case 'acknowledged':
      return head + (ru ? `принято ГИС, MessageGUID ГИС ${e.gisMessageGuid}` : `acknowledged, GIS MessageGUID ${e.gisMessageGuid}`);
    case 'polled': {
      const state = REQUEST_STATE[lang][e.requestState] ?? String(e.requestState);
      const next = e.nextPollMs !== undefined ? (ru ? `; следующий опрос через ${ms(e.nextPollMs, lang)}` : `; next poll in ${ms(e.nextPollMs, lang)}`) : '';
      return head + (ru ? `getState: RequestState ${e.requestState} (${state})${next}` : `getState: RequestState ${e.requestState} (${state})${next}`);
    }
    case 'retrying':
      return head + (ru ? `повтор через ${ms(e.delayMs, lang)}: ${e.reason}` : `retrying in ${ms(e.delayMs, lang)}: ${e.reason}`);
    case 'final': {
      const m = e.message;
      const err = m.errorCode || m.errorText ? ` — ${[m.errorCode, m.errorText].filter(Boolean).join(' ')}` : '';
      return head + (ru ? `итог: ${STATE_TEXT.ru[m.state]}${err}` : `final: ${STATE_TEXT.en[m.state]}${err}`);
    }
  }
}

/** The printer the CLI hands to the engine (`onEvent`). */
export function progressPrinter(lang: Lang, out: (s: string) => void): (e: ExchangeEvent) => void {
  return (e) => out(progressLine(e, lang));
}
