import * as vscode from 'vscode';
import { describeInstallError } from '../../../server/src/catalog/installError';
import { installPackage } from '../../../server/src/catalog/packageInstaller';
import { messageLanguage } from '../../../server/src/serverSettings';
import type { Lang } from '../../../server/src/validation/messages';

/**
 * «ГИС ЖКХ: Установить пакет форматов…»: the official zip or its unpacked folder, checked and
 * installed into the extension's storage; the language server picks it up at once.
 */
export async function installFormatPackage(storeDir: string, packagesChanged: () => void): Promise<void> {
  const fromZip = vscode.l10n.t('From a zip archive…');
  const fromFolder = vscode.l10n.t('From an unpacked folder…');
  const kind = await vscode.window.showQuickPick([fromZip, fromFolder], { title: vscode.l10n.t('Install GIS ZhKKh format package') });
  if (!kind) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: kind === fromZip,
    canSelectFolders: kind === fromFolder,
    canSelectMany: false,
    filters: kind === fromZip ? { [vscode.l10n.t('Format package')]: ['zip'] } : undefined,
    openLabel: vscode.l10n.t('Install'),
  });
  if (!picked?.[0]) return;
  const source = picked[0].fsPath;
  try {
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Installing format package…') },
      () => installPackage(source, storeDir),
    );
    packagesChanged();
    void vscode.window.showInformationMessage(
      r.replaced
        ? vscode.l10n.t('Format package {0} reinstalled: {1} operations.', r.pkg.version, r.meta.operations)
        : vscode.l10n.t('Format package {0} installed: {1} operations.', r.pkg.version, r.meta.operations),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(describeInstallError(e, uiLang()));
  }
}

/** The language of messages the engine words: the setting, else VS Code's display language. */
function uiLang(): Lang {
  const setting = vscode.workspace.getConfiguration('gisZhkh').get<string>('messages.language');
  return messageLanguage(setting === 'ru' || setting === 'en' ? setting : 'auto', vscode.env.language);
}
