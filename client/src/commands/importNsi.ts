import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NSI_IMPORT, NsiImportParams, NsiImportResult } from '../../../server/src/protocol';

/** «ГИС ЖКХ: Сохранить справочники НСИ из ответа»: the active answer's registries, kept for a stand. */
export async function importNsi(client: LanguageClient): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a saved answer to exportNsiItem, exportNsiPagingItem or exportDataProviderNsiItem first.'));
    return;
  }
  const current = vscode.workspace.getConfiguration('gisZhkh', doc.uri).get<string>('nsi.stand') || 'default';
  const stand = await vscode.window.showInputBox({ title: vscode.l10n.t('Stand the registries come from'), value: current });
  if (stand === undefined) return;
  const r = await client.sendRequest<NsiImportResult | null>(NSI_IMPORT, { uri: doc.uri.toString(), stand } satisfies NsiImportParams);
  if (!r || r.registries.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document holds no NSI registry items.'));
    return;
  }
  const list = r.registries.map((x) => vscode.l10n.t('NSI {0}: {1} items', x.registry, x.items)).join('; ');
  void vscode.window.showInformationMessage(vscode.l10n.t('Kept for stand {0}: {1}', r.stand, list));
}
