import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILTIN_STANDS, PollPolicy, StandProfile, StandTimeouts, TransportMode } from '../../../server/src/exchange/standProfile';
import { BilingualError } from '../../../server/src/signature/bilingualError';
import type { Lang } from '../../../server/src/validation/messages';

/**
 * The setting `gisZhkh.stands`: stand profiles that override the built-in ones by name (field by
 * field) or add custom ones. Free of `vscode`, so the rules are tested directly and the CLI may
 * read its stands.json with them too.
 *
 * A profile never holds a secret: a field that looks like one (password, PIN, a private key's
 * PEM text, a password inside a URL) refuses the whole entry, as signing profiles do, so the
 * secret is not used from a settings file that may be synced or committed.
 */
export class StandSettingsError extends BilingualError {}

export interface StandIssue {
  /** The entry's name, or `#3` (its position) when it has none. */
  readonly stand: string;
  readonly ru: string;
  readonly en: string;
  /** True: the entry was dropped; false: the entry is used, a field was ignored. */
  readonly dropped: boolean;
}

export interface MergedStands {
  /** Built-ins first (in their order, overridden where the user said so), then custom ones. */
  readonly stands: StandProfile[];
  readonly issues: StandIssue[];
}

export function issueText(issue: StandIssue, lang: Lang): string {
  return lang === 'ru' ? `Стенд «${issue.stand}»: ${issue.ru}` : `Stand "${issue.stand}": ${issue.en}`;
}

const FIELDS = [
  'name',
  'title',
  'baseUrl',
  'transport',
  'clientCertificateFile',
  'clientKeyFile',
  'caFile',
  'tunnelUrl',
  'proxy',
  'timeouts',
  'orgPPAGUID',
  'senderId',
  'signingProfile',
  'formatVersion',
  'poll',
] as const;
const TIMEOUT_FIELDS: readonly (keyof StandTimeouts)[] = ['connectMs', 'responseMs'];
const POLL_FIELDS: readonly (keyof PollPolicy)[] = ['firstDelayMs', 'factor', 'ceilingMs', 'giveUpAfterMs'];
const TRANSPORTS: readonly TransportMode[] = ['direct', 'tunnel'];

/** Field names that hold secrets (the same test signing profiles make, plus keys and tokens). */
const SECRET_FIELD = /pass|pin|secret|token|privatekey$|^key$/i;
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Journal key, folder-safe and short: letters, digits, dot, dash, underscore. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

function fail(ru: string, en: string): never {
  throw new StandSettingsError(ru, en);
}

/** Refuses any secret-looking field or value, at any depth. */
function refuseSecrets(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (PRIVATE_KEY_PEM.test(value)) fail(`${where}: закрытый ключ в настройках не хранится, укажите файл (clientKeyFile)`, `${where}: a private key is never kept in settings, name its file (clientKeyFile)`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    const at = where ? `${where}.${k}` : k;
    if (SECRET_FIELD.test(k)) {
      fail(
        `поле ${at}: пароли, PIN-коды и ключи в профиле стенда не хранятся (пароль ключа спрашивается один раз и хранится в системном хранилище секретов)`,
        `field ${at}: passwords, PINs and keys are never kept in a stand profile (the key password is asked once and kept in the system keychain)`,
      );
    }
    refuseSecrets(v, at);
  }
}

function text(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') fail(`${k} — строка`, `${k} must be a string`);
  return v.trim();
}

function url(o: Record<string, unknown>, k: string, schemes: readonly string[], originOnly: boolean): string | undefined {
  const v = text(o, k);
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return fail(`${k}: не адрес (${v})`, `${k}: not a URL (${v})`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) fail(`${k}: схема ${schemes.join(' или ')}, не ${scheme}`, `${k}: scheme ${schemes.join(' or ')}, not ${scheme}`);
  if (u.password) fail(`${k}: пароль в адресе не хранится`, `${k}: a password is never kept in a URL`);
  if (u.username) fail(`${k}: имя пользователя в адресе не поддерживается`, `${k}: a user name in the URL is not supported`);
  if (originOnly && ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)) {
    fail(`${k}: только схема, хост и порт (пути сервисов берутся из каталога операций), не ${v}`, `${k}: scheme, host and port only (service paths come from the operation catalog), not ${v}`);
  }
  return originOnly ? u.origin : v.replace(/\/+$/, '');
}

function file(o: Record<string, unknown>, k: string, baseDir: string | undefined): string | undefined {
  const v = text(o, k);
  if (v === undefined) return undefined;
  const home = v === '~' || v.startsWith('~/') || v.startsWith('~\\') ? path.join(os.homedir(), v.slice(1)) : v;
  return baseDir ? path.resolve(baseDir, home) : home;
}

