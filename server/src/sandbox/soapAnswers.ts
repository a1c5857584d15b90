import { GIS_BASE_NS } from '../catalog/namespaces';
import { SOAP11_NS } from '../xml/documentShape';
import { escapeAttr, escapeText } from '../xml/escape';
import { mskDateTime } from '../xml/moscowTime';
import type { QName } from '../xml/xmlTree';
import type { SandboxFault } from './faultCodes';
import type { ProcessedResult } from './operationHandler';

/**
 * The XML the sandbox answers with: AckRequest, getStateResult and SOAP 1.1 Faults, in the
 * envelope GIS uses (soapenv + base prefixes, the WSDL's output header).
 */

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ENVELOPE_OPEN = `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}" xmlns:base="${GIS_BASE_NS}">`;

/** The answer header the WSDL names (base:ResultHeader: Date and MessageGUID); none when it names none. */
export interface AnswerHeader {
  readonly element?: QName;
  readonly date: Date;
  readonly messageGuid: string;
}

function headerXml(h: AnswerHeader): string {
  const el = h.element;
  if (!el) return '';
  const [name, decl] = el.ns === GIS_BASE_NS ? [`base:${el.local}`, ''] : [`h:${el.local}`, el.ns ? ` xmlns:h="${escapeAttr(el.ns)}"` : ''];
  return (
    `  <soapenv:Header>\n    <${name}${decl}>\n` +
    `      <base:Date>${mskDateTime(h.date)}</base:Date>\n      <base:MessageGUID>${h.messageGuid}</base:MessageGUID>\n` +
    `    </${name}>\n  </soapenv:Header>\n`
  );
}

function envelope(header: AnswerHeader | undefined, body: string): string {
  return `${DECL}${ENVELOPE_OPEN}\n${header ? headerXml(header) : ''}  <soapenv:Body>\n${body}\n  </soapenv:Body>\n</soapenv:Envelope>\n`;
}

export function ackEnvelope(header: AnswerHeader, gisMessageGuid: string, requesterMessageGuid: string): string {
  return envelope(
    header,
    `    <base:AckRequest>\n      <base:Ack>\n        <base:MessageGUID>${gisMessageGuid}</base:MessageGUID>\n` +
      `        <base:RequesterMessageGUID>${escapeText(requesterMessageGuid)}</base:RequesterMessageGUID>\n      </base:Ack>\n    </base:AckRequest>`,
  );
}

export function faultEnvelope(f: SandboxFault): string {
  return envelope(
    undefined,
    `    <soapenv:Fault>\n      <faultcode>soapenv:${f.side}</faultcode>\n      <faultstring xml:lang="ru">${escapeText(f.message)}</faultstring>\n` +
      `      <detail>\n        <base:Fault>\n          <base:ErrorCode>${f.code}</base:ErrorCode>\n` +
      `          <base:ErrorMessage>${escapeText(f.message)}</base:ErrorMessage>\n        </base:Fault>\n      </detail>\n    </soapenv:Fault>`,
  );
}

/** Whole-message error (RequestState 3): what processing that threw leaves. */
export function errorMessageResult(code: string, description: string): ProcessedResult {
  return {
    xml: `<base:ErrorMessage><base:ErrorCode>${code}</base:ErrorCode><base:Description>${escapeText(description)}</base:Description></base:ErrorMessage>`,
    namespaces: {},
  };
}

export interface StateResult {
  /** The service's getStateResult element. */
  readonly element: QName;
  readonly version?: string;
  readonly requestState: 1 | 2 | 3;
  readonly gisMessageGuid: string;
  /** With RequestState 3. */
  readonly processed?: ProcessedResult;
}

/**
 * The getStateResult element, with the handler's namespaces declared on it. A handler that binds
 * `base` to another namespace would change what base:RequestState means: refused.
 */
export function stateResultElement(r: StateResult): string {
  const ns = r.processed?.namespaces ?? {};
  if (ns.base !== undefined && ns.base !== GIS_BASE_NS) throw new Error(`the handler binds the prefix base to ${ns.base}`);
  let prefix = Object.keys(ns).find((p) => ns[p] === r.element.ns && p !== '');
  const decls = Object.entries(ns)
    .filter(([p]) => p !== 'base')
    .map(([p, uri]) => ` xmlns${p ? `:${p}` : ''}="${escapeAttr(uri)}"`);
  if (!prefix) {
    prefix = 'tns';
    for (let i = 1; prefix in ns || prefix === 'base' || prefix === 'soapenv'; i++) prefix = `tns${i}`;
    decls.unshift(` xmlns:${prefix}="${escapeAttr(r.element.ns ?? '')}"`);
  }
  const name = `${prefix}:${r.element.local}`;
  const version = r.version ? ` base:version="${escapeAttr(r.version)}"` : '';
  const rest = r.requestState === 3 && r.processed ? `\n      ${r.processed.xml}` : '';
  return (
    `    <${name}${decls.join('')}${version}>\n      <base:RequestState>${r.requestState}</base:RequestState>\n` +
    `      <base:MessageGUID>${r.gisMessageGuid}</base:MessageGUID>${rest}\n    </${name}>`
  );
}

export function stateEnvelope(header: AnswerHeader, resultElement: string): string {
  return envelope(header, resultElement);
}

/** HTML, as a web server or proxy in front of GIS answers a failure. */
export function http500Page(): string {
  return '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>Сервис временно недоступен.</p></body></html>\n';
}

/** What a half-sent answer looks like: the first part of the XML, cut inside an element. */
export function truncated(xml: string): string {
  const cut = Math.max(1, Math.floor(xml.length / 2));
  return xml.slice(0, cut);
}
