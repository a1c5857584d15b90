import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs Debian's stunnel (package stunnel4, binary `stunnel`) in the foreground with a given
 * configuration and waits until it accepts connections. Shared by the GOST TLS front of the
 * sandbox (server mode) and by tunnel-mode tests and tools (client mode).
 */
export interface StunnelProcess {
  readonly pid: number;
  /** What stunnel logged so far (the last 256 KB): connections, negotiated cipher suites, refusals. */
  log(): string;
  /**
   * Waits until stunnel logged text matching `pattern` (a connection's outcome, say) at or after
   * offset `since` of log() (take `log().length` before the connection).
   */
  waitForLog(pattern: RegExp, timeoutMs?: number, since?: number): Promise<string>;
  stop(): Promise<void>;
}

export class StunnelError extends Error {
  constructor(message: string, readonly log = '') {
    super(message);
    this.name = 'StunnelError';
  }
}

const INSTALL_STUNNEL = 'install Debian\'s stunnel4 (apt-get install stunnel4)';
const INSTALL_GOST = 'install OpenSSL\'s gost engine (apt-get install libengine-gost-openssl)';
const LOG_LIMIT = 256 * 1024;

/** `stunnel` on PATH (or STUNNEL), or a clear error saying what to install. */
export function stunnelBinary(): string {
  const bin = process.env.STUNNEL || 'stunnel';
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (r.error) throw new StunnelError(`stunnel is not available ("${bin}": ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): ${INSTALL_STUNNEL}`);
  return bin;
}

/**
 * The gost engine's shared object, looked up where OpenSSL looks (`openssl version -e`), then in
 * the usual Debian folders; a clear error saying what to install when it is not there.
 */
export function gostEngineFile(): string {
  const dirs: string[] = [];
  if (process.env.OPENSSL_ENGINES) dirs.push(process.env.OPENSSL_ENGINES);
  const v = spawnSync('openssl', ['version', '-e'], { encoding: 'utf8' });
  const m = /ENGINESDIR:\s*"([^"]+)"/.exec(v.stdout ?? '');
  if (m) dirs.push(m[1]);
  dirs.push('/usr/lib/x86_64-linux-gnu/engines-3', '/usr/lib/aarch64-linux-gnu/engines-3', '/usr/lib/engines-3', '/usr/lib64/engines-3');
  for (const d of dirs) {
    const f = path.join(d, 'gost.so');
    if (fs.existsSync(f)) return f;
  }
  throw new StunnelError(`OpenSSL's gost engine (gost.so) is not installed (looked in ${[...new Set(dirs)].join(', ')}): ${INSTALL_GOST}`);
}

/**
 * An OPENSSL_CONF that loads the gost engine for every algorithm it has; `config_diagnostics`
 * makes a failure to load it fatal instead of silently leaving OpenSSL without GOST.
 */
export function writeGostOpensslConf(dir: string): string {
  const engine = gostEngineFile();
  const file = path.join(dir, 'openssl-gost.cnf');
  fs.writeFileSync(
    file,
    [
      'openssl_conf = openssl_init',
      'config_diagnostics = 1',
      '[openssl_init]',
      'engines = engine_section',
      '[engine_section]',
      'gost = gost_section',
      '[gost_section]',
      'engine_id = gost',
      `dynamic_path = ${engine}`,
      'default_algorithms = ALL',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * Starts stunnel on `config` (which must say `foreground = yes` and `debug = info` or more, so
 * that the log shows when it listens) written into `dir`.
 */
export async function startStunnel(o: { config: string; dir: string; env?: NodeJS.ProcessEnv; readyTimeoutMs?: number }): Promise<StunnelProcess> {
  if (!/^\s*foreground\s*=\s*yes/m.test(o.config)) throw new StunnelError('startStunnel needs a configuration with foreground = yes');
  const bin = stunnelBinary();
  const file = path.join(o.dir, 'stunnel.conf');
  fs.writeFileSync(file, o.config);
  const child = spawn(bin, [file], { cwd: o.dir, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > LOG_LIMIT) log = log.slice(log.length - LOG_LIMIT);
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      for (const w of [...waiters]) w();
      resolve();
    });
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const waitForLog = (pattern: RegExp, timeoutMs = 10_000, from = 0): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new StunnelError(`stunnel did not log ${pattern} within ${timeoutMs} ms`, log));
      }, timeoutMs);
      function check() {
        const m = pattern.exec(log.slice(from));
        if (m) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m[0]);
        } else if (exited) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new StunnelError(`stunnel exited (${exited.signal ?? `code ${exited.code}`}) before logging ${pattern}: ${lastLines(log)}`, log));
        }
      }
      waiters.add(check);
      check();
    });

  const ready = waitForLog(/Accepting new connections|Configuration failed|Error binding/, o.readyTimeoutMs ?? 15_000);
  const first = await Promise.race([ready.then((line) => ({ line })), spawnError.then((error) => ({ error }))]).catch((error: Error) => ({ error }));
  if ('error' in first || first.line !== 'Accepting new connections') {
    child.kill('SIGKILL');
    await exit;
    const why = 'error' in first ? first.error.message : lastLines(log);
    throw new StunnelError(`stunnel did not start: ${why}`, log);
  }
  return {
    pid: child.pid!,
    log: () => log,
    waitForLog: (pattern, timeoutMs, since) => waitForLog(pattern, timeoutMs, since),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}

/** The process with the private folder it runs in: stop() ends stunnel, then removes the folder (once). */
export function withOwnFolder(proc: StunnelProcess, dir: string): StunnelProcess {
  let stopped: Promise<void> | undefined;
  return { ...proc, stop: () => (stopped ??= proc.stop().finally(() => fs.rmSync(dir, { recursive: true, force: true }))) };
}

function lastLines(log: string): string {
  const lines = log.trim().split(/\r?\n/).filter((l) => /\[!\]|LOG[0-3]|error|fail/i.test(l));
  return (lines.length ? lines : log.trim().split(/\r?\n/)).slice(-6).join(' | ');
}
