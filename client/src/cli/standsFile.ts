import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_STANDS, PollPolicy, StandProfile, StandTimeouts } from '../../../server/src/exchange/standProfile';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';

/**
 * The CLI's stands: the built-in ones (SIT-01, SIT-02, ППАК, sandbox) with the user's stands.json
 * laid over them by name. The file holds no secret: a field that looks like one (password, PIN…)
 * is refused rather than quietly carried into a journal or a log.
 *
 *   { "stands": [ { "name": "sit-01", "orgPPAGUID": "…", "signingProfile": "Бухгалтер" },
 *                 { "name": "my-test", "baseUrl": "http://127.0.0.1:9000", "transport": "direct" } ] }
 */
export function defaultStandsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultStoreDir(env)), 'stands.json');
}

const SECRET_FIELD = /pass|pin|secret|token|credential/i;
const STRING_FIELDS = ['title', 'baseUrl', 'tunnelUrl', 'proxy', 'orgPPAGUID', 'senderId', 'signingProfile', 'formatVersion'] as const;
const FILE_FIELDS = ['clientCertificateFile', 'clientKeyFile', 'caFile'] as const;
const TIMEOUT_FIELDS: readonly (keyof StandTimeouts)[] = ['connectMs', 'responseMs'];
const POLL_FIELDS: readonly (keyof PollPolicy)[] = ['firstDelayMs', 'factor', 'ceilingMs', 'giveUpAfterMs'];
const KNOWN = new Set<string>(['name', 'transport', 'timeouts', 'poll', ...STRING_FIELDS, ...FILE_FIELDS]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class StandFileError extends UsageError {}

function fail(lang: Lang, where: string, ru: string, en: string): never {
  throw new StandFileError(`${where}: ${lang === 'ru' ? ru : en}`);
}

function numbers<K extends string>(lang: Lang, where: string, field: string, v: unknown, keys: readonly K[]): Partial<Record<K, number>> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(lang, where, `${field} — объект`, `${field} must be an object`);
  const out: Partial<Record<K, number>> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!keys.includes(k as K)) fail(lang, where, `${field}.${k}: неизвестное поле (есть ${keys.join(', ')})`, `${field}.${k}: unknown field (known: ${keys.join(', ')})`);
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) fail(lang, where, `${field}.${k} — положительное число`, `${field}.${k} must be a positive number`);
    out[k as K] = x;
  }
  return out;
}

function url(lang: Lang, where: string, field: string, v: string): void {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    fail(lang, where, `${field}: не адрес (${v})`, `${field}: not a URL (${v})`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(lang, where, `${field}: нужен http:// или https://`, `${field}: http:// or https:// expected`);
}

/** One stand as the file gives it: only known fields, checked, file paths resolved against `baseDir`. */
export function parseStand(value: unknown, baseDir: string, lang: Lang, where = 'stands.json'): Partial<StandProfile> & { name: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(lang, where, 'стенд — объект JSON', 'a stand must be a JSON object');
  const o = value as Record<string, unknown>;
  const name = o.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) fail(lang, where, 'name — имя стенда из латинских букв, цифр, «.», «_», «-»', 'name must be a stand name of letters, digits, ".", "_", "-"');
  const at = `${where}, «${name}»`;
  for (const k of Object.keys(o)) {
    if (SECRET_FIELD.test(k)) fail(lang, at, `поле ${k}: пароли и PIN-коды в файле стендов не хранятся (их берут из GIS_ZHKH_TLS_KEY_PASSWORD или спрашивают)`, `field ${k}: passwords and PINs are never kept in the stands file (they come from GIS_ZHKH_TLS_KEY_PASSWORD or a prompt)`);
    if (!KNOWN.has(k)) fail(lang, at, `неизвестное поле ${k}`, `unknown field ${k}`);
  }
  const out: Record<string, unknown> = { name };
  for (const k of STRING_FIELDS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string') fail(lang, at, `${k} — строка`, `${k} must be a string`);
    out[k] = o[k];
  }
  for (const k of ['baseUrl', 'tunnelUrl', 'proxy'] as const) if (typeof out[k] === 'string') url(lang, at, k, out[k] as string);
  if (out.orgPPAGUID !== undefined && !GUID.test(out.orgPPAGUID as string)) fail(lang, at, 'orgPPAGUID — GUID', 'orgPPAGUID must be a GUID');
  for (const k of FILE_FIELDS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string' || !o[k]) fail(lang, at, `${k} — путь к файлу`, `${k} must be a file path`);
    out[k] = path.resolve(baseDir, o[k] as string);
  }
  if (o.transport !== undefined) {
    if (o.transport !== 'direct' && o.transport !== 'tunnel') fail(lang, at, 'transport: direct | tunnel', 'transport: direct | tunnel');
    out.transport = o.transport;
  }
  if (o.timeouts !== undefined) out.timeouts = numbers(lang, at, 'timeouts', o.timeouts, TIMEOUT_FIELDS);
  if (o.poll !== undefined) out.poll = numbers(lang, at, 'poll', o.poll, POLL_FIELDS);
  return out as Partial<StandProfile> & { name: string };
}

