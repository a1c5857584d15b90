#!/usr/bin/env node
// Installs and caches a real VS Code (code-server 4.99.4 = VS Code 1.99.3) for the e2e test,
// OUTSIDE the repository, following /work/shared/docs/TEST-ENV.md. No GitHub downloads: the npm
// registry only, ripgrep comes from Debian (/usr/bin/rg), native modules are rebuilt locally.
//
//   node test/e2e/setup-code-server.mjs            install if missing (idempotent)
//   node test/e2e/setup-code-server.mjs --force    reinstall
//   node test/e2e/setup-code-server.mjs --verify   also run `code-server --version` on a warm cache
//
// Cache: $GIS_ZHKH_E2E_CACHE or ~/.cache/gis-zhkh-e2e/ → code-server-4.99.4/ (about 320 MB).
// A marker file is written only after `code-server --version` succeeded; without it the folder
// is treated as absent and rebuilt from scratch.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.99.4';
export const VSCODE_VERSION = '1.99.3';
export const APT_PACKAGES = [
  'libkrb5-dev',
  'libx11-dev',
  'libxkbfile-dev',
  'libsecret-1-dev',
  'pkg-config',
  'ripgrep',
  'chromium',
];
const MARKER = '.gis-zhkh-e2e-installed.json';
const RG = '/usr/bin/rg';

export function cacheRoot() {
  return path.resolve(process.env.GIS_ZHKH_E2E_CACHE || path.join(os.homedir(), '.cache', 'gis-zhkh-e2e'));
}

export function installDir(root = cacheRoot()) {
  return path.join(root, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(dir = installDir()) {
  return path.join(dir, 'node_modules', '.bin', 'code-server');
}

/** Debian packages from TEST-ENV.md that are not installed (empty when all are there). */
export function missingAptPackages() {
  const missing = [];
  for (const pkg of APT_PACKAGES) {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    if (r.error) {
      // Not a Debian system (no dpkg): fall back to the files we really need.
      if (pkg === 'ripgrep' && !fs.existsSync(RG)) missing.push(pkg);
      if (pkg === 'chromium' && !fs.existsSync('/usr/bin/chromium')) missing.push(pkg);
      continue;
    }
    if (r.status !== 0 || !/install ok installed/.test(r.stdout)) missing.push(pkg);
  }
  return missing;
}

/** Build tools node-gyp needs for the native rebuild (Debian: build-essential python3). */
export function missingBuildTools() {
  return ['g++', 'make', 'python3'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status !== 0,
  );
}

export function prerequisitesMessage(missing) {
  return (
    `The e2e test needs these Debian packages, which are not installed: ${missing.join(' ')}\n` +
    `Install them first (as root):\n` +
    `  apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`
  );
}

/** The marker of a finished install, or null. */
export function readMarker(dir = installDir()) {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
    if (m.codeServer === CODE_SERVER_VERSION && fs.existsSync(codeServerBin(dir))) return m;
  } catch {
    /* absent or broken */
  }
  return null;
}

/** Runs `code-server --version`; returns its first line or throws. */
export function codeServerVersion(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (r.status !== 0) throw new Error(`${bin} --version failed (exit ${r.status}): ${out}`);
  const line = out.split('\n').find((l) => l.includes(CODE_SERVER_VERSION)) || '';
  if (!line.includes(CODE_SERVER_VERSION) || !line.includes(VSCODE_VERSION)) {
    throw new Error(`${bin} --version printed "${out}", expected ${CODE_SERVER_VERSION} … Code ${VSCODE_VERSION}`);
  }
  return line;
}

function fmt(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Directory holding node.h for the running Node (so node-gyp never downloads headers). */
function nodeHeadersDir() {
  const prefix = path.dirname(path.dirname(process.execPath));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h')) ? prefix : null;
}

/** Top-level packages of a node_modules folder, scoped ones as @scope/name. */
function listPackages(nodeModules) {
  const names = [];
  for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      for (const sub of fs.readdirSync(path.join(nodeModules, entry.name), { withFileTypes: true })) {
        if (!sub.name.startsWith('.')) names.push(`${entry.name}/${sub.name}`);
      }
    } else if (entry.isDirectory() || entry.isSymbolicLink()) {
      names.push(entry.name);
    }
  }
  return names.sort();
}

