import * as vscode from 'vscode';
import type { BindingStatus } from '../views/bindingStatus';

/** «ГИС ЖКХ: Что проверило документ» — the package and schema file behind the active document's diagnostics. */
export async function showBinding(status: BindingStatus): Promise<void> {
  const s = status.active();
  const b = s?.binding;
  if (!s || !b) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The active document is not GIS ZhKKh XML, or it has not been checked yet.'));
    return;
  }
  const lines = [
    `${vscode.l10n.t('Operation')}: ${b.operation ?? b.element ?? '—'}${b.service ? ` (${b.service})` : ''}`,
    b.soapAction ? `soapAction: ${b.soapAction}` : undefined,
    b.headerKind ? `${vscode.l10n.t('Header')}: base:${b.headerKind}` : undefined,
    b.requestVersion ? `base:version: ${b.requestVersion}` : undefined,
    b.acceptedVersions?.length ? `${vscode.l10n.t('Versions of the operation')}: ${b.acceptedVersions.join(', ')}` : undefined,
    `${vscode.l10n.t('Format package')}: ${b.packageLabel}`,
    `${vscode.l10n.t('Schema file')}: ${b.schemaFile}`,
    `${vscode.l10n.t('Namespace')}: ${b.namespace}`,
    s.ms !== undefined ? `${vscode.l10n.t('Checked in {0} ms', s.ms)}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const open = vscode.l10n.t('Open schema file');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('What validated this document'), { modal: true, detail: lines.join('\n') }, open);
  if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(b.schemaFile), { preview: true });
}
