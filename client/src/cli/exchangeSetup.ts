import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import type { ExchangeEvent, ResendDecision } from '../../../server/src/exchange/exchangeApi';
import { Exchange, ExchangeSetup, openExchange } from '../../../server/src/exchange/openExchange';
import type { StandProfile } from '../../../server/src/exchange/standProfile';
import type { TransportSecrets } from '../../../server/src/exchange/transport';
import { Journal, JournalLockedError } from '../../../server/src/journal';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import { SigningSecrets, createSigner } from '../../../server/src/signature/keys/createSigner';
import { externalNeedsPin } from '../../../server/src/signature/keys/externalSigner';
import { KeySourceError, SecretKind, SecretRequiredError, WrongSecretError } from '../../../server/src/signature/keys/keyErrors';
import { SigningProfile, parseProfileFile } from '../../../server/src/signature/keys/profile';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';
import { defaultProfilesFile, readHidden } from './signCommand';
import { loadStands } from './standsFile';

/**
 * How the CLI builds the exchange: the journal folder, the stands (built-in + stands.json), the
 * signing profiles (signing.json), the format packages, and secrets from the environment or a
 * prompt that does not echo. Secrets are asked once a run and kept in memory only.
 */
export interface CliExchangeOptions {
  readonly lang: Lang;
  /** --journal; default $GIS_ZHKH_HOME/journal or the OS data folder. */
  readonly journal?: string;
  /** --stands; default $GIS_ZHKH_HOME/stands.json when it exists. */
  readonly standsFile?: string;
  /** --profiles; default $GIS_ZHKH_HOME/signing.json when it exists. */
  readonly profilesFile?: string;
  /** --store; the installed format packages. */
  readonly store?: string;
  /** The demo brings its own stands and profile. */
  readonly stands?: readonly StandProfile[];
  readonly signingProfiles?: readonly SigningProfile[];
  readonly decideResend?: ResendDecision;
  readonly onEvent?: (e: ExchangeEvent) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Whether a terminal is there to ask secrets on; default: stdin is a TTY. */
  readonly tty?: boolean;
}

export const SECRET_ENV = {
  password: 'GIS_ZHKH_KEY_PASSWORD',
  pin: 'GIS_ZHKH_PIN',
  tlsKeyPassword: 'GIS_ZHKH_TLS_KEY_PASSWORD',
} as const;

/** $GIS_ZHKH_HOME/journal, else the OS's data folder (beside the format packages). */
export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultStoreDir(env)), 'journal');
}

/** Profiles of signing.json: the file named, or the default one if it exists, else none. */
export function loadSigningProfiles(file: string | undefined, lang: Lang, env: NodeJS.ProcessEnv = process.env): { profiles: SigningProfile[]; defaultProfile?: string } {
  const chosen = file ?? defaultProfilesFile(env);
  if (!file && !fs.existsSync(chosen)) return { profiles: [] };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(chosen, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(lang === 'ru' ? `${chosen}: ${missing ? 'нет такого файла' : `не читается (${(e as Error).message})`}` : `${chosen}: ${missing ? 'no such file' : `cannot be read (${(e as Error).message})`}`);
  }
  try {
    const pf = parseProfileFile(json, path.dirname(path.resolve(chosen)));
    return { profiles: pf.profiles, defaultProfile: pf.defaultProfile };
  } catch (e) {
    throw new UsageError(e instanceof KeySourceError ? e.text(lang) : (e as Error).message);
  }
}

function secretLabel(kind: SecretKind | 'tls', lang: Lang): string {
  if (kind === 'pin') return lang === 'ru' ? 'PIN-код' : 'PIN';
  if (kind === 'tls') return lang === 'ru' ? 'Пароль ключа TLS' : 'TLS key password';
  return lang === 'ru' ? 'Пароль ключа' : 'Key password';
}

/**
 * Secrets for the engine. A signing secret is asked only when the key turns out to need it
 * (createSigner tells), up to three tries on a terminal; without a terminal the message names
 * the environment variable to set. Nothing here is written anywhere.
 */
