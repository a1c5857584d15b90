import * as vscode from 'vscode';
import type { ExchangeHost } from './exchangeHost';
import { standLabel } from './standSettings';

/** «Забыть пароль ключа TLS стенда…»: removes a stand's client key password from SecretStorage. */
export async function forgetStandPassword(host: ExchangeHost): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    host.stands().map((s) => ({ label: standLabel(s), description: s.clientKeyFile ?? s.clientCertificateFile ?? '', stand: s })),
    { title: vscode.l10n.t('Forget the client key password of which stand?') },
  );
  if (!pick) return;
  const had = await host.forgetStandPassword(pick.stand.name);
  void vscode.window.showInformationMessage(
    had ? vscode.l10n.t('The client key password of stand {0} is forgotten; it is asked again on the next send.', pick.stand.name) : vscode.l10n.t('No password was kept for stand {0}.', pick.stand.name),
  );
}
