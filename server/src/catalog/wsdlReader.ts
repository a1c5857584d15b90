import { WSDL_NS, WSDL_SOAP_NS } from './namespaces';
import { QName, XmlElement, attr, child, children, parseXmlTree, resolveQName } from '../xml/xmlTree';

/** One operation as a WSDL describes it (SOAP 1.1 document/literal binding). */
export interface WsdlOperation {
  name: string;
  documentation?: string;
  soapAction: string;
  /** The input body element (the request). */
  input?: QName;
  /** The output body element (AckRequest for asynchronous operations, getStateResult for getState). */
  output?: QName;
  /** The input header element (RequestHeader or ISRequestHeader). */
  inputHeader?: QName;
  outputHeader?: QName;
}

export interface WsdlService {
  targetNamespace: string | undefined;
  serviceName: string | undefined;
  documentation?: string;
  location: string | undefined;
  operations: WsdlOperation[];
}

export function readWsdl(text: string): WsdlService {
  const root = parseXmlTree(text);
  if (!root || root.ns !== WSDL_NS || root.local !== 'definitions') {
    throw new Error('not a WSDL 1.1 document (no wsdl:definitions root)');
  }
  const messages = new Map<string, Map<string, QName>>();
  for (const m of children(root, WSDL_NS, 'message')) {
    const parts = new Map<string, QName>();
    for (const p of children(m, WSDL_NS, 'part')) {
      const el = attr(p, 'element');
      if (el) parts.set(attr(p, 'name') ?? '', resolveQName(p, el));
    }
    messages.set(attr(m, 'name') ?? '', parts);
  }
  const messageElement = (at: XmlElement, ref: string | undefined, part?: string): QName | undefined => {
    if (!ref) return undefined;
    const parts = messages.get(resolveQName(at, ref).local);
    if (!parts) return undefined;
    return part !== undefined ? parts.get(part) : parts.values().next().value;
  };

  const portOps = new Map<string, { input?: QName; output?: QName; documentation?: string }>();
  for (const pt of children(root, WSDL_NS, 'portType')) {
    for (const op of children(pt, WSDL_NS, 'operation')) {
      const input = child(op, WSDL_NS, 'input');
      const output = child(op, WSDL_NS, 'output');
      portOps.set(attr(op, 'name') ?? '', {
        input: input && messageElement(input, attr(input, 'message')),
        output: output && messageElement(output, attr(output, 'message')),
        documentation: documentation(op),
      });
    }
  }

  const operations: WsdlOperation[] = [];
  for (const b of children(root, WSDL_NS, 'binding')) {
    for (const op of children(b, WSDL_NS, 'operation')) {
      const name = attr(op, 'name') ?? '';
      const soapOp = child(op, WSDL_SOAP_NS, 'operation');
      const header = (dir: 'input' | 'output'): QName | undefined => {
        const h = child(op, WSDL_NS, dir);
        const sh = h && child(h, WSDL_SOAP_NS, 'header');
        return sh ? messageElement(sh, attr(sh, 'message'), attr(sh, 'part')) : undefined;
      };
      const port = portOps.get(name);
      operations.push({
        name,
        documentation: port?.documentation ?? documentation(op),
        soapAction: (soapOp && attr(soapOp, 'soapAction')) ?? '',
        input: port?.input,
        output: port?.output,
        inputHeader: header('input'),
        outputHeader: header('output'),
      });
    }
  }

  const service = child(root, WSDL_NS, 'service');
  const address = service && children(service, WSDL_NS, 'port').map((p) => child(p, WSDL_SOAP_NS, 'address')).find((a) => a);
  return {
    targetNamespace: attr(root, 'targetNamespace'),
    serviceName: service && attr(service, 'name'),
    documentation: service && documentation(service),
    location: address && attr(address, 'location'),
    operations,
  };
}

function documentation(el: XmlElement): string | undefined {
  const d = child(el, WSDL_NS, 'documentation');
  const text = d?.text.replace(/\s+/g, ' ').trim();
  return text || undefined;
}
