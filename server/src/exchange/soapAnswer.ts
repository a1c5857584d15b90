import { GIS_BASE_NS } from '../catalog/namespaces';
import { SOAP11_NS } from '../xml/documentShape';
import { XmlElement, parseXmlTree } from '../xml/xmlTree';
import type { SoapReply } from './transport';

/**
 * What a stand said, read from the HTTP answer: an acknowledgement, a SOAP Fault, a getState
 * result, or something that is none of these (a proxy's HTML page, a truncated body) — which the
 * engine must treat as "we do not know whether GIS has the request".
 */
export type StandAnswer =
  | { kind: 'ack'; gisMessageGuid: string; requesterMessageGuid?: string }
  | { kind: 'fault'; code: string; text: string }
  | { kind: 'state'; requestState: number; messageGuid?: string; result: XmlElement }
  | { kind: 'unreadable'; reason: string };

export function readAnswer(reply: SoapReply): StandAnswer {
  const body = reply.body;
  if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*</.test(body)) {
    return { kind: 'unreadable', reason: `HTTP ${reply.status}, ${reply.contentType ?? 'no content type'}: not XML` };
  }
  let root: XmlElement | undefined;
  try {
    root = parseXmlTree(body);
  } catch (e) {
    return { kind: 'unreadable', reason: `HTTP ${reply.status}: ${(e as Error).message}` };
  }
  if (!root || root.ns !== SOAP11_NS || root.local !== 'Envelope' || !closes(body, root)) {
    return { kind: 'unreadable', reason: `HTTP ${reply.status}: not a whole SOAP envelope` };
  }
  const bodyEl = root.children.find((c) => c.ns === SOAP11_NS && c.local === 'Body');
  const first = bodyEl?.children[0];
  if (!first) return { kind: 'unreadable', reason: `HTTP ${reply.status}: empty SOAP Body` };
  if (first.ns === SOAP11_NS && first.local === 'Fault') return readFault(first);
  if (first.ns === GIS_BASE_NS && first.local === 'AckRequest') {
    const ack = first.children.find((c) => c.local === 'Ack');
    const guid = ack && text(ack, 'MessageGUID');
    if (!guid) return { kind: 'unreadable', reason: 'AckRequest without Ack/MessageGUID' };
    return { kind: 'ack', gisMessageGuid: guid, requesterMessageGuid: text(ack, 'RequesterMessageGUID') };
  }
  const state = text(first, 'RequestState');
  if (state !== undefined) {
    const n = Number(state);
    if (!Number.isInteger(n) || n < 1 || n > 3) return { kind: 'unreadable', reason: `RequestState ${state}` };
    return { kind: 'state', requestState: n, messageGuid: text(first, 'MessageGUID'), result: first };
  }
  return { kind: 'unreadable', reason: `HTTP ${reply.status}: unexpected ${first.qname}` };
}

function readFault(fault: XmlElement): StandAnswer {
  // GIS puts its own code in detail/base:Fault; faultcode/faultstring are the SOAP generic ones.
  const detail = fault.children.find((c) => c.local === 'detail');
  const gis = detail?.children.find((c) => c.local === 'Fault');
  const code = (gis && text(gis, 'ErrorCode')) ?? text(fault, 'faultcode') ?? 'SOAP-FAULT';
  const message = (gis && text(gis, 'ErrorMessage')) ?? text(fault, 'faultstring') ?? '';
  return { kind: 'fault', code, text: message };
}

function text(el: XmlElement, local: string): string | undefined {
  const c = el.children.find((x) => x.local === local);
  return c ? c.text.trim() : undefined;
}

/** The tree parser is tolerant; a truncated body must not pass for an answer. */
function closes(body: string, root: XmlElement): boolean {
  return new RegExp(`</${root.qname.replace(/[.]/g, '\\.')}\\s*>\\s*$`).test(body);
}

/** A whole-message error in a processed getStateResult (base:ErrorMessage). */
export function messageError(result: XmlElement): { code: string; text: string } | undefined {
  const e = result.children.find((c) => c.ns === GIS_BASE_NS && c.local === 'ErrorMessage');
  if (!e) return undefined;
  return { code: text(e, 'ErrorCode') ?? '', text: text(e, 'Description') ?? '' };
}
