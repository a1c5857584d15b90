import * as vscode from 'vscode';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { resolveMessage } from '../exchange/messagePick';
import { showExchangeError, showOutcome } from '../exchange/outcomeUi';

/**
 * «Получить состояние»: one getState for the message now (the tree's item, the journal file in
 * the editor, or a pick), its answer journaled like any poll; then what the journal knows.
 */
export async function getState(host: ExchangeHost, arg: unknown, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await host.requireWritable();
    const m = await resolveMessage(host, arg, vscode.l10n.t('Get the state of which message?'), ['acknowledged', 'processing']);
    if (!m) return;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Asking GIS for the state of {0}…', m.operation) },
      () => host.use((engine) => engine.checkState(m.messageGuid)),
    );
    await showOutcome(host, outcome, log);
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not get the state'));
  }
}
