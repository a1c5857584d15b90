import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GIS_BASE_NS } from '../../server/src/catalog/namespaces';
import type { Operation } from '../../server/src/catalog/operationCatalog';
import type { PackageContents } from '../../server/src/catalog/packageContents';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../server/src/sandbox/operationHandler';
import { SandboxDatabase } from '../../server/src/sandbox/sandboxDatabase';
import type { ValidationReport } from '../../server/src/validation/documentValidator';
import { createValidationEngine, ValidationEngine } from '../../server/src/validation/validationEngine';
import { XmlElement, child, parseXmlTree } from '../../server/src/xml/xmlTree';

/**
 * What the tests of the sandbox's operations share: the bundled package, a SandboxRequest made
 * from a sample request (or any request text), a real in-memory sql.js SandboxDb, and the
 * handler's ProcessedResult put into the getStateResult a real stand would send, validated by the
 * product's own validator against the bundled package.
 */

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SAMPLES_DIR = path.join(productRoot(), 'samples');

let bundled: PackageContents | undefined;
export function bundledContents(): PackageContents {
  if (bundled) return bundled;
  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir() });
  const pkg = registry.find('bundled');
  if (!pkg) throw new Error(`no bundled package under ${bundledSchemasDir()}`);
  return (bundled = registry.contents(pkg));
}

let engine: Promise<ValidationEngine> | undefined;
export function resultEngine(): Promise<ValidationEngine> {
  return (engine ??= createValidationEngine());
}

export function operationOf(service: string, name: string, contents = bundledContents()): Operation {
  const op = contents.catalog.find(name, service);
  if (!op) throw new Error(`the bundled package has no operation ${service}/${name}`);
  return op;
}

export function sampleText(service: string, file: string): string {
  return fs.readFileSync(path.join(SAMPLES_DIR, service, file), 'utf8');
}

export interface RequestOptions {
  /** Defaults to the header's base:Date (so the samples' readings fall in their own period), else now. */
  receivedAt?: Date;
  gisMessageGuid?: string;
  /** Overrides the header's orgPPAGUID (null removes it). */
  orgPPAGUID?: string | null;
}

/**
 * A SandboxRequest from request text: a SOAP envelope (header fields read from RequestHeader or
 * ISRequestHeader) or a bare request element.
 */
export function requestFromXml(text: string, op: Operation, o: RequestOptions = {}): SandboxRequest {
  const root = parseXmlTree(text);
  if (!root) throw new Error('request text has no root element');
  let request = root;
  let header: XmlElement | undefined;
  if (root.ns === SOAP_NS && root.local === 'Envelope') {
    const body = child(root, SOAP_NS, 'Body');
    const first = body?.children[0];
    if (!first) throw new Error('the envelope has an empty Body');
    request = first;
    const h = child(root, SOAP_NS, 'Header');
    header = h?.children.find((c) => c.ns === GIS_BASE_NS && (c.local === 'RequestHeader' || c.local === 'ISRequestHeader'));
  }
  if (request.local !== op.request.local || request.ns !== op.request.ns) {
    throw new Error(`the request element is ${request.qname}, ${op.service}/${op.name} takes ${op.request.local}`);
  }
  const field = (name: string) => (header ? child(header, GIS_BASE_NS, name)?.text.trim() : undefined);
  const date = field('Date');
  const org = o.orgPPAGUID === null ? undefined : (o.orgPPAGUID ?? field('orgPPAGUID'));
  return {
    operation: op,
    request,
    senderMessageGuid: field('MessageGUID') ?? randomUUID(),
    gisMessageGuid: o.gisMessageGuid ?? randomUUID(),
    orgPPAGUID: org,
    senderId: field('SenderID'),
    receivedAt: o.receivedAt ?? (date ? new Date(date) : new Date()),
  };
}

/** A SandboxRequest from samples/<service>/<operation>.request.xml, optionally edited first. */
export function requestFromSample(service: string, operation: string, o: RequestOptions & { edit?: (text: string) => string } = {}): SandboxRequest {
  const op = operationOf(service, operation);
  let text = sampleText(service, `${operation}.request.xml`);
  if (o.edit) text = o.edit(text);
  return requestFromXml(text, op, o);
}

