// Bundles the extension host code, the language server, its validation worker, the journal's
// compaction worker and the CLI with esbuild. libxml2-wasm ships its WebAssembly inside its ES
// module and sql.js's inline build inside its JavaScript, so bundling carries the binaries along;
// nothing needs copying beside the bundles.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** libxml2-wasm's loader asks import.meta.url for its own location; give CommonJS bundles one. */
const importMetaShim = {
  define: { 'import.meta.url': '__gisImportMetaUrl' },
  banner: { js: "const __gisImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], ...importMetaShim },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', ...importMetaShim },
  { entryPoints: ['server/src/validation/validationWorker.ts'], outfile: 'dist/validationWorker.js', ...importMetaShim },
  { entryPoints: ['server/src/journal/compactionWorker.ts'], outfile: 'dist/compactionWorker.js' },
  {
    entryPoints: ['client/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    ...importMetaShim,
    banner: { js: `#!/usr/bin/env node\n${importMetaShim.banner.js}` },
  },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b });
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  chmodSync('dist/cli.js', 0o755);
}
