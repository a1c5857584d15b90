import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  LIST_OPERATIONS,
  LIST_PACKAGES,
  ListOperationsParams,
  ListPackagesParams,
  NEW_REQUEST,
  NewRequestParams,
  NewRequestResult,
  OperationList,
  PackageListItem,
} from '../../../server/src/protocol';

/** «ГИС ЖКХ: Новый запрос…»: service → operation → version, then a new document with the skeleton. */
export async function newRequest(client: LanguageClient): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const packages = await client.sendRequest<PackageListItem[]>(LIST_PACKAGES, { uri } satisfies ListPackagesParams);
  const pkg = packages.find((p) => p.selected) ?? packages[0];
  const list = await client.sendRequest<OperationList | null>(LIST_OPERATIONS, { packageKey: pkg?.key } satisfies ListOperationsParams);
  if (!list || list.operations.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No format package with operations is available.'));
    return;
  }
  const title = vscode.l10n.t('New GIS ZhKKh request (formats {0})', list.packageVersion);
  const services = [...new Set(list.operations.map((o) => o.service))].sort();
  const service = await vscode.window.showQuickPick(
    services.map((s) => ({ label: s, description: vscode.l10n.t('{0} operations', list.operations.filter((o) => o.service === s).length) })),
    { title, placeHolder: vscode.l10n.t('Choose a service') },
  );
  if (!service) return;
  const operation = await vscode.window.showQuickPick(
    list.operations
      .filter((o) => o.service === service.label)
      .map((o) => ({ label: o.name, detail: o.description, description: o.versions.join(', '), o })),
    { title, placeHolder: vscode.l10n.t('Choose an operation'), matchOnDetail: true },
  );
  if (!operation) return;
  let version = operation.o.versions[0];
  if (operation.o.versions.length > 1) {
    const newest = [...operation.o.versions].reverse();
    version = (await vscode.window.showQuickPick(newest, { title, placeHolder: vscode.l10n.t('Choose the request version') })) ?? '';
    if (!version) return;
  }
  const params: NewRequestParams = { packageKey: list.packageKey, service: service.label, operation: operation.label, version };
  const made = await client.sendRequest<NewRequestResult | null>(NEW_REQUEST, params);
  if (!made?.text) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not build the request: {0}', made?.problems.join('; ') ?? ''));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: made.text });
  await vscode.window.showTextDocument(doc);
}
