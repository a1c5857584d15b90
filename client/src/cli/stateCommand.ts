import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { buildExchangeSetup, openCliExchange } from './exchangeSetup';
import { progressPrinter } from './exchangeProgress';
import { endedBadly, findMessage, notFound, outcomeLines } from './messageReport';

/**
 * `gis-zhkh state <MessageGUID>`: one getState now for a message of the journal (our GUID or
 * GIS's), then its outcome with the items. A finished message is shown as the journal has it.
 * Exit 0: done or still in progress; 1: failed, rejected, abandoned or not acknowledged; 2: usage.
 */
export async function stateCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      journal: { type: 'string' },
      stands: { type: 'string' },
      store: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(ru ? 'Укажите одно сообщение: gis-zhkh state <MessageGUID>' : 'Give one message: gis-zhkh state <MessageGUID>');
  const setup = buildExchangeSetup({ lang, journal: values.journal, standsFile: values.stands, store: values.store, signingProfiles: [], onEvent: progressPrinter(lang, out) });
  if (!fs.existsSync(setup.journalDir)) throw new UsageError(ru ? `Журнала нет: ${setup.journalDir}` : `There is no journal at ${setup.journalDir}`);
  const exchange = await openCliExchange(setup, 'write', lang);
  try {
    const m = findMessage(exchange.journal, positionals[0], lang);
    if (!m) throw new UsageError(notFound(positionals[0], exchange.journal, lang));
    try {
      const o = await exchange.engine.checkState(m.messageGuid);
      for (const line of outcomeLines(o, lang, exchange.journal.files.dirOf(m.messageGuid))) out(line);
      return endedBadly(o.message) ? 1 : 0;
    } catch (e) {
      if (typeof (e as { text?: unknown }).text !== 'function') throw e;
      out(`  ${(e as { text(l: Lang): string }).text(lang)}`);
      for (const line of outcomeLines(exchange.engine.outcome(m.messageGuid), lang, exchange.journal.files.dirOf(m.messageGuid))) out(line);
      return 1;
    }
  } finally {
    await exchange.close();
  }
}
