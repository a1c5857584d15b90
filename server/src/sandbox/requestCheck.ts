import { GIS_BASE_NS } from '../catalog/namespaces';
import type { Operation } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import { SignatureCheck, checkText, verifyDocument } from '../signatureService';
import type { DocumentValidator } from '../validation/documentValidator';
import { decodeXmlBytes } from '../xml/decodeXml';
import { SOAP11_NS } from '../xml/documentShape';
import { XmlElement, attr, child, parseXmlTree } from '../xml/xmlTree';
import { FAULT, SandboxFault, clientFault } from './faultCodes';
import type { ServiceRoute } from './sandboxRoutes';

/**
 * What GIS checks before it acknowledges a request: the envelope and payload against the
 * package's schema, the operation against the endpoint and SOAPAction, the header the WSDL
 * names, and (when the stand is told to) the signature of imports. Either a request the stand
 * can accept, or the Fault to answer.
 */
export interface CheckedRequest {
  readonly kind: 'send' | 'state';
  readonly operation: Operation;
  readonly text: string;
  /** The Body's element. */
  readonly request: XmlElement;
  /** The header's MessageGUID, as written (the stand compares it case-insensitively). */
  readonly senderMessageGuid: string;
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
  /** The request's base:version. */
  readonly requestVersion?: string;
  /** getState: the MessageGUID asked about. */
  readonly askedGuid?: string;
}

export interface CheckContext {
  readonly contents: PackageContents;
  readonly validator: DocumentValidator;
  readonly verifySignatures: boolean;
  readonly now: Date;
}

const MAX_LISTED = 3;

export function checkRequest(bytes: Uint8Array, route: ServiceRoute, soapAction: string | undefined, ctx: CheckContext): CheckedRequest | SandboxFault {
  const decoded = decodeXmlBytes(bytes);
  if (!decoded.ok) {
    return clientFault(FAULT.malformed, `Сообщение не в кодировке ${decoded.encoding}: недопустимый байт 0x${decoded.byte.toString(16)} (строка ${decoded.line + 1})`);
  }
  const text = decoded.text;
  const report = ctx.validator.validate(text, ctx.contents, { lang: 'ru', maxProblems: 20, rules: { enabled: false } });
  const errorDiagnostics = report.diagnostics.filter((d) => d.severity === 'error');
  const errors = errorDiagnostics.map((d) => `строка ${d.range.start.line + 1}: ${d.message}`);
  const listed = (head: string) => `${head}: ${errors.slice(0, MAX_LISTED).join('; ')}${errors.length > MAX_LISTED ? ` (и ещё ${report.totalProblems - MAX_LISTED})` : ''}`;
  if (report.verdict === 'unbound') return clientFault(FAULT.notGis, 'Сообщение не является запросом ГИС ЖКХ: в теле SOAP нет элемента пространства имён ГИС ЖКХ, известного пакету форматов');
  if (report.verdict === 'malformed') return clientFault(FAULT.malformed, listed('XML сообщения не разобран'));
  if (report.verdict === 'invalid') {
    // The validator's own header checks (the WSDL's header element): a header fault, not a schema one.
    const headerOnly = errorDiagnostics.every((d) => d.code.startsWith('gis-header'));
    return headerOnly ? clientFault(FAULT.header, errorDiagnostics.map((d) => d.message).join('; ')) : clientFault(FAULT.schema, listed('Сообщение не соответствует схеме'));
  }
  const kind = report.binding?.kind;
  if (kind !== 'request' && kind !== 'state-request') {
    return clientFault(FAULT.operation, `Элемент ${report.binding?.element ?? '?'} не является запросом операции`);
  }

  const root = parseXmlTree(text);
  const body = root && root.ns === SOAP11_NS && root.local === 'Envelope' ? child(root, SOAP11_NS, 'Body') : undefined;
  const payload = body?.children[0];
  if (!root || !body || !payload) return clientFault(FAULT.header, 'Запрос должен быть в конверте SOAP 1.1 с заголовком');

  const candidates = route.operations.filter((o) => o.request.ns === payload.ns && o.request.local === payload.local);
  const op = candidates.find((o) => soapAction === undefined || o.soapAction === soapAction);
  if (!op) {
    return clientFault(
      FAULT.operation,
      candidates.length === 0
        ? `Элемент ${payload.local} не является запросом операции сервиса ${route.service}`
        : `SOAPAction ${soapAction} не соответствует элементу ${payload.local} (ожидается ${candidates[0].soapAction})`,
    );
  }

  const header = readHeader(root, op);
  if ('code' in header) return header;
  const signature = ctx.verifySignatures && isImport(op) ? checkSignature(text, ctx.now) : undefined;
  if (signature) return signature;

  const isState = op.name === 'getState';
  return {
    kind: isState ? 'state' : 'send',
    operation: op,
    text,
    request: payload,
    ...header,
    requestVersion: payload.attrs.find((a) => a.ns === GIS_BASE_NS && a.local === 'version')?.value ?? attr(payload, 'version'),
    askedGuid: isState ? child(payload, GIS_BASE_NS, 'MessageGUID')?.text.trim().toLowerCase() : undefined,
  };
}

type HeaderFields = Pick<CheckedRequest, 'senderMessageGuid' | 'orgPPAGUID' | 'senderId'>;

function readHeader(root: XmlElement, op: Operation): HeaderFields | SandboxFault {
  const want = op.headerKind ?? 'RequestHeader';
  const headers = child(root, SOAP11_NS, 'Header')?.children.filter((h) => h.ns === GIS_BASE_NS && /RequestHeader$/.test(h.local)) ?? [];
  const h = headers.find((x) => x.local === want);
  if (!h) {
    const got = headers[0]?.local;
    return clientFault(FAULT.header, got ? `Операция ${op.name} принимает заголовок ${want}, а не ${got}` : `В запросе нет заголовка ${want}`);
  }
  const text = (local: string) => child(h, GIS_BASE_NS, local)?.text.trim() || undefined;
  const senderMessageGuid = text('MessageGUID');
  if (!senderMessageGuid) return clientFault(FAULT.header, `В заголовке ${want} нет MessageGUID`);
  const orgPPAGUID = text('orgPPAGUID');
  const senderId = text('SenderID');
  if (want === 'RequestHeader' && !orgPPAGUID && !senderId) {
    return clientFault(FAULT.header, 'В заголовке RequestHeader нет ни orgPPAGUID, ни SenderID: неизвестно, от имени какой организации запрос');
  }
  return { senderMessageGuid, orgPPAGUID, senderId };
}

/** Imports are signed (GIS-FACTS §3); exports and getState are not required to be. */
export function isImport(op: Operation): boolean {
  return op.name.startsWith('import');
}

function checkSignature(text: string, now: Date): SandboxFault | undefined {
  let check: SignatureCheck;
  try {
    check = verifyDocument(text, now);
  } catch (e) {
    return clientFault(FAULT.signatureInvalid, `Подпись не проверена: ${(e as Error).message}`);
  }
  if (!check.present) return clientFault(FAULT.signatureMissing, 'Запрос на импорт не подписан: нет элемента ds:Signature');
  if (!check.valid) return clientFault(FAULT.signatureInvalid, checkText(check, 'ru', now));
  return undefined;
}