export function cliSecrets(lang: Lang, env: NodeJS.ProcessEnv = process.env, tty = process.stdin.isTTY === true): ExchangeSetup['secrets'] {
  const signing = new Map<string, Promise<SigningSecrets>>();
  const transport = new Map<string, Promise<TransportSecrets>>();
  const envName: Record<SecretKind, string> = { password: SECRET_ENV.password, pin: SECRET_ENV.pin };

  const findSigning = async (profile: SigningProfile): Promise<SigningSecrets> => {
    const secrets: { password?: string; pin?: string } = { password: env[SECRET_ENV.password], pin: env[SECRET_ENV.pin] };
    const fromEnv = { password: secrets.password !== undefined, pin: secrets.pin !== undefined };
    for (let tries = 0; ; tries++) {
      try {
        // An external signer finds out it needs the PIN only when it runs: ask before.
        if (profile.external && externalNeedsPin(profile.external) && secrets.pin === undefined) throw new SecretRequiredError('pin');
        await createSigner(profile, secrets);
        return { ...secrets };
      } catch (e) {
        if (!(e instanceof SecretRequiredError || e instanceof WrongSecretError)) throw e;
        if (e instanceof WrongSecretError && (fromEnv[e.secret] || !tty || tries >= 3)) throw e;
        if (!tty) throw new UsageError(lang === 'ru' ? `${e.ru}: задайте переменную окружения ${envName[e.secret]}` : `${e.en}: set the environment variable ${envName[e.secret]}`);
        if (e instanceof WrongSecretError) process.stderr.write(`gis-zhkh: ${e.text(lang)}\n`);
        secrets[e.secret] = await readHidden(`${secretLabel(e.secret, lang)} (${profile.name}): `);
      }
    }
  };

  const findTransport = async (stand: StandProfile): Promise<TransportSecrets> => {
    const given = env[SECRET_ENV.tlsKeyPassword];
    if (given !== undefined) return { clientKeyPassword: given };
    // Only an encrypted client key needs a password; say so before any connection is tried.
    if (stand.transport !== 'direct' || !stand.clientKeyFile) return {};
    let encrypted = false;
    try {
      encrypted = /ENCRYPTED/.test(fs.readFileSync(stand.clientKeyFile, 'latin1').slice(0, 4096));
    } catch {
      return {}; // the transport reports the missing file with its own words
    }
    if (!encrypted) return {};
    if (!tty) throw new UsageError(lang === 'ru' ? `Ключ TLS стенда «${stand.name}» зашифрован: задайте переменную окружения ${SECRET_ENV.tlsKeyPassword}` : `The TLS key of stand "${stand.name}" is encrypted: set the environment variable ${SECRET_ENV.tlsKeyPassword}`);
    return { clientKeyPassword: await readHidden(`${secretLabel('tls', lang)} (${stand.name}): `) };
  };

  const once = <V>(cache: Map<string, Promise<V>>, key: string, make: () => Promise<V>): Promise<V> => {
    let p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  };

  return {
    signing: (profile) => once(signing, profile.name, () => findSigning(profile)),
    transport: (stand) => once(transport, stand.name, () => findTransport(stand)),
  };
}

export function packageRegistry(store: string | undefined, env: NodeJS.ProcessEnv = process.env): PackageRegistry {
  return new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: store ?? defaultStoreDir(env) });
}

export function buildExchangeSetup(o: CliExchangeOptions): ExchangeSetup {
  const env = o.env ?? process.env;
  return {
    journalDir: path.resolve(o.journal ?? defaultJournalDir(env)),
    stands: o.stands ?? loadStands(o.standsFile, o.lang, env),
    signingProfiles: o.signingProfiles ?? loadSigningProfiles(o.profilesFile, o.lang, env).profiles,
    registry: packageRegistry(o.store, env),
    secrets: cliSecrets(o.lang, env, o.tty),
    decideResend: o.decideResend,
    lang: o.lang,
    onEvent: o.onEvent,
    onWarning: (m) => process.stderr.write(`gis-zhkh: ${m}\n`),
  };
}

function lockedText(e: JournalLockedError, lang: Lang): string {
  return lang === 'ru'
    ? `Журнал ${e.root} открыт на запись другим процессом (pid ${e.pid}): дождитесь его окончания или закройте его`
    : `The journal at ${e.root} is open for writing in another process (pid ${e.pid}): wait for it to finish or close it`;
}

/**
 * The exchange for a command that writes (send, state): the journal's lock is required. For a
 * reading command (`read`), a journal another process holds is opened read-only instead.
 */
export async function openCliExchange(setup: ExchangeSetup, access: 'write' | 'read', lang: Lang): Promise<Exchange & { readOnly: boolean }> {
  try {
    return { ...(await openExchange(setup)), readOnly: false };
  } catch (e) {
    if (!(e instanceof JournalLockedError)) throw e;
    if (access === 'write') throw new UsageError(lockedText(e, lang));
    return { ...(await openExchange({ ...setup, readOnly: true })), readOnly: true };
  }
}

/** The journal alone, for list and export: read-only when another process holds it. */
export async function openCliJournal(dir: string): Promise<{ journal: Journal; readOnly: boolean } | undefined> {
  if (!fs.existsSync(dir)) return undefined;
  try {
    return { journal: await Journal.open(dir), readOnly: false };
  } catch (e) {
    if (!(e instanceof JournalLockedError)) throw e;
    return { journal: await Journal.open(dir, { readOnly: true }), readOnly: true };
  }
}
