import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { DocumentStatus } from '../../server/src/protocol';
import { productRoot } from '../../server/src/productPaths';

/**
 * Drives the built language server (dist/server.js) over stdio with real LSP messages, as VS Code
 * does: initialize, open/change documents, wait for published diagnostics.
 */
export interface ServerOptions {
  storeDir?: string;
  locale?: string;
  settings?: Record<string, unknown>;
  /** Prefix the server command (e.g. ['strace', '-f', ...]). */
  wrap?: string[];
  env?: NodeJS.ProcessEnv;
}

export class LspTestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses = new Map<string, DocumentStatus>();
  readonly log: string[] = [];
  exitCode: number | null | undefined;
  private versions = new Map<string, number>();

  constructor(private readonly options: ServerOptions = {}) {
    const server = path.join(productRoot(), 'dist', 'server.js');
    // Started as the extension starts it (see client/src/languageClient.ts).
    const cmd = [...(options.wrap ?? []), process.execPath, '--expose-gc', server, '--stdio'];
    this.process = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (d: Buffer) => this.log.push(d.toString()));
    this.process.on('exit', (code) => (this.exitCode = code));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      this.published.push(p);
      const list = this.waiters.get(p.uri) ?? [];
      this.waiters.delete(p.uri);
      for (const w of list) w(p);
    });
    this.connection.onNotification('gisZhkh/documentStatus', (s: DocumentStatus) => {
      this.statuses.set(s.uri, s);
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.log.push(m.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.options.settings ?? {}));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: this.options.locale ?? 'ru',
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
      initializationOptions: { storeDir: this.options.storeDir },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Opens (or replaces) a document and waits for the diagnostics of that version. */
  async open(uri: string, text: string, timeoutMs = 60_000): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const wait = this.nextDiagnostics(uri, version, timeoutMs);
    if (version === 1) {
      await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version, text } });
    } else {
      await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    return (await wait).diagnostics;
  }

  /** Sends a change without waiting (for typing bursts). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  nextDiagnostics(uri: string, version: number | undefined, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
      const check = (p: PublishDiagnosticsParams): void => {
        if (version === undefined || p.version === undefined || p.version >= version) {
          clearTimeout(timer);
          resolve(p);
        } else {
          this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), check]);
        }
      };
      this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), check]);
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    this.versions.delete(uri);
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  async shutdown(): Promise<void> {
    try {
      if (this.alive) {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        await this.connection.sendNotification('exit');
      }
    } catch {
      // the process may already be gone
    }
    this.connection.dispose();
    if (this.alive) this.process.kill('SIGKILL');
  }
}
