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
import { exportMessage } from './commands/exportMessage';
import { getState } from './commands/getState';
import { openPair } from './commands/openPair';
import { retry } from './commands/retry';
import { sendRequest } from './commands/sendRequest';
import { startSandbox, stopSandbox } from './commands/startSandbox';
import { ExchangeHost } from './exchange/exchangeHost';
import { affectsExchange, affectsRetention, affectsSandbox } from './exchange/exchangeSettings';
import { SandboxHost } from './exchange/sandboxHost';
import { forgetStandPassword } from './exchange/standCommands';
import { createLanguageClient } from './languageClient';
import { BindingStatus } from './views/bindingStatus';
import { JournalTree } from './views/journalTree';

let client: LanguageClient | undefined;
let exchange: ExchangeHost | undefined;
let sandbox: SandboxHost | undefined;

/** Wires the language client, the status bar and the commands together; nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const storeDir = path.join(context.globalStorageUri.fsPath, 'formats');
  const status = new BindingStatus();
  client = createLanguageClient(context, storeDir);
  const c = client;
  const log = vscode.window.createOutputChannel('ГИС ЖКХ: обмен', { log: true });
  const sb = (sandbox = new SandboxHost(path.join(context.globalStorageUri.fsPath, 'sandbox'), log));
  const host = (exchange = new ExchangeHost(context, sb, log, storeDir));
  const packagesChanged = (): void => {
    void c.sendNotification(PACKAGES_CHANGED);
    host.refreshPackages();
  };
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
    log,
    sb,
    host,
    new JournalTree(host),
    vscode.commands.registerCommand('gisZhkh.sendRequest', () => sendRequest(context, host, sb, log)),
    vscode.commands.registerCommand('gisZhkh.getState', (arg?: unknown) => getState(host, arg, log)),
    vscode.commands.registerCommand('gisZhkh.retry', (arg?: unknown) => retry(host, arg, log)),
    vscode.commands.registerCommand('gisZhkh.openPair', (arg?: unknown) => openPair(host, arg)),
    vscode.commands.registerCommand('gisZhkh.exportMessage', (arg?: unknown) => exportMessage(host, arg)),
    vscode.commands.registerCommand('gisZhkh.startSandbox', () => startSandbox(host, sb)),
    vscode.commands.registerCommand('gisZhkh.stopSandbox', () => stopSandbox(sb)),
    vscode.commands.registerCommand('gisZhkh.journal.refresh', () => host.refresh()),
    vscode.commands.registerCommand('gisZhkh.forgetStandPassword', () => forgetStandPassword(host)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsExchange(e)) host.invalidate();
      if (affectsRetention(e)) void host.applyRetention();
      if (affectsSandbox(e) && sb.isRunning) void offerSandboxRestart(host, sb);
    }),
  );
  await client.start();
  context.subscriptions.push(client.onNotification(DOCUMENT_STATUS, (s: DocumentStatus) => status.update(s)));
}

/** The sandbox's port and faults are read when it starts. */
async function offerSandboxRestart(host: ExchangeHost, sb: SandboxHost): Promise<void> {
  const restart = vscode.l10n.t('Restart the sandbox');
  const c = await vscode.window.showInformationMessage(vscode.l10n.t('The sandbox settings changed; they apply when it starts again.'), restart);
  if (c !== restart) return;
  await sb.stop();
  await startSandbox(host, sb);
}

export async function deactivate(): Promise<void> {
  // The sandbox finishes what it processes and writes its data; the journal folds its log.
  await Promise.all([client?.stop(), sandbox?.stop(), exchange?.close()]);
}
