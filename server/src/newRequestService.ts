import type { PackageRegistry } from './catalog/packageRegistry';
import type { ListOperationsParams, NewRequestParams, NewRequestResult, OperationList } from './protocol';
import { newRequest } from './schema/newRequest';

/** Answers the «Новый запрос…» command: the catalog to choose from, then the skeleton. */
export class NewRequestService {
  constructor(private readonly registry: PackageRegistry) {}

  listOperations(p: ListOperationsParams): OperationList | undefined {
    const pkg = p.packageKey ? this.registry.find(p.packageKey) : this.registry.select('').pkg;
    if (!pkg) return undefined;
    const catalog = this.registry.contents(pkg).catalog;
    return {
      packageKey: pkg.key,
      packageVersion: pkg.version,
      operations: catalog.operations.map((o) => ({
        service: o.service,
        name: o.name,
        description: o.description,
        versions: o.versions.fixed ? [o.versions.fixed] : [...o.versions.documented],
        headerKind: o.headerKind,
      })),
    };
  }

  newRequest(p: NewRequestParams): NewRequestResult {
    const pkg = this.registry.find(p.packageKey);
    if (!pkg) return { text: '', problems: [`no package ${p.packageKey}`] };
    const contents = this.registry.contents(pkg);
    const op = contents.catalog.find(p.operation, p.service);
    if (!op) return { text: '', problems: [`no operation ${p.service}/${p.operation} in ${pkg.version}`] };
    const chosen = p.version ? { ...op, versions: { fixed: p.version, documented: op.versions.documented } } : op;
    return newRequest(contents, chosen, { orgPPAGUID: p.orgPPAGUID });
  }
}
