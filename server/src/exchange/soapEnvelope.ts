import { GIS_BASE_NS } from '../catalog/namespaces';
import type { Operation } from '../catalog/operationCatalog';
import { SOAP11_NS } from '../xml/documentShape';
import { ExchangeError } from './exchangeError';
import type { RequestDocument } from './requestDocument';

/**
 * The SOAP 1.1 envelope a request travels in, with the header the operation's WSDL names.
 * The request element goes in as text, untouched, so a signature made over it stays valid.
 */
export interface HeaderFields {
  readonly kind: string;
  readonly date: Date;
  readonly messageGuid: string;
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
  readonly isOperatorSignature?: boolean;
  readonly isCreators?: readonly { name: string; operator: string }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** xs:dateTime in local time with its offset and milliseconds, as GIS's own examples write it. */
export function headerDate(d: Date): string {
  const off = -d.getTimezoneOffset();
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const local = new Date(d.getTime() + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  return `${local.toISOString().slice(0, 23)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

export function headerXml(h: HeaderFields): string {
  const parts = [`<base:Date>${headerDate(h.date)}</base:Date>`, `<base:MessageGUID>${esc(h.messageGuid)}</base:MessageGUID>`];
  if (h.kind === 'RequestHeader') {
    if (h.orgPPAGUID) parts.push(`<base:orgPPAGUID>${esc(h.orgPPAGUID)}</base:orgPPAGUID>`);
    else if (h.senderId) parts.push(`<base:SenderID>${esc(h.senderId)}</base:SenderID>`);
    else {
      throw new ExchangeError(
        'no-sender',
        'Для заголовка RequestHeader нужен orgPPAGUID или SenderID: задайте его в профиле стенда или в заголовке документа',
        'RequestHeader needs an orgPPAGUID or SenderID: set it in the stand profile or in the document header',
      );
    }
    if (h.isOperatorSignature) parts.push('<base:IsOperatorSignature>true</base:IsOperatorSignature>');
  }
  for (const c of h.isCreators ?? []) parts.push(`<base:ISCreator><base:ISName>${esc(c.name)}</base:ISName><base:ISOperatorName>${esc(c.operator)}</base:ISOperatorName></base:ISCreator>`);
  return `<base:${h.kind}>${parts.join('')}</base:${h.kind}>`;
}

export function envelope(header: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}" xmlns:base="${GIS_BASE_NS}">` +
    `<soapenv:Header>${header}</soapenv:Header>` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>\n`
  );
}

export interface Sender {
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
}

/** The envelope for a request: header from the stand's sender (or the document's own), body = the request. */
export function requestEnvelope(doc: RequestDocument, messageGuid: string, date: Date, stand: Sender): string {
  const useStand = Boolean(stand.orgPPAGUID || stand.senderId);
  const header = headerXml({
    kind: doc.operation.headerKind ?? 'RequestHeader',
    date,
    messageGuid,
    orgPPAGUID: useStand ? stand.orgPPAGUID : doc.orgPPAGUID,
    senderId: useStand ? stand.senderId : doc.senderId,
    isOperatorSignature: doc.isOperatorSignature,
    isCreators: doc.isCreators,
  });
  return envelope(header, doc.requestXml);
}

/** getState for GIS's MessageGUID, on the service the message went to. */
export function getStateEnvelope(getState: Operation, gisMessageGuid: string, pollGuid: string, date: Date, sender: Sender): string {
  const header = headerXml({ kind: getState.headerKind ?? 'RequestHeader', date, messageGuid: pollGuid, ...sender });
  const ns = getState.request.ns ?? GIS_BASE_NS;
  const prefix = ns === GIS_BASE_NS ? 'base' : 'svc';
  const decl = prefix === 'base' ? '' : ` xmlns:svc="${ns}"`;
  return envelope(header, `<${prefix}:${getState.request.local}${decl}><base:MessageGUID>${esc(gisMessageGuid)}</base:MessageGUID></${prefix}:${getState.request.local}>`);
}
