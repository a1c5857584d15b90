import * as crypto from 'node:crypto';
import forge from 'node-forge';

/** An RSA key made with node:crypto and a self-signed certificate for it (node-forge), for tests. */
export interface RsaFixture {
  readonly keyPem: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
  readonly privateKey: crypto.KeyObject;
}

export function makeRsaFixture(subject = 'Тестовый RSA', days = 30, serialHex = '0a1b2c3d4e'): RsaFixture {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  // Most general first, as OpenSSL writes -subj /C=RU/O=Test/CN=…
  const attrs = [
    { shortName: 'C', value: 'RU' },
    { shortName: 'O', value: 'Test' },
    // Forge's typings call the string type a "class"; it is the universal tag (UTF8String here).
    { shortName: 'CN', value: subject, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const certDer = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  return { keyPem, certPem, certDer, privateKey };
}

/** A PFX (PKCS#12) of the fixture, protected as node-forge does by default or with 3DES. */
export function makeRsaPfx(f: RsaFixture, password: string, algorithm: 'aes256' | '3des' = 'aes256'): Uint8Array {
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(f.keyPem), [forge.pki.certificateFromPem(f.certPem)], password, { algorithm });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}
