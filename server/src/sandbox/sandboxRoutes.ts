import type { Operation } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import { readWsdl } from '../catalog/wsdlReader';
import type { QName } from '../xml/xmlTree';
import type { SandboxEndpoint } from './sandboxOptions';

/**
 * Which operation an HTTP request is for, from the package's catalog: the path is a service's
 * endpoint, SOAPAction (quoted or not) or, without it, the Body's element picks the operation.
 */
export interface ServiceRoute {
  readonly service: string;
  readonly path: string;
  readonly operations: readonly Operation[];
  /** The WSDL file, served at `<path>?wsdl`. */
  readonly wsdlFile: string;
}

export class SandboxRoutes {
  private readonly byPath = new Map<string, ServiceRoute>();
  /** The WSDL's output header per `<service>/<operation>` (base:ResultHeader in GIS's WSDLs). */
  private readonly outputHeaders = new Map<string, QName | undefined>();

  constructor(private readonly contents: PackageContents) {
    const grouped = new Map<string, Operation[]>();
    for (const op of contents.catalog.operations) {
      if (!op.endpointPath) continue;
      const list = grouped.get(op.endpointPath) ?? [];
      list.push(op);
      grouped.set(op.endpointPath, list);
    }
    for (const [path, operations] of grouped) {
      this.byPath.set(path, { service: operations[0].service, path, operations, wsdlFile: operations[0].wsdlFile });
    }
    for (const file of new Set(contents.catalog.operations.map((o) => o.wsdlFile))) {
      const service = contents.catalog.operations.find((o) => o.wsdlFile === file)!.service;
      try {
        for (const o of readWsdl(contents.files.readText(file)).operations) this.outputHeaders.set(`${service}/${o.name}`, o.outputHeader);
      } catch {
        // The catalog already lists this WSDL among its problems; answers go without a header.
      }
    }
  }

  route(path: string): ServiceRoute | undefined {
    return this.byPath.get(path);
  }

  endpoints(): SandboxEndpoint[] {
    return [...this.byPath.values()].map((r) => ({ service: r.service, path: r.path, operations: r.operations.map((o) => o.name) }));
  }

  wsdl(route: ServiceRoute): string {
    return this.contents.files.readText(route.wsdlFile);
  }

  outputHeader(op: Operation): QName | undefined {
    return this.outputHeaders.get(`${op.service}/${op.name}`);
  }

  operation(service: string, name: string): Operation | undefined {
    return this.contents.catalog.find(name, service);
  }
}

/** `"urn:importAccountData"` → `urn:importAccountData`; undefined for an absent or empty header. */
export function soapActionOf(header: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return undefined;
  const v = raw.trim().replace(/^"(.*)"$/, '$1').trim();
  return v === '' ? undefined : v;
}
