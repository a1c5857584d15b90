import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { resolveMessage } from '../exchange/messagePick';
import { showExchangeError } from '../exchange/outcomeUi';

/**
 * «Выгрузить для поддержки ГИС»: one zip with the message's request, answers and a summary (both
 * MessageGUIDs, times, error), what GIS support asks for. Works in a read-only window too.
 */
export async function exportMessage(host: ExchangeHost, arg: unknown): Promise<void> {
  try {
    const m = await resolveMessage(host, arg, vscode.l10n.t('Export which message?'));
    if (!m) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export for GIS support'),
      defaultUri: vscode.Uri.file(path.join(folder, `gis-zhkh-${m.operation}-${m.messageGuid}.zip`)),
      filters: { [vscode.l10n.t('Zip archive')]: ['zip'] },
    });
    if (!target) return;
    const { journal } = await host.journal();
    await journal.exportMessage(m.messageGuid, target.fsPath);
    const reveal = vscode.l10n.t('Show in folder');
    const c = await vscode.window.showInformationMessage(vscode.l10n.t('Exported: {0}', target.fsPath), reveal);
    if (c === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not export'));
  }
}
