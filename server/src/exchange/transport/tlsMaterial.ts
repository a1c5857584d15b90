import * as fs from 'node:fs';
import * as tls from 'node:tls';
import type { StandProfile } from '../standProfile';
import type { TransportSecrets } from '../transport';
import { configError } from './route';

/**
 * The client certificate, key and trust roots of a direct HTTPS stand, read and checked once, so
 * a wrong file or password is a 'config' failure before any connection rather than a TLS error.
 */
export interface TlsMaterial {
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly passphrase?: string;
  /** The stand's CA bundle: when given, the ONLY trust roots (Node's `ca` replaces its own list). */
  readonly ca?: Buffer;
}

export function loadTlsMaterial(stand: StandProfile, secrets?: TransportSecrets): TlsMaterial {
  const ca = stand.caFile ? readPem(stand.caFile, 'CA bundle (caFile)', stand) : undefined;
  if (ca && !/-----BEGIN CERTIFICATE-----/.test(ca.toString('latin1'))) {
    throw configError(`the CA bundle ${stand.caFile} of stand "${stand.name}" holds no PEM certificate`);
  }
  let cert: Buffer | undefined;
  let key: Buffer | undefined;
  if (stand.clientCertificateFile || stand.clientKeyFile) {
    if (!stand.clientCertificateFile) throw configError(`stand "${stand.name}" names a client key but no client certificate (clientCertificateFile)`);
    cert = readPem(stand.clientCertificateFile, 'client certificate', stand);
    if (stand.clientKeyFile) key = readPem(stand.clientKeyFile, 'client key', stand);
    else if (/PRIVATE KEY-----/.test(cert.toString('latin1'))) key = cert; // one PEM with both
    else throw configError(`stand "${stand.name}" names a client certificate but no client key (clientKeyFile)`);
  }
  const material: TlsMaterial = { cert, key, passphrase: secrets?.clientKeyPassword, ca };
  try {
    tls.createSecureContext(material);
  } catch (e) {
    throw configError(explainContextFailure(stand, cert, material.passphrase !== undefined, e), e);
  }
  return material;
}

function readPem(file: string, what: string, stand: StandProfile): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw configError(`cannot read the ${what} ${file} of stand "${stand.name}": ${code === 'ENOENT' ? 'no such file' : String((e as Error).message)}`, e);
  }
}

function explainContextFailure(stand: StandProfile, cert: Buffer | undefined, hasPassword: boolean, e: unknown): string {
  const why = e instanceof Error ? e.message : String(e);
  if (cert && isGostCertificate(cert)) {
    return (
      `the client certificate ${stand.clientCertificateFile} of stand "${stand.name}" has a GOST key, ` +
      `and Node's TLS cannot do GOST: use tunnel mode (a local stunnel does the GOST TLS) (${why})`
    );
  }
  if (/bad decrypt|interrupted or cancelled|bad password|passphrase/i.test(why)) {
    return `the client key ${stand.clientKeyFile ?? stand.clientCertificateFile} of stand "${stand.name}" is encrypted and the password is ${hasPassword ? 'wrong' : 'missing (give it as the stand\'s client key password)'} (${why})`;
  }
  if (/key values mismatch/i.test(why)) {
    return `the client key ${stand.clientKeyFile} does not belong to the client certificate ${stand.clientCertificateFile} of stand "${stand.name}"`;
  }
  return `cannot use the TLS files of stand "${stand.name}" (certificate ${stand.clientCertificateFile ?? '-'}, key ${stand.clientKeyFile ?? '-'}, CA ${stand.caFile ?? '-'}): ${why}`;
}

/**
 * GOST R 34.10 public key algorithms in a PEM certificate: 1.2.643.7.1.1.1.1 / .2 (2012) and
 * 1.2.643.2.2.19 (2001), looked for as encoded OIDs; only consulted once OpenSSL refused the files.
 */
export function isGostCertificate(pem: Buffer): boolean {
  const blocks = pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const oids = [
    Buffer.from('06082a85030701010101', 'hex'),
    Buffer.from('06082a85030701010102', 'hex'),
    Buffer.from('06062a8503020213', 'hex'),
  ];
  return blocks.some((b) => {
    const der = Buffer.from(b.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    return oids.some((o) => der.includes(o));
  });
}
