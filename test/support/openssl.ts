import { spawnSync } from 'node:child_process';

/**
 * OpenSSL with the gost engine (Debian libengine-gost-openssl), the independent implementation
 * GOST results are held against. `-engine gost` on each call: no OPENSSL_CONF needed.
 */
export function openssl(args: string[], input?: Uint8Array): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync('openssl', args, { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr?.toString() ?? '' };
}

/** Streebog-256 of `data` as OpenSSL prints it (big-endian hex). */
export function opensslStreebog256(data: Uint8Array): string {
  const r = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-hex'], data);
  if (r.status !== 0) throw new Error(`openssl dgst failed: ${r.stderr}`);
  return /= ([0-9a-f]+)\s*$/.exec(r.stdout.toString())![1];
}
