import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Signer } from '../../server/src/signature/algorithms';
import { rsaSigner } from '../../server/src/signature/rsa';
import { readDocumentShape } from '../../server/src/xml/documentShape';

/**
 * xmlsec1 (Debian's, OpenSSL backend, no GOST) and an RSA key with a self-signed certificate made
 * by the openssl command line, in a temporary folder `dispose()` removes.
 */
export class XmlsecWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-xmldsig-'));
  readonly keyPem = path.join(this.dir, 'key.pem');
  readonly certPem = path.join(this.dir, 'cert.pem');
  private counter = 0;

  constructor(subject = '/C=RU/O=Тест, ООО/CN=RSA signer+serialNumber=7') {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', this.keyPem, '-out', this.certPem, '-days', '30', '-subj', subject, '-utf8', '-multivalue-rdn', '-set_serial', '0x7f3a9c1d2e4b5a6978'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  }

  get certificateDer(): Uint8Array {
    return new Uint8Array(new crypto.X509Certificate(fs.readFileSync(this.certPem)).raw);
  }

  signer(): Signer {
    return rsaSigner(crypto.createPrivateKey(fs.readFileSync(this.keyPem)), this.certificateDer);
  }

  file(content: string | Uint8Array, ext = '.xml'): string {
    const p = path.join(this.dir, `doc${this.counter++}${ext}`);
    fs.writeFileSync(p, content);
    return p;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function xmlsec1(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('xmlsec1', args, { maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** `--id-attr` options for the request element and xades:SignedProperties (xmlsec1 knows neither). */
export function idAttrArgs(xml: string): string[] {
  const payload = readDocumentShape(xml).payload!;
  const ns = payload.ns ? `${payload.ns}:` : '';
  return ['--id-attr:Id', `${ns}${payload.local}`, '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'];
}

/**
 * The pre-digest buffers xmlsec1 prints with `--store-references --print-debug`, one per
 * Reference in order: exactly the canonical bytes it hashed.
 */
export function preDigestBuffers(debug: Buffer): Buffer[] {
  const start = Buffer.from('== PreDigest data - start buffer:\n');
  const end = Buffer.from('\n== PreDigest data - end buffer');
  const out: Buffer[] = [];
  for (let p = debug.indexOf(start); p >= 0; p = debug.indexOf(start, p + 1)) {
    const from = p + start.length;
    const to = debug.indexOf(end, from);
    if (to < 0) break;
    out.push(debug.subarray(from, to));
  }
  return out;
}

/** Inserts `fragment` as the first child of the request element, adding Id when missing. */
export function insertIntoPayload(xml: string, fragment: string, id = 'signed-data-container'): { text: string; id: string } {
  const payload = readDocumentShape(xml).payload!;
  const m = /\sId\s*=\s*["']([^"']*)["']/.exec(xml.slice(payload.nameEnd, payload.startTagEnd));
  let text = xml;
  let tagEnd = payload.startTagEnd;
  if (!m) {
    const attr = ` Id="${id}"`;
    text = xml.slice(0, payload.nameEnd) + attr + xml.slice(payload.nameEnd);
    tagEnd += attr.length;
  } else id = m[1];
  if (text[tagEnd - 2] === '/') return { text: `${text.slice(0, tagEnd - 2)}>${fragment}</${payload.qname}>${text.slice(tagEnd)}`, id };
  return { text: text.slice(0, tagEnd) + fragment + text.slice(tagEnd), id };
}
