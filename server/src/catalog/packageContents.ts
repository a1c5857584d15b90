import { XS_NS } from './namespaces';
import { OperationCatalog } from './operationCatalog';
import { PackageFiles } from './packageFiles';
import type { SchemaPackage } from './schemaPackage';
import { SchemaModel } from '../schema/schemaModel';
import { SchemaDocs } from '../validation/schemaDocs';

/** A package with what is read from it, each part read once on first use. */
export class PackageContents {
  private filesCache: PackageFiles | undefined;
  private catalogCache: OperationCatalog | undefined;
  private schemaCache: SchemaModel | undefined;
  private readonly docsCache = new Map<string, SchemaDocs>();

  constructor(readonly pkg: SchemaPackage) {}

  get files(): PackageFiles {
    return (this.filesCache ??= PackageFiles.read(this.pkg.root));
  }

  get catalog(): OperationCatalog {
    return (this.catalogCache ??= OperationCatalog.read(this.files));
  }

  /** Declarations of every XSD in the package, resolved on demand. */
  get schema(): SchemaModel {
    return (this.schemaCache ??= SchemaModel.read(this.files));
  }

  /** The XML Schema built-in type a named simple type comes down to (`xs:int` for an integer type). */
  builtinType(ns: string | undefined, local: string): string | undefined {
    for (let depth = 0; depth < 16; depth++) {
      if (ns === XS_NS) return `xs:${local}`;
      const base = this.docs(ns).simpleBase(local);
      if (!base) return undefined;
      ({ ns, local } = base);
    }
    return undefined;
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
