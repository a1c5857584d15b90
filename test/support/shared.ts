import * as fs from 'node:fs';
import * as path from 'node:path';
import { productRoot } from '../../server/src/productPaths';

/** The shared reference material beside the project (../shared), read at run time, never copied. */
export function sharedDir(): string {
  const dir = process.env.GIS_ZHKH_SHARED ?? path.join(productRoot(), '..', 'shared');
  if (!fs.existsSync(path.join(dir, 'gis-formats'))) {
    throw new Error(`the shared folder with gis-formats/ and conformance/ is not at ${dir} (set GIS_ZHKH_SHARED)`);
  }
  return dir;
}

export interface ManifestEntry {
  file: string;
  service: string;
  operation: string;
  kind: 'request' | 'result';
  mutation: string | null;
  expected: 'valid' | 'invalid';
  errors: string[];
}

export function readManifest(name = 'manifest.json'): ManifestEntry[] {
  return JSON.parse(fs.readFileSync(path.join(sharedDir(), 'conformance', '16.3.0.0', name), 'utf8')) as ManifestEntry[];
}

export function conformanceFile(entry: ManifestEntry): string {
  return path.join(sharedDir(), 'conformance', '16.3.0.0', entry.file);
}
