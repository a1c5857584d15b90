import * as path from 'node:path';
import * as vscode from 'vscode';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import type { ExchangeEvent, MessageOutcome } from '../../../server/src/exchange/exchangeApi';
import type { ExchangeEngine } from '../../../server/src/exchange/exchangeEngine';
import { Exchange, openExchange } from '../../../server/src/exchange/openExchange';
import type { StandProfile } from '../../../server/src/exchange/standProfile';
import { Journal, JournalLockedError, JournalMessage, isFinal } from '../../../server/src/journal';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import { uiLang } from '../commands/signDocument';
import { ExchangeSecrets } from './exchangeSecrets';
import { readSigningProfiles, readStands, retention } from './exchangeSettings';
import { exchangeErrorText, eventText } from './exchangeText';
import type { SandboxHost } from './sandboxHost';
import { standLabel, withBaseUrl } from './standSettings';

/** What is open: the journal always; the engine only when this window holds the journal. */
export interface Opened {
  readonly journal: Journal;
  readonly exchange?: Exchange;
  /** The process that holds the journal when this window only reads it. */
  readonly holderPid?: number;
}

/** The journal is held by another window (or a `gis-zhkh` process): nothing can be sent from here. */
export class ReadOnlyJournalError extends Error {
  constructor(readonly holderPid: number | undefined) {
    super(`the exchange journal is open for writing in another process (pid ${holderPid ?? '?'})`);
    this.name = 'ReadOnlyJournalError';
  }
}

/** The reason waits are cut short when the exchange is opened anew. */
class Reopening extends Error {
  constructor() {
    super('the exchange is being reopened');
  }
}

/**
 * The exchange of this window: one journal (in the extension's global storage, shared by every
 * window and by nothing else) and one engine, opened on first use.
 *
 * - Another window holding the journal: it is opened read-only, and the user is told.
 * - Stands, signing profiles and the language are fixed when the engine is made, so a change of
 *   settings (or the sandbox starting on another port) opens it anew: short steps (a submit, a
 *   single getState) are let finish first; waits for answers are interrupted and carry on, by
 *   MessageGUID, on the new engine. Nothing is lost: every step is in the journal already.
 * - On open, messages left in flight are resumed: acknowledged ones are polled, unsent drafts go
 *   out, and for ones that may or may not have reached GIS the user decides.
 * - Each message is followed by one waiter at a time (a send, a retry and the resume share it).
 */
