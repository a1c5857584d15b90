import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { RequestInvalidError } from '../../../server/src/exchange/exchangeApi';
import type { StandProfile } from '../../../server/src/exchange/standProfile';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { validateBeforeSend } from '../exchange/exchangeSettings';
import { showExchangeError, showOutcome, withMessageProgress } from '../exchange/outcomeUi';
import type { SandboxHost } from '../exchange/sandboxHost';
import { standLabel } from '../exchange/standSettings';

const LAST_STAND = 'gisZhkh.exchange.lastStand';

/** The stand to send to; the last one used comes first. */
async function chooseStand(context: vscode.ExtensionContext, host: ExchangeHost, sandbox: SandboxHost): Promise<StandProfile | undefined> {
  const last = context.workspaceState.get<string>(LAST_STAND);
  const stands = host.stands().sort((a, b) => Number(b.name === last) - Number(a.name === last));
  const pick = await vscode.window.showQuickPick(
    stands.map((s) => ({
      label: standLabel(s),
      description: s.transport === 'tunnel' ? vscode.l10n.t('{0} through the tunnel {1}', s.baseUrl, s.tunnelUrl ?? '') : s.baseUrl,
      detail: s.name === 'sandbox' ? (sandbox.isRunning ? vscode.l10n.t('Sandbox running in this window') : vscode.l10n.t('Sandbox not started in this window')) : undefined,
      stand: s,
    })),
    { title: vscode.l10n.t('Send to which GIS ZhKKh stand?'), matchOnDescription: true },
  );
  if (pick) await context.workspaceState.update(LAST_STAND, pick.stand.name);
  return pick?.stand;
}

/**
 * «Отправить в ГИС ЖКХ…»: the active editor's request (bare or a whole envelope) goes to the
 * chosen stand: composed, checked against the schema, signed when the stand's profile says so,
 * journaled, sent, then polled to its answer, each step shown as it happens.
 */
export async function sendRequest(context: vscode.ExtensionContext, host: ExchangeHost, sandbox: SandboxHost, log: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the request to send first.'));
    return;
  }
  const xml = editor.document.getText();
  try {
    await host.requireWritable();
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not send'));
    return;
  }
  let stand = await chooseStand(context, host, sandbox);
  if (!stand) return;
  if (stand.name === 'sandbox' && !sandbox.isRunning) {
    const start = vscode.l10n.t('Start the sandbox');
    const anyway = vscode.l10n.t('Send as it is');
    const c = await vscode.window.showWarningMessage(vscode.l10n.t('The sandbox is not running in this window. Start it?'), { modal: true }, start, anyway);
    if (c === undefined) return;
    if (c === start) {
      try {
        await sandbox.start();
      } catch (e) {
        await showExchangeError(host, e, vscode.l10n.t('Could not start the sandbox'));
        return;
      }
      stand = host.stand('sandbox') ?? stand;
    }
  }
  const standName = stand.name;
  const title = vscode.l10n.t('Sending to {0}', standLabel(stand));
  // Our MessageGUID is made here, so the progress follows this message's events from its first step.
  const messageGuid = randomUUID();
  let allowInvalid = !validateBeforeSend();
  for (;;) {
    try {
      const outcome = await withMessageProgress(host, title, messageGuid, async () => {
        const m = await host.use((engine) => engine.submit(standName, xml, { messageGuid, allowInvalid }));
        return host.follow(m.messageGuid, (engine, signal) => engine.waitForAnswer(m.messageGuid, signal));
      });
      await showOutcome(host, outcome, log);
      return;
    } catch (e) {
      if (e instanceof RequestInvalidError && !allowInvalid) {
        for (const p of e.problems) log.warn(`${editor.document.uri.fsPath}: ${p}`);
        const send: vscode.MessageItem = { title: vscode.l10n.t('Send anyway') };
        const cancel: vscode.MessageItem = { title: vscode.l10n.t('Cancel'), isCloseAffordance: true };
        const c = await vscode.window.showWarningMessage(e.message, { modal: true, detail: e.problems.slice(0, 8).join('\n') }, send, cancel);
        if (c !== send) return;
        allowInvalid = true;
        continue; // nothing was journaled: the same MessageGUID is still unused
      }
      await showExchangeError(host, e, vscode.l10n.t('Could not send'));
      return;
    }
  }
}