/** The user's stand over the built-in one of the same name; timeouts and polling merged field by field. */
export function mergeStands(builtin: readonly StandProfile[], user: readonly (Partial<StandProfile> & { name: string })[], lang: Lang): StandProfile[] {
  const byName = new Map<string, StandProfile>(builtin.map((s) => [s.name, s]));
  for (const u of user) {
    const base = byName.get(u.name);
    const merged = base
      ? { ...base, ...u, timeouts: base.timeouts || u.timeouts ? { ...base.timeouts, ...u.timeouts } : undefined, poll: base.poll || u.poll ? { ...base.poll, ...u.poll } : undefined }
      : u;
    if (!merged.baseUrl) fail(lang, 'stands.json', `у нового стенда «${u.name}» нет baseUrl`, `the new stand "${u.name}" has no baseUrl`);
    if (!merged.transport) fail(lang, 'stands.json', `у нового стенда «${u.name}» нет transport (direct | tunnel)`, `the new stand "${u.name}" has no transport (direct | tunnel)`);
    byName.set(u.name, merged as StandProfile);
  }
  return [...byName.values()];
}

/**
 * Stands for this run: `file` if given (it must exist), else $GIS_ZHKH_HOME/stands.json when it
 * exists, else the built-in stands alone.
 */
export function loadStands(file: string | undefined, lang: Lang, env: NodeJS.ProcessEnv = process.env): StandProfile[] {
  const chosen = file ?? defaultStandsFile(env);
  if (!file && !fs.existsSync(chosen)) return [...BUILTIN_STANDS];
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(chosen, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    fail(lang, chosen, missing ? 'нет такого файла' : `не читается (${(e as Error).message})`, missing ? 'no such file' : `cannot be read (${(e as Error).message})`);
  }
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null && Array.isArray((json as { stands?: unknown }).stands) ? (json as { stands: unknown[] }).stands : undefined;
  if (!list) fail(lang, chosen, 'ожидается { "stands": [ … ] }', '{ "stands": [ … ] } expected');
  const baseDir = path.dirname(path.resolve(chosen));
  const parsed = list.map((s) => parseStand(s, baseDir, lang, chosen));
  const names = new Set<string>();
  for (const s of parsed) {
    if (names.has(s.name)) fail(lang, chosen, `стенд «${s.name}» указан дважды`, `stand "${s.name}" is given twice`);
    names.add(s.name);
  }
  return mergeStands(BUILTIN_STANDS, parsed, lang);
}

/** The stand by name, or a usage error listing the known ones. */
export function pickStand(stands: readonly StandProfile[], name: string | undefined, lang: Lang): StandProfile {
  const known = stands.map((s) => s.name).join(', ');
  if (!name) throw new UsageError(lang === 'ru' ? `Укажите стенд: --stand <имя>. Стенды: ${known}` : `Name a stand: --stand <name>. Stands: ${known}`);
  const s = stands.find((x) => x.name === name);
  if (!s) throw new UsageError(lang === 'ru' ? `Нет стенда «${name}». Есть: ${known}` : `No stand "${name}". There are: ${known}`);
  return s;
}
