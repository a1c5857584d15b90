import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageContents } from './packageContents';
import { PACKAGE_META, PackageMeta } from './packageInstaller';
import { SchemaPackage, VERSION_PATTERN, compareVersions, packageKey } from './schemaPackage';

/**
 * The packages available: bundled ones (folders named by version under the product's schemas/)
 * and installed ones (the store). Chooses the package a document is validated with.
 */
export interface RegistryOptions {
  bundledRoot: string;
  storeDir?: string;
}

/** '' or 'auto': the newest installed package, else the newest bundled one. */
export type PackagePreference = string;

export class PackageRegistry {
  private packages: SchemaPackage[] = [];
  private stamps = new Map<string, string>();
  private readonly contentsCache = new Map<string, PackageContents>();

  constructor(private readonly options: RegistryOptions) {
    this.refresh();
  }

  /** Re-reads the store; returns the keys of packages that changed or went away. */
  refresh(): string[] {
    this.packages = [...listBundled(this.options.bundledRoot), ...listInstalled(this.options.storeDir)].sort(
      (a, b) => compareVersions(b.version, a.version) || originRank(a) - originRank(b),
    );
    const stamps = new Map(this.packages.map((p) => [p.key, installedStamp(p)]));
    const changed = [...this.stamps].filter(([key, stamp]) => stamps.get(key) !== stamp).map(([key]) => key);
    for (const key of changed) this.contentsCache.delete(key);
    this.stamps = stamps;
    return changed;
  }

  list(): readonly SchemaPackage[] {
    return this.packages;
  }

  /** A package by 'bundled', 'bundled:<v>', 'installed:<v>', a version, or a package key. */
  find(spec: string): SchemaPackage | undefined {
    const s = spec.trim();
    if (s === 'bundled') return this.packages.find((p) => p.origin === 'bundled');
    const exact = this.packages.find((p) => p.key === s);
    if (exact) return exact;
    if (VERSION_PATTERN.test(s)) return this.packages.find((p) => p.version === s);
    return undefined;
  }

  /** The package for a preference; falls back to the default when the preferred one is absent. */
  select(preference: PackagePreference = ''): { pkg: SchemaPackage | undefined; missing?: string } {
    const pref = preference.trim();
    if (pref && pref !== 'auto') {
      const found = this.find(pref);
      if (found) return { pkg: found };
      return { ...this.select(''), missing: pref };
    }
    return { pkg: this.packages.find((p) => p.origin === 'installed') ?? this.packages[0] };
  }

  contents(pkg: SchemaPackage): PackageContents {
    let c = this.contentsCache.get(pkg.key);
    if (!c) {
      c = new PackageContents(pkg);
      this.contentsCache.set(pkg.key, c);
    }
    return c;
  }
}

export function readPackageMeta(root: string): PackageMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, PACKAGE_META), 'utf8')) as PackageMeta;
  } catch {
    return undefined;
  }
}

function listBundled(root: string): SchemaPackage[] {
  return versionFolders(root)
    .filter((dir) => fs.existsSync(path.join(dir, 'lib')))
    .map((dir) => {
      const version = path.basename(dir);
      return { key: packageKey('bundled', version, dir), version, origin: 'bundled' as const, root: dir };
    });
}

function listInstalled(storeDir: string | undefined): SchemaPackage[] {
  if (!storeDir) return [];
  return versionFolders(storeDir)
    .filter((dir) => readPackageMeta(dir) !== undefined)
    .map((dir) => {
      const version = path.basename(dir);
      return { key: packageKey('installed', version, dir), version, origin: 'installed' as const, root: dir };
    });
}

function versionFolders(root: string): string[] {
  try {
    return fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && VERSION_PATTERN.test(e.name))
      .map((e) => path.join(root, e.name));
  } catch {
    return [];
  }
}

function installedStamp(p: SchemaPackage): string {
  return p.origin === 'installed' ? (readPackageMeta(p.root)?.installedAt ?? '') : '';
}

function originRank(p: SchemaPackage): number {
  return p.origin === 'installed' ? 0 : p.origin === 'bundled' ? 1 : 2;
}
