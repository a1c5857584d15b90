import type { Operation } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import { SkeletonWriter } from './skeleton';

/**
 * A new request for an operation: the SOAP 1.1 envelope, the header the WSDL names and the
 * smallest request body the package accepts, with placeholders to overwrite.
 */

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface NewRequestOptions {
  now?: Date;
  /** From the stand profile, when one is chosen. */
  orgPPAGUID?: string;
}

export interface NewRequest {
  text: string;
  /** base:version written on the request element. */
  version?: string;
  /** Problems met while reading the schemas (unresolved references). */
  problems: string[];
}

/** Operations that change data in GIS: their requests get signed, so they carry the signing Id. */
export function isImport(op: Operation): boolean {
  return /^(import|send|cancel|annul|close|delete|set|update|create)/i.test(op.name);
}

export function newRequest(contents: PackageContents, op: Operation, options: NewRequestOptions = {}): NewRequest {
  const now = options.now ?? new Date();
  const model = contents.schema;
  const version = op.versions.fixed ?? op.versions.documented[op.versions.documented.length - 1] ?? contents.pkg.version;
  const values = new Map<string, string>([['MessageGUID', SkeletonWriter.guid()]]);
  if (options.orgPPAGUID) values.set('orgPPAGUID', options.orgPPAGUID);
  const writer = new SkeletonWriter({
    now,
    version,
    values,
    prefer: new Set(['orgPPAGUID']),
    optionalAttributes: isImport(op) ? new Map([['Id', 'signed-data-container']]) : undefined,
  });
  const problems: string[] = [];
  const header = op.header ? model.element(op.header.ns, op.header.local) : undefined;
  const request = model.element(op.request.ns, op.request.local);
  if (!request) problems.push(`the package declares no element ${op.request.local}`);
  const headerText = header ? writer.element(header, 2) : '';
  const bodyText = request ? writer.element(request, 2) : '';
  problems.push(...model.problems);
  const declarations = [`xmlns:soapenv="${SOAP_ENV}"`, ...[...writer.namespaces].map(([ns, p]) => `xmlns:${p}="${ns}"`)].join(' ');
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soapenv:Envelope ${declarations}>\n` +
    `  <soapenv:Header>\n${headerText}  </soapenv:Header>\n` +
    `  <soapenv:Body>\n${bodyText}  </soapenv:Body>\n` +
    `</soapenv:Envelope>\n`;
  return { text, version, problems };
}
