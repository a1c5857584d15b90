import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_STATUS, DocumentStatus, PACKAGES_CHANGED } from '../../server/src/protocol';
import { importNsi } from './commands/importNsi';
import { installFormatPackage } from './commands/installFormatPackage';
import { listFormatPackages } from './commands/listFormatPackages';
import { newRequest } from './commands/newRequest';
import { showBinding } from './commands/showBinding';
import { showCertificate } from './commands/showCertificate';
import { signDocument } from './commands/signDocument';
import { verifySignature } from './commands/verifySignature';
import { createLanguageClient } from './languageClient';
import { BindingStatus } from './views/bindingStatus';

let client: LanguageClient | undefined;

/** Wires the language client, the status bar and the commands together; nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const storeDir = path.join(context.globalStorageUri.fsPath, 'formats');
  const status = new BindingStatus();
  client = createLanguageClient(context, storeDir);
  const c = client;
  const packagesChanged = (): void => void c.sendNotification(PACKAGES_CHANGED);
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('gisZhkh.installFormatPackage', () => installFormatPackage(storeDir, packagesChanged)),
    vscode.commands.registerCommand('gisZhkh.listFormatPackages', () => listFormatPackages(c, storeDir, packagesChanged)),
    vscode.commands.registerCommand('gisZhkh.showBinding', () => showBinding(status)),
    vscode.commands.registerCommand('gisZhkh.newRequest', () => newRequest(c)),
    vscode.commands.registerCommand('gisZhkh.importNsi', () => importNsi(c)),
    vscode.commands.registerCommand('gisZhkh.signDocument', () => signDocument(context, status)),
    vscode.commands.registerCommand('gisZhkh.verifySignature', () => verifySignature()),
    vscode.commands.registerCommand('gisZhkh.showCertificate', () => showCertificate(context)),
  );
  await client.start();
  context.subscriptions.push(client.onNotification(DOCUMENT_STATUS, (s: DocumentStatus) => status.update(s)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