function guid(o: Record<string, unknown>, k: string): string | undefined {
  const v = text(o, k);
  if (v !== undefined && !GUID.test(v)) fail(`${k}: GUID вида 01234567-89ab-cdef-0123-456789abcdef, не «${v}»`, `${k}: a GUID like 01234567-89ab-cdef-0123-456789abcdef, not "${v}"`);
  return v;
}

function numbers<K extends string>(o: Record<string, unknown>, k: string, fields: readonly K[], min: (f: K) => number): Partial<Record<K, number>> | undefined {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) fail(`${k} — объект { ${fields.join(', ')} }`, `${k} must be an object { ${fields.join(', ')} }`);
  const out: Partial<Record<K, number>> = {};
  for (const [f, n] of Object.entries(v as Record<string, unknown>)) {
    if (!fields.includes(f as K)) fail(`${k}.${f}: неизвестное поле (есть ${fields.join(', ')})`, `${k}.${f}: unknown field (known: ${fields.join(', ')})`);
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min(f as K)) {
      fail(`${k}.${f}: число не меньше ${min(f as K)}`, `${k}.${f}: a number of at least ${min(f as K)}`);
    }
    out[f as K] = n;
  }
  return out;
}

/** Drops undefined fields so that a spread over a built-in keeps the built-in's values. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * One entry of `gisZhkh.stands`, merged over `builtin` when it names one. Relative file paths are
 * resolved against `baseDir` (the workspace folder, else the home folder). Throws
 * StandSettingsError for an entry that cannot be used; returns the fields it ignored in `ignored`.
 */
export function parseStand(value: unknown, builtin?: StandProfile, baseDir?: string, ignored: string[] = []): StandProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('профиль стенда должен быть объектом JSON', 'a stand profile must be a JSON object');
  const o = value as Record<string, unknown>;
  refuseSecrets(o, '');
  for (const k of Object.keys(o)) if (!(FIELDS as readonly string[]).includes(k)) ignored.push(k);
  const transport = text(o, 'transport') as TransportMode | undefined;
  if (transport !== undefined && !TRANSPORTS.includes(transport)) fail(`transport: direct | tunnel, не «${transport}»`, `transport: direct | tunnel, not "${transport}"`);
  const own: Partial<StandProfile> = defined({
    title: text(o, 'title'),
    baseUrl: url(o, 'baseUrl', ['http', 'https'], true),
    transport,
    clientCertificateFile: file(o, 'clientCertificateFile', baseDir),
    clientKeyFile: file(o, 'clientKeyFile', baseDir),
    caFile: file(o, 'caFile', baseDir),
    tunnelUrl: url(o, 'tunnelUrl', ['http'], true),
    proxy: url(o, 'proxy', ['http'], true),
    orgPPAGUID: guid(o, 'orgPPAGUID'),
    senderId: guid(o, 'senderId'),
    signingProfile: text(o, 'signingProfile'),
    formatVersion: text(o, 'formatVersion'),
  });
  const timeouts = numbers(o, 'timeouts', TIMEOUT_FIELDS, () => 1);
  const poll = numbers(o, 'poll', POLL_FIELDS, () => 1);
  const name = builtin?.name ?? (text(o, 'name') as string);
  const merged: StandProfile = {
    ...(builtin ?? { transport: 'direct' as const }),
    ...own,
    name,
    ...(timeouts || builtin?.timeouts ? { timeouts: { ...builtin?.timeouts, ...timeouts } } : {}),
    ...(poll || builtin?.poll ? { poll: { ...builtin?.poll, ...poll } } : {}),
  } as StandProfile;
  return checkStand(merged);
}

/** Rules across fields, on the merged profile (an override may complete a built-in). */
function checkStand(s: StandProfile): StandProfile {
  if (!s.baseUrl) fail('нет baseUrl (схема, хост и порт стенда)', 'baseUrl is missing (scheme, host and port of the stand)');
  if (s.transport === 'tunnel' && !s.tunnelUrl) fail('режим tunnel: нужен tunnelUrl — адрес локального туннеля, например http://127.0.0.1:8080', 'tunnel mode needs tunnelUrl, the local tunnel address, e.g. http://127.0.0.1:8080');
  // A certificate alone is allowed: one PEM file may hold both the certificate and its key.
  if (s.clientKeyFile && !s.clientCertificateFile) {
    fail('clientKeyFile без clientCertificateFile: нужен и сертификат клиента', 'clientKeyFile without clientCertificateFile: the client certificate is needed too');
  }
  if (s.orgPPAGUID && s.senderId) fail('в заголовке запроса либо orgPPAGUID, либо senderId, не оба', 'the request header takes orgPPAGUID or senderId, not both');
  const p = s.poll;
  if (p?.firstDelayMs !== undefined && p.ceilingMs !== undefined && p.ceilingMs < p.firstDelayMs) {
    fail('poll.ceilingMs не может быть меньше poll.firstDelayMs', 'poll.ceilingMs cannot be less than poll.firstDelayMs');
  }
  return s;
}

