import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { CertificateSummary, summarizeCertificate } from '../../../server/src/signature/keys/certificateFile';
import { toPem } from '../../../server/src/signature/keys/pem';
import { documentCertificate } from '../../../server/src/signatureService';
import { chooseProfile, errorMessage, obtainSigner } from './signDocument';

/**
 * «ГИС ЖКХ: Показать сертификат»: the certificate of the active signed document's KeyInfo, or
 * else the one of the signing profile (its file, or the PFX container).
 */
export async function showCertificate(context: vscode.ExtensionContext): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  try {
    let cert: CertificateSummary | undefined = doc ? documentCertificate(doc.getText()) : undefined;
    let source = vscode.l10n.t('Certificate of the document signature');
    if (!cert) {
      const profile = await chooseProfile(doc?.uri);
      if (!profile) return;
      const signer = await obtainSigner(context, profile);
      if (!signer) return;
      cert = summarizeCertificate(signer.certificate);
      source = vscode.l10n.t('Certificate of signing profile {0}', profile.name);
    }
    const now = Date.now();
    const state = now > cert.notAfter.getTime() ? vscode.l10n.t('expired') : now < cert.notBefore.getTime() ? vscode.l10n.t('not yet valid') : vscode.l10n.t('valid');
    const lines = [
      `${vscode.l10n.t('Subject')}: ${cert.subject}`,
      `${vscode.l10n.t('Issuer')}: ${cert.issuer}`,
      `${vscode.l10n.t('Serial number')}: ${cert.serialNumber}`,
      `${vscode.l10n.t('Valid from {0} to {1}', cert.notBefore.toISOString().slice(0, 10), cert.notAfter.toISOString().slice(0, 10))} (${state})`,
      `${vscode.l10n.t('Key')}: ${cert.publicKey.kind === 'other' ? cert.publicKey.algorithm : cert.publicKey.kind}`,
      `${vscode.l10n.t('Thumbprint (SHA-1)')}: ${crypto.createHash('sha1').update(cert.der).digest('hex')}`,
    ];
    const copy = vscode.l10n.t('Copy as PEM');
    const choice = await vscode.window.showInformationMessage(source, { modal: true, detail: lines.join('\n') }, copy);
    if (choice === copy) await vscode.env.clipboard.writeText(toPem('CERTIFICATE', cert.der));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the certificate: {0}', errorMessage(e)));
  }
}
