import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SigningSecrets, createSigner } from '../../../server/src/signature/keys/createSigner';
import { externalNeedsPin } from '../../../server/src/signature/keys/externalSigner';
import { KeySourceError, SecretKind, SecretRequiredError, WrongSecretError } from '../../../server/src/signature/keys/keyErrors';
import { ProfileFile, SigningProfile, parseProfileFile } from '../../../server/src/signature/keys/profile';
import type { Signer } from '../../../server/src/signature/algorithms';
import { signDocument } from '../../../server/src/signatureService';
import type { Lang } from '../../../server/src/validation/messages';
import { decodeXmlBytes } from '../../../server/src/xml/decodeXml';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';
import { BilingualError } from '../../../server/src/signature/bilingualError';

/** Where the CLI keeps signing profiles: beside the format store ($GIS_ZHKH_HOME/signing.json). */
export function defaultProfilesFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultStoreDir(env)), 'signing.json');
}

const SECRET_ENV: Record<SecretKind, string> = { password: 'GIS_ZHKH_KEY_PASSWORD', pin: 'GIS_ZHKH_PIN' };

function readProfileFile(file: string, lang: Lang): ProfileFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(
      lang === 'ru'
        ? `${missing ? 'Нет файла профилей' : 'Файл профилей не читается'}: ${file}${missing ? '' : ` (${(e as Error).message})`}`
        : `${missing ? 'No profile file' : 'Cannot read the profile file'}: ${file}${missing ? '' : ` (${(e as Error).message})`}`,
    );
  }
  try {
    return parseProfileFile(json, path.dirname(path.resolve(file)));
  } catch (e) {
    throw new UsageError(e instanceof KeySourceError ? e.text(lang) : (e as Error).message);
  }
}

/**
 * `--profile` is a JSON file (one profile, or a profile list with defaultProfile) or the name of a
 * profile in the profile file ($GIS_ZHKH_HOME/signing.json unless --profiles says otherwise).
 */
export function resolveProfile(spec: string | undefined, profilesFile: string | undefined, lang: Lang, env: NodeJS.ProcessEnv = process.env): SigningProfile {
  const pick = (pf: ProfileFile, name: string | undefined, where: string): SigningProfile => {
    const wanted = name ?? pf.defaultProfile ?? (pf.profiles.length === 1 ? pf.profiles[0].name : undefined);
    const found = pf.profiles.find((p) => p.name === wanted);
    if (found) return found;
    const names = pf.profiles.map((p) => p.name).join(', ') || '—';
    throw new UsageError(
      wanted === undefined
        ? lang === 'ru' ? `Укажите профиль: --profile <имя>. Профили в ${where}: ${names}` : `Name a profile: --profile <name>. Profiles in ${where}: ${names}`
        : lang === 'ru' ? `Нет профиля «${wanted}» в ${where}. Есть: ${names}` : `No profile "${wanted}" in ${where}. There are: ${names}`,
    );
  };
  if (spec && /\.json$/i.test(spec) && fs.existsSync(spec)) return pick(readProfileFile(spec, lang), undefined, spec);
  const file = profilesFile ?? defaultProfilesFile(env);
  return pick(readProfileFile(file, lang), spec, file);
}

/** Reads a line from the terminal without echoing it (a PIN or password). */
export function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new UsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The Signer, with secrets from the environment, else asked on the terminal. A secret is asked
 * only when the key turns out to need it; a wrong one from a prompt is asked again (3 tries).
 */
export async function signerWithSecrets(profile: SigningProfile, lang: Lang, env: NodeJS.ProcessEnv = process.env, tty = process.stdin.isTTY === true): Promise<Signer> {
  const secrets: { password?: string; pin?: string } = { password: env[SECRET_ENV.password], pin: env[SECRET_ENV.pin] };
  const fromEnv = { password: secrets.password !== undefined, pin: secrets.pin !== undefined };
  for (let tries = 0; ; tries++) {
    try {
      // An external signer would find out it needs the PIN only when it runs: ask before.
      if (profile.external && externalNeedsPin(profile.external) && secrets.pin === undefined) throw new SecretRequiredError('pin');
      return await createSigner(profile, secrets as SigningSecrets);
    } catch (e) {
      if (!(e instanceof SecretRequiredError || e instanceof WrongSecretError)) throw e;
      if (e instanceof WrongSecretError && (fromEnv[e.secret] || !tty || tries >= 3)) throw e;
      if (!tty) {
        throw new UsageError(lang === 'ru' ? `${e.ru}: задайте переменную окружения ${SECRET_ENV[e.secret]}` : `${e.en}: set the environment variable ${SECRET_ENV[e.secret]}`);
      }
      if (e instanceof WrongSecretError) process.stderr.write(`gis-zhkh: ${e.text(lang)}\n`);
      const label = e.secret === 'pin' ? (lang === 'ru' ? 'PIN-код' : 'PIN') : lang === 'ru' ? 'Пароль ключа' : 'Key password';
      secrets[e.secret] = await readHidden(`${label} (${profile.name}): `);
    }
  }
}

/** `gis-zhkh sign --profile <name|file.json> <in> [-o out]`: exit 0 signed, 1 could not sign, 2 usage. */
export async function signCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string', short: 'p' },
      profiles: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(lang === 'ru' ? 'Укажите один файл: gis-zhkh sign --profile <имя|файл.json> <файл> [-o <подписанный файл>]' : 'Give one file: gis-zhkh sign --profile <name|file.json> <file> [-o <signed file>]');
  const input = positionals[0];
  if (!fs.existsSync(input)) throw new UsageError((lang === 'ru' ? 'Нет файла: ' : 'No such file: ') + input);
  const profile = resolveProfile(values.profile, values.profiles, lang);
  const decoded = decodeXmlBytes(fs.readFileSync(input));
  if (!decoded.ok) throw new UsageError(lang === 'ru' ? `${input}: байт 0x${decoded.byte.toString(16)} не в кодировке ${decoded.encoding}` : `${input}: byte 0x${decoded.byte.toString(16)} is not ${decoded.encoding}`);
  if (decoded.encoding !== 'utf-8') throw new UsageError(lang === 'ru' ? `${input}: ГИС ЖКХ принимает только UTF-8, а файл в ${decoded.encoding}` : `${input}: GIS ZhKKh takes UTF-8 only, the file is ${decoded.encoding}`);
  try {
    const signed = await signDocument(decoded.text, await signerWithSecrets(profile, lang));
    if (values.output) fs.writeFileSync(values.output, signed);
    else out(signed.replace(/\n$/, ''));
    return 0;
  } catch (e) {
    // Key problems and documents that cannot be signed (already signed, no request element).
    if (e instanceof BilingualError) {
      process.stderr.write(`gis-zhkh: ${e.text(lang)}\n`);
      return 1;
    }
    throw e;
  }
}