export class ExchangeHost implements vscode.Disposable {
  readonly journalDir: string;
  private readonly registry: PackageRegistry;
  private readonly secrets: ExchangeSecrets;
  private opened: Promise<Opened> | undefined;
  private stale = false;
  private reopening: Promise<void> | undefined;
  private users = 0;
  private idle: (() => void) | undefined;
  private waitAbort = new AbortController();
  private disposed = false;
  private readonly following = new Map<string, Promise<MessageOutcome>>();
  private readonly declined = new Set<string>();
  /** Holders of the journal the user was already told about. */
  private readonly toldReadOnly = new Set<number>();
  /** Stands the user was told send imports unsigned (no signing profile). */
  private readonly toldUnsigned = new Set<string>();
  private readonly events = new vscode.EventEmitter<ExchangeEvent>();
  /** Every step of every message, as the engine reports it. */
  readonly onEvent = this.events.event;
  private readonly reopened = new vscode.EventEmitter<void>();
  /** The journal was opened, reopened or closed: views read it again. */
  readonly onDidChangeJournal = this.reopened.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    private readonly sandbox: SandboxHost,
    private readonly log: vscode.LogOutputChannel,
    storeDir: string,
  ) {
    this.journalDir = path.join(context.globalStorageUri.fsPath, 'journal');
    this.registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir });
    this.secrets = new ExchangeSecrets(context.secrets);
    this.subscriptions.push(sandbox.onDidChange(() => this.invalidate()));
  }

  // ---- what the commands use -----------------------------------------------------------------

  /** The stands as they are now: settings over the built-ins, the running sandbox at its address. */
  stands(): StandProfile[] {
    const defaultVersion = vscode.workspace.getConfiguration('gisZhkh').get<string>('formats.defaultVersion') ?? '';
    const url = this.sandbox.url;
    const user = readStands().stands;
    return (url ? withBaseUrl(user, 'sandbox', url) : user).map((s) => {
      if (s.formatVersion) return s;
      // The sandbox in this window speaks the bundled package, whatever the default one is.
      if (url && s.name === 'sandbox') return { ...s, formatVersion: 'bundled' };
      return defaultVersion ? { ...s, formatVersion: defaultVersion } : s;
    });
  }

  stand(name: string): StandProfile | undefined {
    return this.stands().find((s) => s.name === name);
  }

  /** The journal for reading (the tree, the pair, the export); read-only in a second window. */
  async journal(): Promise<Opened> {
    return this.current();
  }

  /**
   * Throws ReadOnlyJournalError when another window holds the journal, after one more try to
   * take it (that window may have closed since).
   */
  async requireWritable(): Promise<void> {
    if ((await this.current()).exchange) return;
    this.invalidate();
    const o = await this.current();
    if (!o.exchange) throw new ReadOnlyJournalError(o.holderPid);
  }

  /**
   * Runs a short step (submit, one getState, an export) on the engine. A reopen waits for it.
   * Throws ReadOnlyJournalError when another window holds the journal.
   */
  async use<T>(fn: (engine: ExchangeEngine, journal: Journal) => Promise<T>): Promise<T> {
    const ex = await this.acquire();
    try {
      return await fn(ex.engine, ex.journal);
    } finally {
      this.release();
    }
  }

  /**
   * Follows a message to its end: `run` is given the engine and a signal that a reopen aborts, and
   * is run again on the new engine when that happens, so it must be safe to repeat (waitForAnswer,
   * or retry of a message that keeps its MessageGUID). One follower per message at a time.
   */
  follow(messageGuid: string, run: (engine: ExchangeEngine, signal: AbortSignal) => Promise<MessageOutcome>): Promise<MessageOutcome> {
    const key = messageGuid.toLowerCase();
    const running = this.following.get(key);
    if (running) return running;
    const p = this.wait(async (ex, signal) => {
      try {
        return await run(ex.engine, signal);
      } catch (e) {
        if (signal.aborted) throw e;
        // A «Получить состояние» at the same moment may have closed the record first.
        const m = ex.journal.get(key);
        if (m && isFinal(m.state)) return ex.engine.outcome(key);
        throw e;
      }
    }).finally(() => this.following.delete(key));
    this.following.set(key, p);
    return p;
  }

  /** The user asked to send it («Повторить»): a «do not send» given earlier no longer holds. */
  forgetDecision(messageGuid: string): void {
    this.declined.delete(messageGuid.toLowerCase());
  }

  isFollowing(messageGuid: string): boolean {
    return this.following.has(messageGuid.toLowerCase());
  }

  /** Settings changed: open the exchange anew once the running steps are done. */
  invalidate(): void {
    if (!this.opened || this.disposed) return;
    this.stale = true;
    void this.reopen();
  }

  /** «Обновить»: a read-only journal is read again (and taken for writing if it is free now). */
  refresh(): void {
    if (!this.opened) {
      this.reopened.fire();
      return;
    }
    void this.opened.then(
      (o) => (o.exchange ? this.reopened.fire() : this.invalidate()),
      () => this.reopened.fire(),
    );
  }

  /** Installed format packages changed. */
  refreshPackages(): void {
    this.registry.refresh();
  }

  async applyRetention(): Promise<void> {
    const o = await this.current();
    if (o.exchange) await this.retain(o.journal);
  }

  forgetStandPassword(standName: string): Promise<boolean> {
    return this.secrets.forgetStand(standName).then((had) => {
      this.invalidate(); // the transport holds the old password
      return had;
    });
  }

  /** Closes the engine and the journal (deactivation); waits are cut short, the journal keeps them. */
  async close(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.waitAbort.abort(new Reopening());
    const o = await this.opened?.catch(() => undefined);
    this.opened = undefined;
    if (o) await this.closeOpened(o);
  }

  dispose(): void {
    void this.close();
    for (const s of this.subscriptions) s.dispose();
    this.events.dispose();
    this.reopened.dispose();
  }

  // ---- opening and reopening -----------------------------------------------------------------

  private async current(): Promise<Opened> {
    while (this.stale || this.reopening) await this.reopen();
    if (this.disposed) throw new Error('the exchange is closed');
    if (!this.opened) {
      const p = this.open();
      this.opened = p;
      p.then(
        (o) => this.afterOpen(o),
        () => {
          if (this.opened === p) this.opened = undefined; // try again next time
        },
      );
    }
    return this.opened;
  }

  private async open(): Promise<Opened> {
    const stands = this.stands();
    const onWarning = (m: string) => this.log.warn(m);
    try {
      const exchange = await openExchange({
        journalDir: this.journalDir,
        stands,
        signingProfiles: readSigningProfiles(),
        registry: this.registry,
        secrets: { signing: (p) => this.secrets.signing(p), transport: (s) => this.secrets.transport(s) },
        decideResend: (m, s) => this.decide(m, s),
        // The setting is applied per send (allowInvalid), so changing it needs no reopen.
        validateBeforeSend: true,
        lang: uiLang(),
        onEvent: (e) => this.onEngineEvent(e),
        onWarning,
      });
      this.log.info(`journal ${this.journalDir} open; stands: ${stands.map((s) => `${s.name}=${s.transport === 'tunnel' ? s.tunnelUrl : s.baseUrl}`).join(', ')}`);
      return { journal: exchange.journal, exchange };
    } catch (e) {
      if (!(e instanceof JournalLockedError)) throw e;
      const journal = await Journal.open(this.journalDir, { readOnly: true, onWarning });
      this.log.info(`journal ${this.journalDir} is held by process ${e.pid}: open read-only`);
      if (this.toldReadOnly.has(e.pid)) return { journal, holderPid: e.pid };
      this.toldReadOnly.add(e.pid);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The exchange journal is open in another VS Code window (process {0}), so here it is read-only. Send from that window, or close it and refresh the journal here.', e.pid),
      );
      return { journal, holderPid: e.pid };
    }
  }

  private afterOpen(o: Opened): void {
    this.reopened.fire();
    if (!o.exchange) return;
    void this.retain(o.journal);
    void this.resume(o.journal).catch((e) => this.log.error(`resume: ${exchangeErrorText(e)}`));
  }

  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      this.waitAbort.abort(new Reopening());
      while (this.users > 0) await new Promise<void>((r) => (this.idle = r));
      const old = this.opened;
      this.opened = undefined;
      this.stale = false;
      this.waitAbort = new AbortController();
      const o = await old?.catch(() => undefined);
      if (o) await this.closeOpened(o);
      this.log.info('exchange closed for reopening (settings changed)');
    })().finally(() => {
      this.reopening = undefined;
      this.reopened.fire();
    });
    return this.reopening;
  }

  private async closeOpened(o: Opened): Promise<void> {
    try {
      await (o.exchange ? o.exchange.close() : o.journal.close());
    } catch (e) {
      this.log.error(`closing the journal: ${exchangeErrorText(e)}`);
    }
  }

  private async acquire(): Promise<Exchange> {
    for (;;) {
      const o = await this.current();
      if (this.stale || this.reopening) continue; // current() waits for the reopen
      if (!o.exchange) throw new ReadOnlyJournalError(o.holderPid);
      this.users++;
      return o.exchange;
    }
  }

  private release(): void {
    this.users--;
    if (this.users === 0) {
      const idle = this.idle;
      this.idle = undefined;
      idle?.();
    }
  }

  private async wait<T>(fn: (ex: Exchange, signal: AbortSignal) => Promise<T>): Promise<T> {
    for (;;) {
      const ex = await this.acquire();
      const signal = this.waitAbort.signal;
      try {
        return await fn(ex, signal);
      } catch (e) {
        if (!(signal.aborted && signal.reason instanceof Reopening) || this.disposed) throw e;
      } finally {
        this.release();
      }
    }
  }

  // ---- resuming --------------------------------------------------------------------------------

  /**
   * What a restart leaves: drafts never sent (sent now), acknowledged messages (polled, never
   * resent) and messages that may or may not have reached GIS (resent with the same MessageGUID
   * only if the user agrees).
   */
  private async resume(journal: Journal): Promise<void> {
    const unsent = journal.list({ states: ['draft', 'signed'] }, { limit: -1 });
    const inFlight = journal.inFlight();
    const todo = [
      ...unsent.map((m) => ({ m, how: 'send' as const })),
      ...inFlight.map((i) => ({ m: i.message, how: i.resume === 'poll' ? ('poll' as const) : ('ask' as const) })),
    ].filter((x) => !this.isFollowing(x.m.messageGuid) && !this.declined.has(x.m.messageGuid));
    if (todo.length === 0) return;
    this.log.info(`resuming ${todo.length} message(s) left in flight`);
    const ask = todo.filter((x) => x.how === 'ask');
    let askEach = true;
    if (ask.length > 1) {
      const all = vscode.l10n.t('Send all again');
      const each = vscode.l10n.t('Ask for each');
      const none = vscode.l10n.t('Do not send');
      const c = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} messages may have reached GIS before this window closed. Send them again with the same MessageGUIDs?', ask.length),
        all,
        each,
        none,
      );
      askEach = c === each;
      for (const x of ask) {
        if (c === all) x.how = 'send';
        else if (c !== each) this.declined.add(x.m.messageGuid);
      }
    }
    if (todo.some((x) => x.how === 'poll')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Waiting for the answers to {0} messages sent before this window was last closed.', todo.filter((x) => x.how === 'poll').length));
    }
    for (const x of todo) {
      const guid = x.m.messageGuid;
      const go = async () => {
        if (x.how === 'ask') {
          const stand = this.stand(x.m.stand);
          if (!askEach || !stand || !(await this.decide(x.m, stand))) return;
        }
        // retry keeps the MessageGUID of a draft, signed or sending message and polls an acknowledged one.
        await this.follow(guid, (engine, signal) => (x.how === 'poll' ? engine.waitForAnswer(guid, signal) : engine.retry(guid, { signal })));
      };
      go().catch((e) => this.log.error(`resume ${guid}: ${exchangeErrorText(e)}`));
    }
  }

  private async decide(m: JournalMessage, stand: StandProfile): Promise<boolean> {
    if (this.declined.has(m.messageGuid)) return false;
    const again = vscode.l10n.t('Send again');
    const no = vscode.l10n.t('Do not send');
    const c = await vscode.window.showWarningMessage(
      vscode.l10n.t('Message {0} ({1}, stand {2}) may have reached GIS. Send it again with the same MessageGUID?', m.messageGuid, m.operation, standLabel(stand)),
      again,
      no,
    );
    if (c === again) return true;
    // Not asked again in this window; «Повторить» sends it when the user wants.
    this.declined.add(m.messageGuid);
    this.log.info(`${m.messageGuid}: not resent (the user declined)`);
    return false;
  }

  private async retain(journal: Journal): Promise<void> {
    const r = retention();
    if (r.doneDays === undefined && r.otherFinalDays === undefined) return;
    try {
      const n = await journal.applyRetention(r);
      if (n > 0) {
        this.log.info(`retention: ${n} finished message(s) deleted`);
        this.reopened.fire();
      }
    } catch (e) {
      this.log.error(`retention: ${exchangeErrorText(e)}`);
    }
  }

  private onEngineEvent(e: ExchangeEvent): void {
    const guid = e.kind === 'final' ? e.message.messageGuid : e.messageGuid;
    const line = `${guid}: ${e.kind} — ${eventText(e)}`;
    if (e.kind !== 'unsigned') this.log.info(line);
    else {
      this.log.warn(line);
      // Once a stand per session: the progress line alone flashes by.
      if (!this.toldUnsigned.has(e.stand)) {
        this.toldUnsigned.add(e.stand);
        void vscode.window.showWarningMessage(eventText(e));
      }
    }
    this.events.fire(e);
  }
}
