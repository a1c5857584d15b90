import * as vscode from 'vscode';
import type { RunningSandbox } from '../../../server/src/sandbox/sandboxStand';
import { startSandbox } from '../../../server/src/sandbox/sandboxStand';
import { uiLang } from '../commands/signDocument';
import { sandboxFaults, sandboxPort } from './exchangeSettings';

/**
 * The sandbox stand, run inside this window's extension host (stopped with it). Its data lives in
 * the extension's global storage, so what an import created is still there next time. While it
 * runs, its URL is the `sandbox` stand's address (the exchange host listens to `onDidChange`).
 */
export class SandboxHost implements vscode.Disposable {
  private running: RunningSandbox | undefined;
  /** The fault spec the running sandbox was started with. */
  private faults: string | undefined;
  private starting: Promise<RunningSandbox> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly dataDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get url(): string | undefined {
    return this.running?.url;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * Starts it on `gisZhkh.sandbox.port`; a port that is taken (another window's sandbox, say)
   * gives way to a free one, which `movedFrom` reports.
   */
  async start(): Promise<{ sandbox: RunningSandbox; movedFrom?: number; faults?: string }> {
    if (this.running) return { sandbox: this.running, faults: this.faults };
    if (this.starting) return { sandbox: await this.starting, faults: this.faults };
    const faults = sandboxFaults();
    if (faults.error) throw new Error(faults.error);
    const wanted = sandboxPort();
    const open = (port: number) =>
      startSandbox({ port, dataDir: this.dataDir, faults: faults.plan, lang: uiLang(), log: (line) => this.log.info(`[sandbox] ${line}`) });
    let movedFrom: number | undefined;
    this.starting = open(wanted).catch((e: NodeJS.ErrnoException) => {
      if (e?.code !== 'EADDRINUSE' || wanted === 0) throw e;
      movedFrom = wanted;
      return open(0);
    });
    try {
      this.running = await this.starting;
    } finally {
      this.starting = undefined;
    }
    this.faults = faults.plan ? faults.spec : undefined;
    this.log.info(`sandbox: ${this.running.url}${this.faults ? ` (faults: ${this.faults})` : ''}`);
    await vscode.commands.executeCommand('setContext', 'gisZhkh.sandboxRunning', true);
    this.changed.fire();
    return { sandbox: this.running, movedFrom, faults: this.faults };
  }

  async stop(): Promise<boolean> {
    const s = this.running ?? (await this.starting?.catch(() => undefined));
    if (!s) return false;
    this.running = undefined;
    await s.close();
    this.log.info('sandbox: stopped');
    await vscode.commands.executeCommand('setContext', 'gisZhkh.sandboxRunning', false);
    this.changed.fire();
    return true;
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
