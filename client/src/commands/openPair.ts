import * as vscode from 'vscode';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { resolveMessage } from '../exchange/messagePick';
import { openJournalFile, showExchangeError } from '../exchange/outcomeUi';

/**
 * «Открыть пару запрос/ответ»: the request as sent (signed if it was) and the latest thing GIS
 * said about it (answer, else the last poll, acknowledgement or fault), side by side, read-only.
 */
export async function openPair(host: ExchangeHost, arg: unknown): Promise<void> {
  try {
    const m = await resolveMessage(host, arg, vscode.l10n.t('Open the request and answer of which message?'));
    if (!m) return;
    const { request, answer } = (await host.journal()).journal.pair(m.messageGuid);
    if (!request) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The journal has no request file for {0}.', m.messageGuid));
      return;
    }
    await openJournalFile(request, vscode.ViewColumn.One, !!answer);
    if (answer) await openJournalFile(answer, vscode.ViewColumn.Two);
    else void vscode.window.showInformationMessage(vscode.l10n.t('GIS has not answered {0} yet.', m.operation));
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not open the pair'));
  }
}
