import * as vscode from 'vscode';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { showExchangeError } from '../exchange/outcomeUi';
import type { SandboxHost } from '../exchange/sandboxHost';

/**
 * «ГИС ЖКХ: Запустить песочницу»: the local sandbox stand in this window, on
 * `gisZhkh.sandbox.port` (a free one if that is taken) with the faults of `gisZhkh.sandbox.faults`;
 * the `sandbox` stand then sends to it.
 */
export async function startSandbox(host: ExchangeHost, sandbox: SandboxHost): Promise<void> {
  try {
    const wasRunning = sandbox.isRunning;
    const { sandbox: s, movedFrom, faults } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the sandbox…') },
      () => sandbox.start(),
    );
    if (wasRunning) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox is already running at {0}.', s.url));
      return;
    }
    let text = movedFrom
      ? vscode.l10n.t('Port {0} is taken; the sandbox runs at {1}. The «sandbox» stand sends there.', movedFrom, s.url)
      : vscode.l10n.t('The sandbox runs at {0}: {1} services. The «sandbox» stand sends there.', s.url, s.endpoints.length);
    if (faults) text += ' ' + vscode.l10n.t('Injected faults: {0}.', faults);
    void vscode.window.showInformationMessage(text);
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not start the sandbox'));
  }
}

/** «ГИС ЖКХ: Остановить песочницу». Its data stays for the next start. */
export async function stopSandbox(sandbox: SandboxHost): Promise<void> {
  const stopped = await sandbox.stop();
  void vscode.window.showInformationMessage(stopped ? vscode.l10n.t('The sandbox is stopped.') : vscode.l10n.t('The sandbox is not running.'));
}
