import { GIS_BASE_NS } from './namespaces';
import { PackageFiles } from './packageFiles';
import { ElementVersions, readRequestVersions } from './requestVersions';
import { readWsdl } from './wsdlReader';
import { QName, parseXmlTree, qnameKey } from '../xml/xmlTree';

/**
 * The operations of a format package, read from its WSDL files (and the request elements'
 * versions from the types XSDs). The only place in the product that knows which operations exist.
 */
export interface Operation {
  /** WSDL operation name, e.g. `importAccountData`. */
  name: string;
  /** The service's folder in the package, e.g. `house-management`. */
  service: string;
  serviceName?: string;
  description?: string;
  endpointUrl?: string;
  /** Path of the endpoint, appended to a stand's base URL. */
  endpointPath?: string;
  soapAction: string;
  request: QName;
  /** What the call answers at once: AckRequest (asynchronous operations) or the getState result. */
  ack?: QName;
  /** The element the processed result comes in: the service's getStateResult. */
  result?: QName;
  header?: QName;
  /** `RequestHeader` or `ISRequestHeader` (the header element's local name). */
  headerKind?: string;
  versions: ElementVersions;
  /** For getState: the versions of the service's result element. */
  resultVersions?: ElementVersions;
  wsdlFile: string;
  /** The XSD that declares the request element, relative to the package root. */
  requestSchemaFile?: string;
}

/** An import (GIS wants it signed, GIS-FACTS §3): the operations' names say which they are. */
export function isImport(operationName: string): boolean {
  return /^import/.test(operationName);
}

export class OperationCatalog {
  private readonly byRequest = new Map<string, Operation[]>();
  private readonly byResult = new Map<string, Operation>();

  private constructor(
    readonly operations: readonly Operation[],
    /** WSDL or XSD files that could not be read, with the reason. */
    readonly problems: readonly string[],
  ) {
    for (const op of operations) {
      const key = qnameKey(op.request);
      const same = this.byRequest.get(key);
      if (same) same.push(op);
      else this.byRequest.set(key, [op]);
      if (op.name === 'getState' && op.result) this.byResult.set(qnameKey(op.result), op);
    }
  }

  static read(files: PackageFiles): OperationCatalog {
    const operations: Operation[] = [];
    const problems: string[] = [];
    for (const svc of files.services) {
      for (const wsdlFile of svc.wsdl) {
        let wsdl;
        try {
          wsdl = readWsdl(files.readText(wsdlFile));
        } catch (e) {
          problems.push(`${wsdlFile}: ${(e as Error).message}`);
          continue;
        }
        const getState = wsdl.operations.find((o) => o.name === 'getState');
        for (const o of wsdl.operations) {
          if (!o.input) {
            problems.push(`${wsdlFile}: operation ${o.name} has no input element`);
            continue;
          }
          operations.push({
            name: o.name,
            service: svc.name,
            serviceName: wsdl.serviceName,
            description: o.documentation,
            endpointUrl: wsdl.location,
            endpointPath: pathOf(wsdl.location),
            soapAction: o.soapAction,
            request: o.input,
            ack: o.output,
            result: getState?.output ?? (o.name === 'getState' ? o.output : undefined),
            header: o.inputHeader,
            headerKind: o.inputHeader?.local,
            versions: { documented: [] },
            wsdlFile,
            requestSchemaFile: o.input.ns ? files.schemaFileFor(o.input.ns) : undefined,
          });
        }
      }
    }
    fillVersions(files, operations, problems);
    return new OperationCatalog(operations, problems);
  }

  /** The operations whose request element this is: one, or every service's getState for getStateRequest. */
  forRequest(q: QName): readonly Operation[] {
    return this.byRequest.get(qnameKey(q)) ?? [];
  }

  /** The getState operation whose result element this is. */
  forResult(q: QName): Operation | undefined {
    return this.byResult.get(qnameKey(q));
  }

  find(name: string, service?: string): Operation | undefined {
    return this.operations.find((o) => o.name === name && (service === undefined || o.service === service));
  }

  get services(): string[] {
    return [...new Set(this.operations.map((o) => o.service))];
  }
}

function fillVersions(files: PackageFiles, operations: Operation[], problems: string[]): void {
  // Request elements, and for getState the service's result element (its version is fixed too).
  const byFile = new Map<string, { op: Operation; local: string; result: boolean }[]>();
  const want = (file: string | undefined, op: Operation, local: string, result: boolean) => {
    if (!file) return;
    const list = byFile.get(file) ?? [];
    list.push({ op, local, result });
    byFile.set(file, list);
  };
  for (const op of operations) {
    want(op.requestSchemaFile, op, op.request.local, false);
    if (op.name === 'getState' && op.result) want(op.result.ns ? files.schemaFileFor(op.result.ns) : undefined, op, op.result.local, true);
  }
  for (const [file, wanted] of byFile) {
    try {
      const schema = parseXmlTree(files.readText(file));
      if (!schema) throw new Error('empty schema');
      const versions = readRequestVersions(schema, GIS_BASE_NS, new Set(wanted.map((w) => w.local)));
      for (const w of wanted) {
        const v = versions.get(w.local) ?? { documented: [] };
        if (w.result) w.op.resultVersions = v;
        else w.op.versions = v;
      }
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
    }
  }
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}
