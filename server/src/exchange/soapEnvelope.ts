import { GIS_BASE_NS } from '../catalog/namespaces';
import type { Operation } from '../catalog/operationCatalog';
import { SOAP11_NS } from '../xml/documentShape';
import { escapeText } from '../xml/escape';
import { mskDateTime } from '../xml/moscowTime';
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

export function headerXml(h: HeaderFields): string {
  const parts = [`<base:Date>${mskDateTime(h.date)}</base:Date>`, `<base:MessageGUID>${escapeText(h.messageGuid)}</base:MessageGUID>`];
  if (h.kind === 'RequestHeader') {
    if (h.orgPPAGUID) parts.push(`<base:orgPPAGUID>${escapeText(h.orgPPAGUID)}</base:orgPPAGUID>`);
    else if (h.senderId) parts.push(`<base:SenderID>${escapeText(h.senderId)}</base:SenderID>`);
    else {
      throw new ExchangeError(
        'no-sender',
        'Для заголовка RequestHeader нужен orgPPAGUID или SenderID: задайте его в профиле стенда или в заголовке документа',
        'RequestHeader needs an orgPPAGUID or SenderID: set it in the stand profile or in the document header',
      );
    }
    if (h.isOperatorSignature) parts.push('<base:IsOperatorSignature>true</base:IsOperatorSignature>');
  }
  for (const c of h.isCreators ?? []) parts.push(`<base:ISCreator><base:ISName>${escapeText(c.name)}</base:ISName><base:ISOperatorName>${escapeText(c.operator)}</base:ISOperatorName></base:ISCreator>`);
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
  return envelope(header, `<${prefix}:${getState.request.local}${decl}><base:MessageGUID>${escapeText(gisMessageGuid)}</base:MessageGUID></${prefix}:${getState.request.local}>`);
}
