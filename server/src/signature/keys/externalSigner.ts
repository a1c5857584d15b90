import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeySourceError, SecretRequiredError } from './keyErrors';
import type { ByteOrder, ExternalCommand } from './profile';

export interface ExternalContext {
  readonly certificateFile?: string;
  readonly keyFile?: string;
  readonly container?: string;
  readonly pin?: string;
}

/** Whether the command needs the PIN: it names {pin} or reads GIS_ZHKH_PIN. */
export function externalNeedsPin(cmd: ExternalCommand): boolean {
  return cmd.command.some((a) => a.includes('{pin}') || a.includes('GIS_ZHKH_PIN'));
}

/**
 * ds:SignatureValue carries the signature big-endian (GOST: s ‖ r as crypto/gost3410.ts states;
 * RSA: the PKCS#1 integer). A program in little-endian (CryptoAPI) order wrote the same bytes
 * reversed end to end, so one reversal converts.
 */
export function toSignatureValueOrder(sig: Uint8Array, order: ByteOrder): Uint8Array {
  return order === 'big-endian' ? sig : Uint8Array.from(sig).reverse();
}

function decodeOutput(raw: Buffer, encoding: ExternalCommand['outputEncoding']): Uint8Array {
  if (encoding === 'base64') return new Uint8Array(Buffer.from(raw.toString('latin1').replace(/-----[^-]+-----|\s+/g, ''), 'base64'));
  if (encoding === 'hex') return new Uint8Array(Buffer.from(raw.toString('latin1').replace(/[^0-9a-fA-F]/g, ''), 'hex'));
  return new Uint8Array(raw);
}

/**
 * Runs the external signer on `input` (the data or its digest, as the command's `input` says) and
 * returns the signature in ds:SignatureValue order. The program gets its files in a private
 * temporary folder (removed afterwards) and no shell; the PIN reaches it as {pin} or in the
 * environment (GIS_ZHKH_PIN) and never appears in an error message.
 */
export async function runExternalSigner(cmd: ExternalCommand, input: Uint8Array, ctx: ExternalContext): Promise<Uint8Array> {
  if (externalNeedsPin(cmd) && ctx.pin === undefined) throw new SecretRequiredError('pin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-sign-'));
  try {
    fs.chmodSync(dir, 0o700);
    const inFile = path.join(dir, 'in.bin');
    const outFile = path.join(dir, 'signature.bin');
    fs.writeFileSync(inFile, input, { mode: 0o600 });
    const values: Record<string, string> = {
      in: inFile,
      out: outFile,
      cert: ctx.certificateFile ?? '',
      key: ctx.keyFile ?? '',
      container: ctx.container ?? '',
      pin: ctx.pin ?? '',
    };
    const argv = cmd.command.map((a) => a.replace(/\{(in|out|cert|key|container|pin)\}/g, (_, k: string) => values[k]));
    const env = { ...process.env };
    if (ctx.pin !== undefined) env.GIS_ZHKH_PIN = ctx.pin;
    const r = await run(argv, env, cmd.timeoutMs ?? 60_000);
    const shown = cmd.command[0];
    const hide = (s: string): string => (ctx.pin ? s.split(ctx.pin).join('***') : s);
    if (r.error) {
      throw new KeySourceError(`Внешняя подпись: не удалось запустить ${shown}: ${hide(r.error)}`, `External signer: could not run ${shown}: ${hide(r.error)}`);
    }
    if (r.code !== 0) {
      const tail = hide(r.stderr.trim()).split('\n').slice(-5).join('\n');
      throw new KeySourceError(`Внешняя подпись: ${shown} завершилась с кодом ${r.code}${tail ? `:\n${tail}` : ''}`, `External signer: ${shown} exited with code ${r.code}${tail ? `:\n${tail}` : ''}`);
    }
    if (!fs.existsSync(outFile)) throw new KeySourceError(`Внешняя подпись: ${shown} не записала подпись в {out}`, `External signer: ${shown} wrote no signature to {out}`);
    const sig = decodeOutput(fs.readFileSync(outFile), cmd.outputEncoding);
    if (sig.length === 0) throw new KeySourceError(`Внешняя подпись: ${shown} записала пустую подпись`, `External signer: ${shown} wrote an empty signature`);
    return toSignatureValueOrder(sig, cmd.signatureByteOrder);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs, windowsHide: true });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString('utf8');
    });
    child.on('error', (e) => {
      if (!settled) {
        settled = true;
        resolve({ code: null, stderr, error: e.message });
      }
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      resolve(signal ? { code: null, stderr, error: `stopped by ${signal}${signal === 'SIGTERM' ? ` (timeout ${timeoutMs} ms?)` : ''}` } : { code, stderr });
    });
  });
}
