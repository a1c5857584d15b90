import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Signer } from '../../../server/src/signature/algorithms';
import { errorText } from '../../../server/src/signature/keys/keyErrors';
import { SigningProfile, parseProfile, profileSigns } from '../../../server/src/signature/keys/profile';
import { messageLanguage } from '../../../server/src/serverSettings';
import { signDocument as signXml } from '../../../server/src/signatureService';
import type { Lang } from '../../../server/src/validation/messages';
import type { BindingStatus } from '../views/bindingStatus';
import { openSigningKey, signingKey } from '../exchange/exchangeSecrets';
import { UserCancelled } from '../exchange/exchangeText';

/** The language of messages the engine words: the setting, else VS Code's display language. */
export function uiLang(): Lang {
  const setting = vscode.workspace.getConfiguration('gisZhkh').get<string>('messages.language');
  return messageLanguage(setting === 'ru' || setting === 'en' ? setting : 'auto', vscode.env.language);
}

export function errorMessage(e: unknown): string {
  return errorText(e, uiLang());
}

/**
 * The profiles of `gisZhkh.signing.profiles`, relative paths resolved against the document's
 * workspace folder (or the home folder). Broken profiles are reported, not dropped silently.
 */
function profiles(uri: vscode.Uri | undefined): SigningProfile[] {
  const raw = vscode.workspace.getConfiguration('gisZhkh', uri).get<unknown[]>('signing.profiles') ?? [];
  const base = (uri && vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath) ?? os.homedir();
  const out: SigningProfile[] = [];
  for (const p of raw) {
    try {
      out.push(parseProfile(p, base));
    } catch (e) {
      void vscode.window.showWarningMessage(errorMessage(e));
    }
  }
  return out;
}

/** The default profile, the only one, or the one the user picks. */
export async function chooseProfile(uri: vscode.Uri | undefined): Promise<SigningProfile | undefined> {
  const all = profiles(uri);
  if (all.length === 0) {
    const open = vscode.l10n.t('Open settings');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('No signing profile: add one to the setting gisZhkh.signing.profiles.'), open);
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'gisZhkh.signing');
    return undefined;
  }
  const wanted = vscode.workspace.getConfiguration('gisZhkh', uri).get<string>('signing.defaultProfile');
  const found = all.find((p) => p.name === wanted);
  if (found) return found;
  if (all.length === 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.name, description: `${p.algorithm}, ${p.keySource}`, profile: p })),
    { title: vscode.l10n.t('Signing profile') },
  );
  return pick?.profile;
}

/**
 * The profile's Signer. Secrets live in SecretStorage, one per profile and kind; one is asked
 * (password input box) only when the key needs it, remembered, and forgotten when it proves wrong.
 * Nothing secret is logged or put in a message.
 */
export async function obtainSigner(context: vscode.ExtensionContext, profile: SigningProfile): Promise<Signer | undefined> {
  try {
    return (await openSigningKey(context.secrets, profile)).signer;
  } catch (e) {
    if (e instanceof UserCancelled) return undefined;
    throw e;
  }
}

/** Forgets a profile's secrets, e.g. after an external signer refused the PIN. */
export async function forgetSecrets(context: vscode.ExtensionContext, profile: SigningProfile): Promise<void> {
  await context.secrets.delete(signingKey(profile, 'password'));
  await context.secrets.delete(signingKey(profile, 'pin'));
}

/** «ГИС ЖКХ: Подписать документ»: XAdES-BES over the request element, the editor's text replaced. */
export async function signDocument(context: vscode.ExtensionContext, status: BindingStatus): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the request to sign first.'));
    return;
  }
  const doc = editor.document;
  const profile = await chooseProfile(doc.uri);
  if (!profile) return;
  const operation = status.active()?.binding?.operation;
  if (operation && !profileSigns(profile, operation)) {
    const sign = vscode.l10n.t('Sign');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Profile {0} does not sign {1} requests. Sign anyway?', profile.name, operation), { modal: true }, sign);
    if (choice !== sign) return;
  }
  try {
    const signer = await obtainSigner(context, profile);
    if (!signer) return;
    const before = doc.getText();
    const signed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing…') }, () => signXml(before, signer));
    if (doc.getText() !== before) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The document changed while it was being signed; sign it again.'));
      return;
    }
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(before.length));
    await editor.edit((b) => b.replace(all, signed));
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed with profile {0}.', profile.name));
  } catch (e) {
    const forget = vscode.l10n.t('Forget PIN and password');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Could not sign: {0}', errorMessage(e)), forget);
    if (choice === forget) await forgetSecrets(context, profile);
  }
}
