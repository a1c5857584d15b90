import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { StandProfile } from '../../../server/src/exchange/standProfile';
import type { TransportSecrets } from '../../../server/src/exchange/transport';
import { SigningSecrets, createSigner } from '../../../server/src/signature/keys/createSigner';
import { externalNeedsPin } from '../../../server/src/signature/keys/externalSigner';
import { SecretKind, SecretRequiredError, WrongSecretError } from '../../../server/src/signature/keys/keyErrors';
import type { SigningProfile } from '../../../server/src/signature/keys/profile';
import type { Signer } from '../../../server/src/signature/algorithms';
import { errorMessage } from '../commands/signDocument';
import { UserCancelled } from './exchangeText';
import { clientKeyNeedsPassword, clientKeySecretKey, passwordOpensKey } from './standSettings';

/**
 * The exchange's secrets, all in VS Code's SecretStorage (the system keychain), never in settings,
 * logs or the journal:
 * - `gisZhkh.signing.password.<profile>` / `gisZhkh.signing.pin.<profile>`: the signing key's
 *   password or PIN, the same entries «Подписать документ» uses;
 * - `gisZhkh.stand.clientKeyPassword.<stand>`: the password of a direct-mode stand's encrypted
 *   client TLS key.
 * Each is asked once (a password box), checked against the key where that is possible, stored,
 * and forgotten when it proves wrong.
 */
export const signingKey = (profile: SigningProfile, kind: SecretKind): string => `gisZhkh.signing.${kind}.${profile.name}`;

/**
 * Opens the profile's key with the secrets held for it, asking for a missing or wrong one (and
 * forgetting a wrong one); throws UserCancelled when the user closes the box.
 */
export async function openSigningKey(storage: vscode.SecretStorage, profile: SigningProfile): Promise<{ signer: Signer; secrets: SigningSecrets }> {
  const held: { password?: string; pin?: string } = {
    password: await storage.get(signingKey(profile, 'password')),
    pin: await storage.get(signingKey(profile, 'pin')),
  };
  for (let tries = 0; tries < 4; tries++) {
    try {
      if (profile.external && externalNeedsPin(profile.external) && held.pin === undefined) throw new SecretRequiredError('pin');
      return { signer: await createSigner(profile, held), secrets: held };
    } catch (e) {
      if (!(e instanceof SecretRequiredError || e instanceof WrongSecretError)) throw e;
      if (e instanceof WrongSecretError) await storage.delete(signingKey(profile, e.secret));
      const value = await vscode.window.showInputBox({
        title: e.secret === 'pin' ? vscode.l10n.t('PIN for signing profile {0}', profile.name) : vscode.l10n.t('Key password for signing profile {0}', profile.name),
        prompt: e instanceof WrongSecretError ? errorMessage(e) : vscode.l10n.t('It is kept in the system keychain (VS Code SecretStorage).'),
        password: true,
        ignoreFocusOut: true,
      });
      if (value === undefined) throw new UserCancelled();
      held[e.secret] = value;
      await storage.store(signingKey(profile, e.secret), value);
    }
  }
  throw new UserCancelled();
}

export class ExchangeSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The secrets that open the profile's key (opening it now proves them, not in the middle of a send). */
  async signing(profile: SigningProfile): Promise<SigningSecrets> {
    return (await openSigningKey(this.secrets, profile)).secrets;
  }

  /** The stand's client key password, when its key is an encrypted PEM (direct HTTPS mode). */
  async transport(stand: StandProfile): Promise<TransportSecrets> {
    if (!clientKeyNeedsPassword(stand)) return {};
    const key = clientKeySecretKey(stand.name);
    let pem: string;
    try {
      pem = fs.readFileSync(stand.clientKeyFile ?? stand.clientCertificateFile!, 'utf8');
    } catch {
      return {}; // the transport names the missing file itself
    }
    let password = await this.secrets.get(key);
    let wrong = false;
    for (let tries = 0; tries < 4; tries++) {
      if (password !== undefined && passwordOpensKey(pem, password) !== false) return { clientKeyPassword: password };
      if (password !== undefined) {
        wrong = true;
        await this.secrets.delete(key);
      }
      password = await vscode.window.showInputBox({
        title: vscode.l10n.t('Password of the client TLS key of stand {0}', stand.name),
        prompt: wrong ? vscode.l10n.t('Wrong password; try again.') : vscode.l10n.t('It is kept in the system keychain (VS Code SecretStorage).'),
        password: true,
        ignoreFocusOut: true,
      });
      if (password === undefined) throw new UserCancelled();
      await this.secrets.store(key, password);
    }
    throw new UserCancelled();
  }

  async forgetStand(standName: string): Promise<boolean> {
    const key = clientKeySecretKey(standName);
    const had = (await this.secrets.get(key)) !== undefined;
    await this.secrets.delete(key);
    return had;
  }
}
