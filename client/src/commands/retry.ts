import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { resolveMessage } from '../exchange/messagePick';
import { showExchangeError, showOutcome, withMessageProgress } from '../exchange/outcomeUi';

/**
 * «Повторить». A message GIS has not acknowledged goes again with its own MessageGUID (GIS
 * answers a copy it already has with the original acknowledgement); an acknowledged one is
 * polled, never resent; a failed, refused or abandoned one is sent anew as a new message, after
 * a warning for an abandoned one, which GIS may still process.
 */
export async function retry(host: ExchangeHost, arg: unknown, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await host.requireWritable();
    const m = await resolveMessage(host, arg, vscode.l10n.t('Retry which message?'), ['failed', 'rejected', 'abandoned', 'sending', 'draft', 'signed', 'acknowledged', 'processing']);
    if (!m) return;
    if (m.state === 'done') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was processed by GIS; there is nothing to retry.', m.operation));
      return;
    }
    let outcome;
    if (m.state === 'failed' || m.state === 'rejected' || m.state === 'abandoned') {
      if (m.state === 'abandoned') {
        const send: vscode.MessageItem = { title: vscode.l10n.t('Send as a new message') };
        const c = await vscode.window.showWarningMessage(
          vscode.l10n.t('GIS never answered {0}, and may still process it. A new message may apply it twice. Send it as a new message anyway?', m.messageGuid),
          { modal: true },
          send,
        );
        if (c !== send) return;
      }
      const request = (await host.journal()).journal.filesOf(m.messageGuid).find((f) => f.kind === 'request');
      if (!request) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The journal has no request file for {0}.', m.messageGuid));
        return;
      }
      const xml = fs.readFileSync(request.path, 'utf8');
      const messageGuid = randomUUID();
      outcome = await withMessageProgress(host, vscode.l10n.t('Sending {0} again as a new message', m.operation), messageGuid, async () => {
        // It passed (or was let past) the schema check when it was first sent.
        const next = await host.use((engine) => engine.submit(m.stand, xml, { messageGuid, allowInvalid: true }));
        return host.follow(next.messageGuid, (engine, signal) => engine.waitForAnswer(next.messageGuid, signal));
      });
    } else {
      host.forgetDecision(m.messageGuid);
      outcome = await withMessageProgress(host, vscode.l10n.t('Retrying {0}', m.operation), m.messageGuid, () =>
        host.follow(m.messageGuid, (engine, signal) => engine.retry(m.messageGuid, { signal })),
      );
    }
    await showOutcome(host, outcome, log);
  } catch (e) {
    await showExchangeError(host, e, vscode.l10n.t('Could not retry'));
  }
}