/**
 * The base:version of the service's getStateResult: the one the schema fixes (catalog
 * `resultVersions` of the service's getState); where none is fixed (debt-requests), the request's
 * own base:version, else the operation's first documented version.
 */
export function resultVersion(op: Operation, request?: XmlElement, contents = bundledContents()): string {
  const getState = contents.catalog.find('getState', op.service);
  const fixed = getState?.resultVersions?.fixed;
  if (fixed) return fixed;
  const asked = request?.attrs.find((a) => a.ns === GIS_BASE_NS && a.local === 'version')?.value;
  return asked ?? op.versions.fixed ?? op.versions.documented[0] ?? '1.0.0.0';
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export interface EnvelopeOptions {
  /** The MessageGUID the stand gave (getStateResult's base:MessageGUID). */
  messageGuid?: string;
  request?: XmlElement;
  date?: Date;
}

/**
 * The getStateResult envelope for a processed message (RequestState 3): ResultHeader, then the
 * service's getStateResult with base:version, RequestState, MessageGUID and the handler's XML.
 */
export function wrapResult(op: Operation, result: ProcessedResult, o: EnvelopeOptions = {}, contents = bundledContents()): string {
  const q = op.result;
  if (!q?.ns) throw new Error(`${op.service}/${op.name} has no result element in the catalog`);
  const ns: Record<string, string> = { ...result.namespaces };
  if (ns.base !== undefined && ns.base !== GIS_BASE_NS) throw new Error(`the result redefines prefix base as ${ns.base}`);
  ns.base = GIS_BASE_NS;
  let prefix = Object.keys(ns).find((p) => ns[p] === q.ns);
  if (!prefix) {
    prefix = 'svc';
    for (let i = 1; ns[prefix] !== undefined; i++) prefix = `svc${i}`;
    ns[prefix] = q.ns;
  }
  const decls = Object.entries(ns)
    .map(([p, uri]) => ` xmlns:${p}="${escapeAttr(uri)}"`)
    .join('');
  const guid = o.messageGuid ?? randomUUID();
  const date = (o.date ?? new Date()).toISOString();
  const version = resultVersion(op, o.request, contents);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}">` +
    `<soapenv:Header><base:ResultHeader xmlns:base="${GIS_BASE_NS}"><base:Date>${date}</base:Date><base:MessageGUID>${randomUUID()}</base:MessageGUID></base:ResultHeader></soapenv:Header>` +
    `<soapenv:Body><${prefix}:getStateResult${decls} base:version="${escapeAttr(version)}">` +
    `<base:RequestState>3</base:RequestState><base:MessageGUID>${guid}</base:MessageGUID>` +
    result.xml +
    `</${prefix}:getStateResult></soapenv:Body></soapenv:Envelope>\n`
  );
}

export interface ResultCheck {
  xml: string;
  report: ValidationReport;
  /** "line:col message" of every diagnostic, for assertion messages. */
  problems: string[];
  valid: boolean;
}

/** Wraps a handler's result for the request it answers and validates it against the bundled package. */
export async function checkResult(req: SandboxRequest, result: ProcessedResult, contents = bundledContents()): Promise<ResultCheck> {
  const xml = wrapResult(req.operation, result, { messageGuid: req.gisMessageGuid, request: req.request, date: req.receivedAt }, contents);
  const e = await resultEngine();
  const report = e.validator.validate(xml, contents, { lang: 'ru', maxProblems: 50, rules: { enabled: false } });
  const problems = report.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  return { xml, report, problems, valid: report.verdict === 'valid' };
}

/** The stand's own database (sql.js, in memory): the SandboxDb the handlers get on a running stand. */
export async function memorySandboxDb(): Promise<SandboxDb & { close(): void }> {
  return SandboxDatabase.open();
}

/** Direct text of a child by local name in any namespace (for assertions on parsed results). */
export function textOf(el: XmlElement | undefined, local: string): string | undefined {
  return el?.children.find((c) => c.local === local)?.text.trim();
}

/** Every descendant with this local name (any namespace). */
export function findAll(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [el];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.local === local) out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
  }
  return out;
}

/** The getStateResult element of a wrapped result. */
export function parsedResult(xml: string): XmlElement {
  const root = parseXmlTree(xml);
  const body = root && child(root, SOAP_NS, 'Body');
  const res = body?.children[0];
  if (!res) throw new Error('no getStateResult in the envelope');
  return res;
}
