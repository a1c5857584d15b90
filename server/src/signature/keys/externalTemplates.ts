import type { ProfileAlgorithm, ExternalCommand } from './profile';

/**
 * Ready external-signer commands. Each states what it reads and the byte order it writes.
 *
 * - OpenSSL with the gost engine (checked in test/crypto/keys*.test.ts against this machine's
 *   OpenSSL): `dgst -sign` hashes the data itself; `pkeyutl -sign` signs a digest and expects the
 *   Streebog bytes exactly as `openssl dgst -binary` writes them (the byte string of RFC 6986 read
 *   from its last byte, i.e. what crypto/streebog.ts returns). Both write s ‖ r big-endian, the form
 *   ds:SignatureValue carries, so nothing is reversed.
 * - CryptoPro `csptest -keys … -sign GOST12_256`: hashes the data with the container's key and writes
 *   what CryptSignHash returns, the same bytes fully reversed (little-endian): we reverse them back.
 *   Not runnable here (CryptoPro CSP is not installable from the registries): the flags follow
 *   CryptoPro's csptest usage; check `-keytype` (exchange or signature) against your container.
 * - `cryptcp` is deliberately absent: it writes CMS (PKCS#7/CAdES) signatures whose value covers
 *   the CMS signed attributes, not the canonical SignedInfo, so it cannot give a SignatureValue.
 */
export type TemplateName = 'openssl-gost-dgst' | 'openssl-gost-pkeyutl' | 'csptest';

export const TEMPLATE_NAMES: readonly TemplateName[] = ['openssl-gost-dgst', 'openssl-gost-pkeyutl', 'csptest'];

function md(algorithm: ProfileAlgorithm): string {
  return algorithm === 'gost2012-512' ? '-md_gost12_512' : '-md_gost12_256';
}

export function externalTemplate(name: TemplateName, algorithm: ProfileAlgorithm): ExternalCommand {
  switch (name) {
    case 'openssl-gost-dgst':
      return {
        command: ['openssl', 'dgst', '-engine', 'gost', md(algorithm), '-sign', '{key}', '-out', '{out}', '{in}'],
        input: 'data',
        signatureByteOrder: 'big-endian',
      };
    case 'openssl-gost-pkeyutl':
      return {
        command: ['openssl', 'pkeyutl', '-engine', 'gost', '-sign', '-inkey', '{key}', '-in', '{in}', '-out', '{out}'],
        input: 'digest',
        signatureByteOrder: 'big-endian',
      };
    case 'csptest':
      return {
        command: ['csptest', '-keys', '-cont', '{container}', '-password', '{pin}', '-sign', algorithm === 'gost2012-512' ? 'GOST12_512' : 'GOST12_256', '-in', '{in}', '-out', '{out}', '-keytype', 'exchange'],
        input: 'data',
        signatureByteOrder: 'little-endian',
      };
  }
}