export interface MergeOptions {
  builtins?: readonly StandProfile[];
  /** Relative file paths of the profiles are resolved against it. */
  baseDir?: string;
}

/**
 * The stands a user has: the built-ins with the user's overrides, then the user's own. A broken
 * entry is dropped and reported (the built-in it meant to override stays as shipped, so a typo
 * never sends a request somewhere unexpected: the stand keeps its documented address).
 */
export function mergeStands(user: unknown, options: MergeOptions = {}): MergedStands {
  const builtins = options.builtins ?? BUILTIN_STANDS;
  const issues: StandIssue[] = [];
  const stands = new Map<string, StandProfile>(builtins.map((b) => [b.name.toLowerCase(), b]));
  const overridden = new Set<string>();
  const entries = user === undefined || user === null ? [] : Array.isArray(user) ? user : undefined;
  if (!entries) {
    issues.push({ stand: 'gisZhkh.stands', ru: 'настройка должна быть массивом профилей', en: 'the setting must be an array of profiles', dropped: true });
    return { stands: [...stands.values()], issues };
  }
  entries.forEach((entry, i) => {
    const rawName = typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string' ? (entry as { name: string }).name.trim() : '';
    const label = rawName || `#${i + 1}`;
    try {
      if (!rawName) fail('нет имени (name)', 'no name');
      if (!NAME.test(rawName)) fail('имя — буквы, цифры, точка, дефис, подчёркивание (до 64 знаков)', 'the name takes letters, digits, dot, dash and underscore (up to 64)');
      const key = rawName.toLowerCase();
      if (overridden.has(key)) {
        issues.push({ stand: label, ru: 'задан дважды: действует последний', en: 'defined twice: the last one counts', dropped: false });
      }
      const builtin = builtins.find((b) => b.name.toLowerCase() === key);
      const ignored: string[] = [];
      const stand = parseStand(entry, builtin, options.baseDir, ignored);
      if (ignored.length > 0) {
        issues.push({ stand: label, ru: `неизвестные поля пропущены: ${ignored.join(', ')}`, en: `unknown fields ignored: ${ignored.join(', ')}`, dropped: false });
      }
      stands.set(key, stand);
      overridden.add(key);
    } catch (e) {
      if (!(e instanceof StandSettingsError)) throw e;
      issues.push({ stand: label, ru: e.ru, en: e.en, dropped: true });
    }
  });
  return { stands: [...stands.values()], issues };
}

/** The stands with one stand's address replaced: the running sandbox's URL for `sandbox`. */
export function withBaseUrl(stands: readonly StandProfile[], name: string, baseUrl: string): StandProfile[] {
  return stands.map((s) => (s.name === name ? { ...s, baseUrl, transport: 'direct' as const } : s));
}

/** What the user sees for a stand: «СИТ-01 (sit-01)», or the name alone. */
export function standLabel(s: Pick<StandProfile, 'name' | 'title'>): string {
  return s.title && s.title !== s.name ? `${s.title} (${s.name})` : s.name;
}

/**
 * The key under which a stand's client TLS key password lives in SecretStorage (documented in the
 * README): one per stand name, so overriding a stand keeps its password.
 */
export function clientKeySecretKey(standName: string): string {
  return `gisZhkh.stand.clientKeyPassword.${standName}`;
}

/** Whether a PEM key file's text is encrypted (PKCS#8 or the traditional OpenSSL form). */
export function pemKeyIsEncrypted(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /Proc-Type:\s*4,\s*ENCRYPTED/.test(pem);
}

export interface RetentionInput {
  doneDays?: unknown;
  otherFinalDays?: unknown;
}

/** Retention from settings: a number of days ≥ 0, or nothing (null) to keep for ever. */
export function retentionFromSettings(input: RetentionInput): { doneDays?: number; otherFinalDays?: number } {
  const days = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  return defined({ doneDays: days(input.doneDays), otherFinalDays: days(input.otherFinalDays) });
}

/**
 * Whether the stand's client TLS key needs a password: direct mode with a key file whose PEM is
 * encrypted. A file that cannot be read needs none here; the transport reports it when it connects.
 */
export function clientKeyNeedsPassword(stand: StandProfile, readFile: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): boolean {
  const keyFile = stand.clientKeyFile ?? stand.clientCertificateFile;
  if (stand.transport !== 'direct' || !keyFile || !stand.baseUrl.startsWith('https:')) return false;
  try {
    return pemKeyIsEncrypted(readFile(keyFile));
  } catch {
    return false;
  }
}

/**
 * Whether `password` opens the encrypted PEM key: true, false (wrong password), or undefined when
 * Node cannot tell (a key type it does not know: the transport reports that itself).
 */
export function passwordOpensKey(pem: string, password: string): boolean | undefined {
  try {
    crypto.createPrivateKey({ key: pem, format: 'pem', passphrase: password });
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test((e as Error).message)) return false;
    return undefined;
  }
}
