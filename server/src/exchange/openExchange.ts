import type { PackageRegistry } from '../catalog/packageRegistry';
import { Journal } from '../journal';
import type { Signer } from '../signature/algorithms';
import { SigningSecrets, createSigner } from '../signature/keys/createSigner';
import type { SigningProfile } from '../signature/keys/profile';
import { loadSignatureEngine } from '../signatureService';
import type { Lang } from '../validation/messages';
import { createValidationEngine } from '../validation/validationEngine';
import type { ExchangeEvent, ResendDecision } from './exchangeApi';
import { ExchangeEngine } from './exchangeEngine';
import { ExchangeError } from './exchangeError';
import type { StandProfile } from './standProfile';
import type { TransportFactory, TransportSecrets } from './transport';
import { createTransport } from './transport/createTransport';

/** Everything the engine needs, as the CLI, the VS Code side and the demo have it. */
export interface ExchangeSetup {
  journalDir: string;
  /** Already merged: built-in stands overridden or extended by the user's. */
  stands: readonly StandProfile[];
  signingProfiles: readonly SigningProfile[];
  registry: PackageRegistry;
  secrets: {
    signing(profile: SigningProfile): Promise<SigningSecrets>;
    transport(stand: StandProfile): Promise<TransportSecrets>;
  };
  decideResend?: ResendDecision;
  validateBeforeSend?: boolean;
  lang?: Lang;
  onEvent?(e: ExchangeEvent): void;
  onWarning?(message: string): void;
  /** Open the journal read-only (another process holds it): reading works, every change is refused. */
  readOnly?: boolean;
  /** For tests: another transport factory (the default speaks HTTP(S) as the stand says). */
  transportFactory?: TransportFactory;
}

export interface Exchange {
  engine: ExchangeEngine;
  journal: Journal;
  close(): Promise<void>;
}

export async function openExchange(setup: ExchangeSetup): Promise<Exchange> {
  const journal = await Journal.open(setup.journalDir, { readOnly: setup.readOnly, onWarning: setup.onWarning });
  try {
    const validation = await createValidationEngine();
    await loadSignatureEngine();
    const stands = new Map(setup.stands.map((s) => [s.name, s]));
    const signers = new Map<string, Promise<{ signer: Signer; profile: SigningProfile }>>();
    const factory = setup.transportFactory ?? createTransport;
    const engine = new ExchangeEngine({
      journal,
      stand: (name) => stands.get(name),
      packageFor: (stand) => {
        const { pkg, missing } = setup.registry.select(stand.formatVersion ?? '');
        if (!pkg || missing) {
          throw new ExchangeError('no-package', `Нет пакета форматов «${missing ?? stand.formatVersion}» для стенда «${stand.name}»`, `No format package "${missing ?? stand.formatVersion}" for stand "${stand.name}"`);
        }
        return setup.registry.contents(pkg);
      },
      validator: validation.validator,
      signerFor: (stand) => {
        if (!stand.signingProfile) return Promise.resolve(undefined);
        let s = signers.get(stand.name);
        if (!s) {
          const profile = setup.signingProfiles.find((p) => p.name === stand.signingProfile);
          if (!profile) {
            return Promise.reject(new ExchangeError('no-signing-profile', `Нет профиля подписи «${stand.signingProfile}» (стенд «${stand.name}»)`, `No signing profile "${stand.signingProfile}" (stand "${stand.name}")`));
          }
          s = setup.secrets.signing(profile).then(async (secrets) => ({ signer: await createSigner(profile, secrets), profile }));
          signers.set(stand.name, s);
          s.catch(() => signers.delete(stand.name));
        }
        return s;
      },
      transportFor: async (stand) => factory(stand, await setup.secrets.transport(stand)),
      decideResend: setup.decideResend,
      validateBeforeSend: setup.validateBeforeSend,
      lang: setup.lang,
      onEvent: setup.onEvent,
    });
    return {
      engine,
      journal,
      close: async () => {
        engine.close();
        await journal.close();
      },
    };
  } catch (e) {
    await journal.close();
    throw e;
  }
}