function run(cmd, args, { cwd, env, logStream, label }) {
  return new Promise((resolve, reject) => {
    logStream.write(`\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(logStream, { end: false });
    child.stderr.pipe(logStream, { end: false });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label}: \`${cmd} ${args.join(' ')}\` failed (exit ${code ?? signal}) in ${cwd}`));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Makes sure a working code-server is in the cache; returns { bin, dir, installed, seconds }.
 * `installed` is true when this call did the install.
 */
export async function ensureCodeServer({ force = false, verify = false, log = console.log } = {}) {
  const root = cacheRoot();
  const dir = installDir(root);
  const bin = codeServerBin(dir);

  if (!force && readMarker(dir)) {
    if (verify) log(`[setup] ${codeServerVersion(bin)}`);
    log(`[setup] code-server ${CODE_SERVER_VERSION} already installed in ${dir}`);
    return { bin, dir, installed: false, seconds: 0 };
  }

  const missing = missingAptPackages();
  if (missing.length) throw new Error(prerequisitesMessage(missing));
  if (!fs.existsSync(RG)) throw new Error(`${RG} not found (Debian package ripgrep)`);
  const tools = missingBuildTools();
  if (tools.length) {
    throw new Error(
      `The native rebuild needs ${tools.join(', ')}, not found on PATH.\n` +
        `Install them first (as root): apt-get install -y build-essential python3`,
    );
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    log(`[setup] warning: code-server ${CODE_SERVER_VERSION} wants Node 20, this is Node ${process.versions.node}`);
  }

  fs.mkdirSync(root, { recursive: true });
  const staging = `${dir}.partial-${process.pid}`;
  const logFile = path.join(root, `setup-${CODE_SERVER_VERSION}.log`);
  const logStream = fs.createWriteStream(logFile);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${dir} (log: ${logFile})`);

  const env = {
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const headers = nodeHeadersDir();
  if (headers) env.npm_config_nodedir = headers; // node-gyp: use local headers, never download
  else log(`[setup] warning: no Node headers next to ${process.execPath}; node-gyp will try to download them`);

  const started = Date.now();
  const step = async (label, fn) => {
    const t = Date.now();
    log(`[setup] ${label} …`);
    await fn();
    log(`[setup]   done in ${fmt(Date.now() - t)}`);
  };
  const npm = (cwd, args, label) => run('npm', args, { cwd, env, logStream, label });

  try {
    fs.writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({ name: 'gis-zhkh-e2e-code-server', private: true, version: '0.0.0' }, null, 2) + '\n',
    );
    await step(`npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`, () =>
      npm(staging, ['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], 'install code-server'),
    );

    const vscodeDir = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
    await step('lib/vscode: npm install --omit=dev --ignore-scripts', () =>
      npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts'], 'install lib/vscode'),
    );

    await step('ripgrep from /usr/bin/rg', async () => {
      const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
      fs.mkdirSync(rgDir, { recursive: true });
      fs.copyFileSync(RG, path.join(rgDir, 'rg'));
      fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
    });

    await step('lib/vscode: npm rebuild (native modules)', () => {
      const pkgs = listPackages(path.join(vscodeDir, 'node_modules'));
      for (const extra of ['@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid']) {
        if (!pkgs.includes(extra)) pkgs.push(extra);
      }
      return npm(vscodeDir, ['rebuild', '--unsafe-perm', ...pkgs], 'rebuild lib/vscode');
    });

    await step('symlinks', async () => {
      const link = (target, at) => {
        fs.rmSync(at, { force: true, recursive: false });
        fs.symlinkSync(target, at);
      };
      link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
      link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
      link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    });

    await step('lib/vscode/extensions: npm install --omit=dev --ignore-scripts', () =>
      npm(path.join(vscodeDir, 'extensions'), ['install', '--omit=dev', '--ignore-scripts'], 'install extensions'),
    );

    await step('npm rebuild argon2', () => npm(staging, ['rebuild', 'argon2'], 'rebuild argon2'));

    let version = '';
    await step('code-server --version', async () => {
      version = codeServerVersion(codeServerBin(staging));
      log(`[setup]   ${version}`);
    });

    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(
      path.join(staging, MARKER),
      JSON.stringify(
        {
          codeServer: CODE_SERVER_VERSION,
          vscode: VSCODE_VERSION,
          version,
          node: process.versions.node,
          installedAt: new Date().toISOString(),
          seconds,
        },
        null,
        2,
      ) + '\n',
    );
    // Publish atomically: a concurrent run that finished first wins, ours is dropped.
    if (readMarker(dir)) {
      fs.rmSync(staging, { recursive: true, force: true });
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(staging, dir);
    }
    // Re-check from the final place (symlinks are relative, so the move is safe).
    codeServerVersion(bin);
    log(`[setup] code-server ${CODE_SERVER_VERSION} installed in ${fmt(Date.now() - started)}`);
    return { bin, dir, installed: true, seconds };
  } catch (err) {
    logStream.end();
    fs.rmSync(staging, { recursive: true, force: true });
    err.message += `\n--- last lines of ${logFile} ---\n${tail(logFile)}`;
    throw err;
  } finally {
    logStream.end();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = new Set(process.argv.slice(2));
  if (args.has('--help') || args.has('-h')) {
    console.log('usage: node test/e2e/setup-code-server.mjs [--force] [--verify]');
    process.exit(0);
  }
  ensureCodeServer({ force: args.has('--force'), verify: args.has('--verify') }).then(
    (r) => console.log(`[setup] code-server: ${r.bin}`),
    (err) => {
      console.error(`[setup] FAILED: ${err.message}`);
      process.exit(1);
    },
  );
}
