import { OperationCatalog } from './operationCatalog';
import { PackageFiles } from './packageFiles';
import type { SchemaPackage } from './schemaPackage';
import { SchemaDocs } from '../validation/schemaDocs';

/** A package with what is read from it, each part read once on first use. */
export class PackageContents {
  private filesCache: PackageFiles | undefined;
  private catalogCache: OperationCatalog | undefined;
  private readonly docsCache = new Map<string, SchemaDocs>();

  constructor(readonly pkg: SchemaPackage) {}

  get files(): PackageFiles {
    return (this.filesCache ??= PackageFiles.read(this.pkg.root));
  }

  get catalog(): OperationCatalog {
    return (this.catalogCache ??= OperationCatalog.read(this.files));
  }

  /** Documentation labels of the elements of a namespace. */
  docs(ns: string | undefined): SchemaDocs {
    const key = ns ?? '';
    let d = this.docsCache.get(key);
    if (!d) {
      const rel = ns ? this.files.schemaFileFor(ns) : undefined;
      try {
        d = rel ? SchemaDocs.fromSchemaText(this.files.readText(rel)) : SchemaDocs.empty();
      } catch {
        d = SchemaDocs.empty();
      }
      this.docsCache.set(key, d);
    }
    return d;
  }
}
