import * as vscode from 'vscode';
import { ExchangeError } from '../../../server/src/exchange/exchangeError';
import type { ExchangeEvent } from '../../../server/src/exchange/exchangeApi';
import type { JournalMessage, MessageState } from '../../../server/src/journal';
import { BilingualError } from '../../../server/src/signature/bilingualError';
import { uiLang } from '../commands/signDocument';

/** Words of the exchange UI shared by the commands and the journal tree. */

export function stateLabel(state: MessageState): string {
  switch (state) {
    case 'draft':
      return vscode.l10n.t('draft');
    case 'signed':
      return vscode.l10n.t('signed');
    case 'sending':
      return vscode.l10n.t('sending');
    case 'acknowledged':
      return vscode.l10n.t('acknowledged');
    case 'processing':
      return vscode.l10n.t('processing');
    case 'done':
      return vscode.l10n.t('done');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'rejected':
      return vscode.l10n.t('rejected');
    case 'abandoned':
      return vscode.l10n.t('abandoned');
  }
}

/** The step an event stands for, as the progress notification shows it. */
export function eventText(e: ExchangeEvent): string {
  switch (e.kind) {
    case 'validated':
      return e.valid ? vscode.l10n.t('checked against the schema') : vscode.l10n.t('schema problems: {0}', e.problems);
    case 'signed':
      return vscode.l10n.t('signed');
    case 'unsigned':
      return vscode.l10n.t('the import goes unsigned: stand «{0}» has no signing profile; GIS refuses such a request', e.stand);
    case 'sending':
      return e.attempt > 1 ? vscode.l10n.t('sending, attempt {0}', e.attempt) : vscode.l10n.t('sending');
    case 'acknowledged':
      return vscode.l10n.t('GIS acknowledged it ({0}), waiting for the answer', e.gisMessageGuid);
    case 'polled':
      return e.requestState === 1 ? vscode.l10n.t('GIS received it, waiting') : e.requestState === 2 ? vscode.l10n.t('GIS is processing it') : vscode.l10n.t('GIS processed it');
    case 'retrying':
      return vscode.l10n.t('trying again in {0} s: {1}', Math.round(e.delayMs / 1000), e.reason);
    case 'final':
      return stateLabel(e.message.state);
  }
}

/** The text of any error the exchange throws, in the UI language; never a secret. */
export function exchangeErrorText(e: unknown): string {
  const lang = uiLang();
  if (e instanceof ExchangeError || e instanceof BilingualError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}

/** «05.06 14:03:27», in the display language's form. */
export function timeText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return new Date(ms).toLocaleString(vscode.env.language.startsWith('en') ? 'en-GB' : 'ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** «ok 3, failed 1», or empty when GIS gave no per-item results. */
export function itemsText(m: JournalMessage): string {
  if ((m.itemsOk ?? 0) + (m.itemsFailed ?? 0) === 0) return ''; // an export: no per-item results
  return vscode.l10n.t('ok {0}, failed {1}', m.itemsOk ?? 0, m.itemsFailed ?? 0);
}

/** The user closed a password box or a question: stop quietly. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled by the user');
    this.name = 'UserCancelled';
  }
}
