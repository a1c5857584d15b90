import * as vscode from 'vscode';
import { checkText, loadSignatureEngine, verifyDocument } from '../../../server/src/signatureService';
import { errorMessage, uiLang } from './signDocument';

/** «ГИС ЖКХ: Проверить подпись»: every reference, the signature value and the certificate. */
export async function verifySignature(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a signed document first.'));
    return;
  }
  try {
    await loadSignatureEngine();
    const check = verifyDocument(doc.getText());
    const text = checkText(check, uiLang());
    if (check.valid) void vscode.window.showInformationMessage(text);
    else if (!check.present) void vscode.window.showWarningMessage(text);
    else void vscode.window.showErrorMessage(text);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not verify: {0}', errorMessage(e)));
  }
}
