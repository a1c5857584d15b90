import * as vscode from 'vscode';
import type { ExchangeEvent, MessageOutcome } from '../../../server/src/exchange/exchangeApi';
import type { MessageFile } from '../../../server/src/journal';
import { ExchangeHost, ReadOnlyJournalError } from './exchangeHost';
import { UserCancelled, eventText, exchangeErrorText, stateLabel } from './exchangeText';

/** Progress, outcome and error messages shared by «Отправить», «Повторить» and «Получить состояние». */

function guidOf(e: ExchangeEvent): string {
  return e.kind === 'final' ? e.message.messageGuid : e.messageGuid;
}

/**
 * Shows the message's steps in a progress notification while `work` runs. Cancelling only hides
 * the notification: the answer is still awaited, and the outcome is shown when it comes.
 */
export function withMessageProgress<T>(host: ExchangeHost, title: string, messageGuid: string, work: () => Promise<T>): Promise<T> {
  const running = work();
  const guid = messageGuid.toLowerCase();
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    return new Promise<void>((resolve) => {
      const sub = host.onEvent((e) => {
        if (guidOf(e) === guid) progress.report({ message: eventText(e) });
      });
      const done = () => {
        sub.dispose();
        resolve();
      };
      token.onCancellationRequested(() => {
        done();
        void vscode.window.showInformationMessage(vscode.l10n.t('The answer is still awaited in the background; the journal shows it when it comes.'));
      });
      running.then(done, done);
    });
  });
  return running;
}

/** Opens a journal file for reading: the editor is made read-only, the journal's record is not for editing. */
export async function openJournalFile(file: MessageFile, column: vscode.ViewColumn = vscode.ViewColumn.Active, preserveFocus = false): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.file(file.path), { viewColumn: column, preview: false, preserveFocus });
  try {
    await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  } catch {
    // an older VS Code without the command: the file stays editable
  }
}

/** The final word on a message: its state, items ok/failed, and «Открыть ответ». */
export async function showOutcome(host: ExchangeHost, outcome: MessageOutcome, log: vscode.LogOutputChannel): Promise<void> {
  const m = outcome.message;
  const failedItems = outcome.items.filter((i) => !i.ok);
  for (const i of failedItems) {
    log.warn(`${m.messageGuid}: ${i.item ?? 'item'} ${i.transportGuid}: ${i.errors.map((x) => `${x.code} ${x.description}`).join('; ')}`);
  }
  if (outcome.unanswered.length > 0) log.warn(`${m.messageGuid}: no answer for TransportGUID ${outcome.unanswered.join(', ')}`);
  const error = m.errorCode ? `${m.errorCode}: ${m.errorText ?? ''}`.trim() : (m.errorText ?? '');
  let text: string;
  let level: 'info' | 'warning' | 'error' = 'info';
  switch (m.state) {
    case 'done':
      if ((m.itemsOk ?? 0) + (m.itemsFailed ?? 0) === 0) text = vscode.l10n.t('{0}: processed by GIS.', m.operation);
      else text = vscode.l10n.t('{0}: processed by GIS. Items ok: {1}, failed: {2}.', m.operation, m.itemsOk ?? 0, m.itemsFailed ?? 0);
      if ((m.itemsFailed ?? 0) > 0 || outcome.unanswered.length > 0) {
        level = 'warning';
        if (error) text += ` ${vscode.l10n.t('First error: {0}', error)}`;
      }
      break;
    case 'failed':
      level = 'error';
      text = vscode.l10n.t('{0}: failed. {1}', m.operation, error);
      break;
    case 'rejected':
      level = 'error';
      text = vscode.l10n.t('{0}: refused by GIS. {1}', m.operation, error);
      break;
    case 'abandoned':
      level = 'warning';
      text = vscode.l10n.t('{0}: no answer, polling stopped. {1}', m.operation, error);
      break;
    case 'sending':
      level = 'warning';
      text = vscode.l10n.t('{0}: GIS has not confirmed it; it may or may not have arrived ({1}). «Retry» sends it again with the same MessageGUID.', m.operation, error);
      break;
    default:
      text = vscode.l10n.t('{0}: {1}, waiting for GIS.', m.operation, stateLabel(m.state));
  }
  const { answer } = (await host.journal()).journal.pair(m.messageGuid);
  const open = vscode.l10n.t('Open answer');
  const details = vscode.l10n.t('Details');
  const buttons = [...(answer ? [open] : []), ...(failedItems.length > 0 || outcome.unanswered.length > 0 ? [details] : [])];
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(text, ...buttons);
  if (choice === open && answer) await openJournalFile(answer);
  if (choice === details) log.show(true);
}

/** Reports an error of the exchange; a closed password box says nothing. */
export async function showExchangeError(host: ExchangeHost, e: unknown, what: string): Promise<void> {
  if (e instanceof UserCancelled) return;
  if (e instanceof ReadOnlyJournalError) {
    const refresh = vscode.l10n.t('Refresh journal');
    const c = await vscode.window.showWarningMessage(
      vscode.l10n.t('The exchange journal is open for writing in another VS Code window (process {0}): send from there, or close it and refresh the journal here.', e.holderPid ?? '?'),
      refresh,
    );
    if (c === refresh) host.refresh();
    return;
  }
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, exchangeErrorText(e)));
}
