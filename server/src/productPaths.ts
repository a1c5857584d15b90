import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the product's own files are, found from the running code: the bundles in dist/, the
 * compiled tests in out/... all sit below the folder whose package.json is this product's.
 */
let cached: string | undefined;

export function productRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'gis-zhkh') return (cached = dir);
    } catch {
      // not here; go up
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the gis-zhkh product folder above ' + __dirname);
    dir = up;
  }
}

export function bundledSchemasDir(): string {
  return path.join(productRoot(), 'schemas');
}

export function envelopeSchemaPath(): string {
  return path.join(productRoot(), 'schemas', 'soap-1.1', 'envelope.xsd');
}
