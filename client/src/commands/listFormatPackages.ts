import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { removePackage } from '../../../server/src/catalog/packageInstaller';
import { LIST_PACKAGES, ListPackagesParams, PackageListItem } from '../../../server/src/protocol';

/** «ГИС ЖКХ: Пакеты форматов»: what is available, which one the active document uses, and choosing or removing one. */
export async function listFormatPackages(client: LanguageClient, storeDir: string, packagesChanged: () => void): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const items = await client.sendRequest<PackageListItem[]>(LIST_PACKAGES, { uri } satisfies ListPackagesParams);
  const origin = (p: PackageListItem): string =>
    p.origin === 'bundled' ? vscode.l10n.t('bundled') : p.origin === 'installed' ? vscode.l10n.t('installed') : vscode.l10n.t('folder');
  const pick = await vscode.window.showQuickPick(
    items.map((p) => ({ label: `${p.selected ? '$(check) ' : ''}${p.version}`, description: origin(p), detail: p.root, p })),
    { title: vscode.l10n.t('GIS ZhKKh format packages'), placeHolder: vscode.l10n.t('Choose a package') },
  );
  if (!pick) return;
  const p = pick.p;
  const byDefault = vscode.l10n.t('Use by default');
  const inWorkspace = vscode.l10n.t('Use in this workspace');
  const remove = vscode.l10n.t('Remove');
  const reveal = vscode.l10n.t('Show folder');
  const actions = [byDefault, ...(vscode.workspace.workspaceFolders ? [inWorkspace] : []), ...(p.origin === 'installed' ? [remove] : []), reveal];
  const action = await vscode.window.showQuickPick(actions, { title: `${p.version} (${origin(p)})` });
  const spec = p.origin === 'bundled' ? 'bundled' : p.version;
  const config = vscode.workspace.getConfiguration('gisZhkh');
  if (action === byDefault) await config.update('formats.defaultVersion', spec, vscode.ConfigurationTarget.Global);
  else if (action === inWorkspace) await config.update('formats.workspaceVersion', spec, vscode.ConfigurationTarget.Workspace);
  else if (action === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(p.root));
  else if (action === remove) {
    const yes = vscode.l10n.t('Remove');
    const sure = await vscode.window.showWarningMessage(vscode.l10n.t('Remove format package {0}?', p.version), { modal: true }, yes);
    if (sure !== yes) return;
    removePackage(storeDir, p.version);
    packagesChanged();
  }
}
