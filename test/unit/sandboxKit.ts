import { randomUUID } from 'node:crypto';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import forge from 'node-forge';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import type { PackageContents } from '../../server/src/catalog/packageContents';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';
import type { OperationHandler, SandboxOperations } from '../../server/src/sandbox/operationHandler';
import type { ValidationReport } from '../../server/src/validation/documentValidator';
import { testEngine } from '../support/engine';

/**
 * What the sandbox tests share: the bundled package, requests made from samples/ with fresh
 * MessageGUIDs, a raw HTTP(S) client, answer reading, and a small SandboxOperations that answers
 * with the samples' results and records each processing in the stand's own database.
 */
export const SAMPLES = path.join(productRoot(), 'samples');
export const BASE_NS = 'http://dom.gosuslugi.ru/schema/integration/base/';

let bundled: PackageContents | undefined;
export function bundledContents(): PackageContents {
  if (!bundled) {
    const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir() });
    bundled = registry.contents(registry.select('bundled').pkg!);
  }
  return bundled;
}

export function sample(rel: string): string {
  return fs.readFileSync(path.join(SAMPLES, rel), 'utf8');
}

/** A sample request with a new header MessageGUID (or the one given). */
export function request(service: string, op: string, messageGuid: string = randomUUID()): { xml: string; messageGuid: string } {
  const xml = sample(`${service}/${op}.request.xml`).replace(/(<base:MessageGUID>)[^<]*(<\/base:MessageGUID>)/, `$1${messageGuid}$2`);
  return { xml, messageGuid };
}

/** The service's getState sample asking about `gisGuid`. */
export function stateRequest(service: string, gisGuid: string): string {
  let n = 0;
  return sample(`${service}/getState.request.xml`).replace(/(<base:MessageGUID>)[^<]*(<\/base:MessageGUID>)/g, (_m, a: string, b: string) => `${a}${n++ === 0 ? randomUUID() : gisGuid}${b}`);
}

export function endpointOf(service: string): string {
  const op = bundledContents().catalog.operations.find((o) => o.service === service)!;
  return op.endpointPath!;
}

export interface RawReply {
  status: number;
  contentType?: string;
  body: string;
  ms: number;
}

export interface ClientTls {
  ca?: string;
  cert?: string;
  key?: string;
}

/** One POST over a new connection; rejects with the socket's error when the stand drops it. */
export function post(base: string, urlPath: string, body: string, soapAction?: string, tls?: ClientTls): Promise<RawReply> {
  const url = new URL(urlPath, base);
  const started = Date.now();
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) };
  if (soapAction !== undefined) headers.SOAPAction = soapAction;
  return new Promise((resolve, reject) => {
    const opts = { method: 'POST', headers, agent: false as const, ...(tls ?? {}) };
    const req = (url.protocol === 'https:' ? https : http).request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function get(base: string, urlPath: string): Promise<RawReply> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    http
      .get(new URL(urlPath, base), { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
      })
      .on('error', reject);
  });
}

/** The text of the first element with this local name (any prefix). */
export function textOf(xml: string, local: string): string | undefined {
  return new RegExp(`<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${local}>`).exec(xml)?.[1];
}

export function faultCode(xml: string): string | undefined {
  return textOf(xml, 'ErrorCode');
}

export async function validate(xml: string): Promise<ValidationReport> {
  const engine = await testEngine();
  return engine.validator.validate(xml, bundledContents(), { lang: 'ru', maxProblems: 20, rules: { enabled: false } });
}

export function problems(r: ValidationReport): string {
  return r.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The samples' results as handlers: what follows base:MessageGUID in samples/<service>/<op>.result.xml,
 * with the sample's namespaces. Each processing is recorded in the table t_processed of the
 * stand's database, so tests count how often a message was applied (also across restarts).
 */
export function sampleOperations(opts: { throwFor?: string } = {}): SandboxOperations {
  return {
    prepare(db) {
      db.run('CREATE TABLE IF NOT EXISTS t_processed (gis_guid TEXT NOT NULL, sender_guid TEXT NOT NULL, operation TEXT NOT NULL, request_element TEXT NOT NULL)');
      db.run('CREATE TABLE IF NOT EXISTS t_seed (id INTEGER PRIMARY KEY)');
      db.run('INSERT OR IGNORE INTO t_seed(id) VALUES (1)');
    },
    handler(service, operation): OperationHandler | undefined {
      const file = path.join(SAMPLES, service, `${operation}.result.xml`);
      if (!fs.existsSync(file)) return undefined;
      const result = sampleResult(fs.readFileSync(file, 'utf8'));
      return {
        process(req, db) {
          db.run('INSERT INTO t_processed VALUES (?, ?, ?, ?)', [req.gisMessageGuid, req.senderMessageGuid, `${service}/${operation}`, req.request.local]);
          if (opts.throwFor === operation) throw new Error('проверочный сбой обработчика');
          return result;
        },
      };
    },
  };
}

export function sampleResult(text: string): { xml: string; namespaces: Record<string, string> } {
  const namespaces: Record<string, string> = {};
  const envelopeTag = /<soapenv:Envelope[^>]*>/.exec(text)![0];
  const resultTag = /<([\w.-]+):getStateResult[^>]*>/.exec(text)!;
  for (const m of `${envelopeTag}${resultTag[0]}`.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)) if (m[1] !== 'soapenv') namespaces[m[1]] = m[2];
  const afterGuid = text.indexOf('</base:MessageGUID>', resultTag.index) + '</base:MessageGUID>'.length;
  const end = text.indexOf(`</${resultTag[1]}:getStateResult>`);
  return { xml: text.slice(afterGuid, end).trim(), namespaces };
}

/** A test CA and certificates it issues (RSA, node:crypto keys, node-forge certificates). */
export interface TestCa {
  certPem: string;
  keyPem: string;
  issue(cn: string, kind: 'server' | 'client'): { certPem: string; keyPem: string };
}

export function makeCa(name: string): TestCa {
  const ca = keyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = forge.pki.publicKeyFromPem(ca.publicPem);
  caCert.serialNumber = '01';
  caCert.validity.notBefore = new Date(Date.now() - 86_400_000);
  caCert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  const caName = [cnAttr(name)];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  caCert.sign(caKey, forge.md.sha256.create());
  let serial = 2;
  return {
    certPem: forge.pki.certificateToPem(caCert),
    keyPem: ca.keyPem,
    issue(cn, kind) {
      const k = keyPair();
      const c = forge.pki.createCertificate();
      c.publicKey = forge.pki.publicKeyFromPem(k.publicPem);
      c.serialNumber = (serial++).toString(16).padStart(2, '0');
      c.validity.notBefore = new Date(Date.now() - 86_400_000);
      c.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
      c.setSubject([cnAttr(cn)]);
      c.setIssuer(caName);
      c.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: kind === 'server', clientAuth: kind === 'client' },
        ...(kind === 'server' ? [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }] : []),
      ]);
      c.sign(caKey, forge.md.sha256.create());
      return { certPem: forge.pki.certificateToPem(c), keyPem: k.keyPem };
    },
  };
}

/** CN as UTF8String: forge would write Cyrillic into a PrintableString otherwise. */
function cnAttr(value: string) {
  // Forge's typings call the string type a "class"; it is the universal tag.
  return { shortName: 'CN', value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class };
}

function keyPair(): { keyPem: string; publicPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { keyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}
