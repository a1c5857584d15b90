import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What a package folder holds: its service folders (WSDL + types XSD), its XSD files and the
 * namespace each XSD defines. Reads directory listings and the first bytes of each XSD only.
 */
export interface ServiceFiles {
  /** The service's folder name, e.g. `house-management`. */
  name: string;
  /** Paths relative to the package root, with '/' separators. */
  wsdl: string[];
  xsd: string[];
}

const SCHEMA_HEAD_BYTES = 64 * 1024;
const TARGET_NS = /<(?:[A-Za-z_][\w.-]*:)?schema\b[^>]*?\btargetNamespace\s*=\s*(?:"([^"]*)"|'([^']*)')/;

export class PackageFiles {
  private constructor(
    readonly root: string,
    readonly services: ServiceFiles[],
    readonly xsdFiles: string[],
    private readonly byNamespace: Map<string, string>,
  ) {}

  static read(root: string): PackageFiles {
    const services: ServiceFiles[] = [];
    const xsdFiles: string[] = [];
    for (const entry of safeReaddir(root).sort()) {
      const dir = path.join(root, entry);
      if (!isDirectory(dir)) continue;
      const files = safeReaddir(dir).sort();
      const wsdl = files.filter((f) => /\.wsdl$/i.test(f)).map((f) => `${entry}/${f}`);
      const xsd = files.filter((f) => /\.xsd$/i.test(f)).map((f) => `${entry}/${f}`);
      xsdFiles.push(...xsd);
      if (wsdl.length > 0) services.push({ name: entry, wsdl, xsd });
    }
    const byNamespace = new Map<string, string>();
    // Service types first, so a namespace defined twice resolves to the service's own file.
    const ordered = [...xsdFiles.filter((f) => !f.startsWith('lib/')), ...xsdFiles.filter((f) => f.startsWith('lib/'))];
    for (const rel of ordered) {
      const ns = readTargetNamespace(path.join(root, rel));
      if (ns !== undefined && !byNamespace.has(ns)) byNamespace.set(ns, rel);
    }
    return new PackageFiles(root, services, xsdFiles, byNamespace);
  }

  /** The XSD (relative path) whose targetNamespace is `ns`. */
  schemaFileFor(ns: string): string | undefined {
    return this.byNamespace.get(ns);
  }

  absolute(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  readText(rel: string): string {
    return fs.readFileSync(this.absolute(rel), 'utf8');
  }
}

export function readTargetNamespace(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(SCHEMA_HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const m = TARGET_NS.exec(buf.toString('utf8', 0, n));
    return m ? (m[1] ?? m[2]) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
