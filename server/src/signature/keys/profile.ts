import * as path from 'node:path';
import { isImport } from '../../catalog/operationCatalog';
import { TEMPLATE_NAMES, TemplateName, externalTemplate } from './externalTemplates';
import { KeySourceError } from './keyErrors';

/**
 * A signing profile: where the key is and how to use it. It is stored in settings and in
 * signing.json, so it never holds a secret: PINs and passwords are given at signing time
 * (VS Code: SecretStorage; CLI: environment or prompt).
 */
export type ProfileAlgorithm = 'gost2012-256' | 'gost2012-512' | 'rsa-sha256';
export type KeySourceKind = 'pem' | 'pfx' | 'external';
export type ByteOrder = 'big-endian' | 'little-endian';

export interface ExternalCommand {
  /**
   * The program and its arguments, one array item each (no shell). Placeholders: {in} the file to
   * sign (data or digest, see `input`), {out} the file the program writes the signature to,
   * {cert} the certificate file, {key} the profile's keyFile, {container} the profile's
   * container, {pin} the PIN (avoid where the program can read it from GIS_ZHKH_PIN, which the
   * program always gets in its environment).
   */
  readonly command: readonly string[];
  /** What {in} holds: the canonical SignedInfo bytes, or their digest (Streebog / SHA-256). */
  readonly input: 'data' | 'digest';
  /** The byte order of what the program writes (OpenSSL: big-endian; CryptoAPI: little-endian). */
  readonly signatureByteOrder: ByteOrder;
  /** How {out} is written: raw bytes (default), base64 or hex text. */
  readonly outputEncoding?: 'binary' | 'base64' | 'hex';
  /** Most milliseconds the program may run (default 60 000: a token may wait for a button). */
  readonly timeoutMs?: number;
}

/** Which requests a profile signs: imports (GIS default), all, or the operations named. */
export type SignOperations = 'imports' | 'all' | readonly string[];

export interface SigningProfile {
  readonly name: string;
  readonly algorithm: ProfileAlgorithm;
  readonly keySource: KeySourceKind;
  /** PEM/DER key (pem), the container (pfx), or a key file the external command names as {key}. */
  readonly keyFile?: string;
  /** The signer's certificate; for pfx taken from the container when not given. */
  readonly certificateFile?: string;
  /** For external signers that address a key container or certificate by name or thumbprint. */
  readonly container?: string;
  readonly external?: ExternalCommand;
  readonly signOperations?: SignOperations;
}

const ALGORITHMS: readonly ProfileAlgorithm[] = ['gost2012-256', 'gost2012-512', 'rsa-sha256'];
const SOURCES: readonly KeySourceKind[] = ['pem', 'pfx', 'external'];
const SECRET_FIELDS = /pass|pin|secret/i;

function bad(name: string, ru: string, en: string): never {
  throw new KeySourceError(`Профиль подписи «${name}»: ${ru}`, `Signing profile "${name}": ${en}`);
}

/**
 * Checks a profile as it comes from JSON (settings, signing.json) and resolves its file paths
 * against `baseDir` (the folder of signing.json; the workspace folder in VS Code).
 */
export function parseProfile(value: unknown, baseDir?: string): SigningProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KeySourceError('Профиль подписи должен быть объектом JSON', 'A signing profile must be a JSON object');
  const o = value as Record<string, unknown>;
  const name = typeof o.name === 'string' && o.name.trim() ? o.name : bad('?', 'нет имени (name)', 'no name');
  for (const k of Object.keys(o)) {
    if (SECRET_FIELDS.test(k)) bad(name, `поле ${k}: пароли и PIN-коды в профиле не хранятся`, `field ${k}: passwords and PINs are never kept in a profile`);
  }
  const algorithm = o.algorithm as ProfileAlgorithm;
  if (!ALGORITHMS.includes(algorithm)) bad(name, `algorithm: ${ALGORITHMS.join(' | ')}`, `algorithm: ${ALGORITHMS.join(' | ')}`);
  const keySource = o.keySource as KeySourceKind;
  if (!SOURCES.includes(keySource)) bad(name, `keySource: ${SOURCES.join(' | ')}`, `keySource: ${SOURCES.join(' | ')}`);
  const file = (k: string): string | undefined => {
    const v = o[k];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') bad(name, `${k} — путь к файлу`, `${k} must be a file path`);
    return baseDir ? path.resolve(baseDir, v) : v;
  };
  const keyFile = file('keyFile');
  const certificateFile = file('certificateFile');
  if ((keySource === 'pem' || keySource === 'pfx') && !keyFile) bad(name, 'нет keyFile', 'keyFile is missing');
  if (keySource !== 'pfx' && !certificateFile) bad(name, 'нет certificateFile', 'certificateFile is missing');
  const container = typeof o.container === 'string' ? o.container : undefined;
  const external = keySource === 'external' ? parseExternal(name, algorithm, o.external) : undefined;
  const signOperations = parseOperations(name, o.signOperations);
  return { name, algorithm, keySource, keyFile, certificateFile, container, external, signOperations };
}

