/**
 * A format package: a folder laid out like GIS's official zip (one folder per service with its
 * WSDL and types XSD, shared types in lib/). Bundled packages ship with the product; installed
 * ones live in the user's storage; a folder can also be used in place (CLI --package <dir>).
 */
export type PackageOrigin = 'bundled' | 'installed' | 'folder';

export interface SchemaPackage {
  /** Unique among loaded packages: `bundled:16.3.0.0`, `installed:16.3.0.0`, `folder:/abs/path`. */
  key: string;
  version: string;
  origin: PackageOrigin;
  root: string;
}

export function packageKey(origin: PackageOrigin, version: string, root: string): string {
  return origin === 'folder' ? `folder:${root}` : `${origin}:${version}`;
}

export function describePackage(p: SchemaPackage, lang: 'ru' | 'en'): string {
  const origin =
    lang === 'ru'
      ? { bundled: 'встроенный', installed: 'установленный', folder: 'папка' }[p.origin]
      : { bundled: 'bundled', installed: 'installed', folder: 'folder' }[p.origin];
  return `${p.version} (${origin})`;
}

/** Orders dotted versions numerically: 9.0.0.1 < 14.8.0.2 < 16.3.0.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export const VERSION_PATTERN = /^\d+(\.\d+){2,3}$/;