/** `external` is either a full command or `{ "template": "…" }`, whose fields the object may override. */
function parseExternal(name: string, algorithm: ProfileAlgorithm, v: unknown): ExternalCommand {
  if (typeof v !== 'object' || v === null) bad(name, 'нет external { command, input, signatureByteOrder } или { template }', 'external { command, input, signatureByteOrder } or { template } is missing');
  let e = v as Record<string, unknown>;
  if (e.template !== undefined) {
    if (!TEMPLATE_NAMES.includes(e.template as TemplateName)) bad(name, `external.template: ${TEMPLATE_NAMES.join(' | ')}`, `external.template: ${TEMPLATE_NAMES.join(' | ')}`);
    e = { ...externalTemplate(e.template as TemplateName, algorithm), ...e };
  }
  const command = e.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((x) => typeof x === 'string')) {
    bad(name, 'external.command — массив: программа и её аргументы', 'external.command must be an array: the program and its arguments');
  }
  if (!command.some((x: string) => x.includes('{in}')) || !command.some((x: string) => x.includes('{out}'))) {
    bad(name, 'external.command должна содержать {in} и {out}', 'external.command must contain {in} and {out}');
  }
  const input = e.input ?? 'data';
  if (input !== 'data' && input !== 'digest') bad(name, 'external.input: data | digest', 'external.input: data | digest');
  const order = e.signatureByteOrder;
  if (order !== 'big-endian' && order !== 'little-endian') {
    bad(name, 'external.signatureByteOrder: big-endian | little-endian (OpenSSL — big-endian, КриптоПро CryptoAPI — little-endian)', 'external.signatureByteOrder: big-endian | little-endian (OpenSSL big-endian, CryptoPro CryptoAPI little-endian)');
  }
  const enc = e.outputEncoding ?? 'binary';
  if (enc !== 'binary' && enc !== 'base64' && enc !== 'hex') bad(name, 'external.outputEncoding: binary | base64 | hex', 'external.outputEncoding: binary | base64 | hex');
  const timeoutMs = typeof e.timeoutMs === 'number' && e.timeoutMs > 0 ? e.timeoutMs : undefined;
  return { command: command as string[], input, signatureByteOrder: order, outputEncoding: enc, timeoutMs };
}

function parseOperations(name: string, v: unknown): SignOperations {
  if (v === undefined) return 'imports';
  if (v === 'imports' || v === 'all') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return bad(name, 'signOperations: "imports" | "all" | [имена операций]', 'signOperations: "imports" | "all" | [operation names]');
}

/** Whether a profile signs requests of `operation` (GIS: imports are signed, exports usually not). */
export function profileSigns(profile: SigningProfile, operation: string): boolean {
  const ops = profile.signOperations ?? 'imports';
  if (ops === 'all') return true;
  if (ops === 'imports') return isImport(operation);
  return ops.includes(operation);
}

/** signing.json: `{ "defaultProfile": "…", "profiles": [ … ] }` or a bare array of profiles. */
export interface ProfileFile {
  readonly defaultProfile?: string;
  readonly profiles: SigningProfile[];
}

export function parseProfileFile(json: unknown, baseDir: string): ProfileFile {
  if (Array.isArray(json)) return { profiles: json.map((p) => parseProfile(p, baseDir)) };
  if (typeof json === 'object' && json !== null && Array.isArray((json as { profiles?: unknown }).profiles)) {
    const o = json as { defaultProfile?: unknown; profiles: unknown[] };
    return { defaultProfile: typeof o.defaultProfile === 'string' ? o.defaultProfile : undefined, profiles: o.profiles.map((p) => parseProfile(p, baseDir)) };
  }
  if (typeof json === 'object' && json !== null && 'name' in json) return { profiles: [parseProfile(json, baseDir)] };
  throw new KeySourceError('Файл профилей: ожидается { "profiles": [ … ] }', 'Profile file: { "profiles": [ … ] } expected');
}
