import * as vscode from 'vscode';
import { JournalMessage, MESSAGE_STATES, MessageState, StateCount } from '../../../server/src/journal';
import type { ExchangeHost } from '../exchange/exchangeHost';
import { exchangeErrorText, itemsText, stateLabel, timeText } from '../exchange/exchangeText';
import { standLabel } from '../exchange/standSettings';

/**
 * «Журнал обмена»: stand → state (with counts) → the newest messages of the group. Counts come
 * from one grouped query and a group's messages are read only when it is opened, a page at a
 * time, so a journal of 100 000 messages shows at once. Refreshed (debounced) on every step of
 * the exchange; clicking a message opens its request and answer side by side.
 */
export const PAGE = 200;

interface StandNode {
  readonly kind: 'stand';
  readonly stand: string;
  readonly count: number;
}
interface StateNode {
  readonly kind: 'state';
  readonly stand: string;
  readonly state: MessageState;
  readonly count: number;
}
export interface MessageNode {
  readonly kind: 'message';
  readonly message: JournalMessage;
}
interface MoreNode {
  readonly kind: 'more';
  readonly stand: string;
  readonly state: MessageState;
  readonly hidden: number;
}
type Node = StandNode | StateNode | MessageNode | MoreNode;

function icon(state: MessageState, m?: JournalMessage): vscode.ThemeIcon {
  switch (state) {
    case 'done':
      return (m?.itemsFailed ?? 0) > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
    case 'rejected':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'abandoned':
      return new vscode.ThemeIcon('circle-slash');
    case 'sending':
      return new vscode.ThemeIcon('cloud-upload');
    case 'acknowledged':
    case 'processing':
      return new vscode.ThemeIcon('sync');
    case 'signed':
      return new vscode.ThemeIcon('workspace-trusted');
    case 'draft':
      return new vscode.ThemeIcon('edit');
  }
}

/** Flags the context menus test: `viewItem =~ /retryable/`. */
function contextOf(m: JournalMessage): string {
  const flags = ['gisZhkh.message', m.state];
  if (m.state === 'acknowledged' || m.state === 'processing') flags.push('pollable');
  if (m.state !== 'done') flags.push('retryable');
  return flags.join(' ');
}

function tooltip(m: JournalMessage): vscode.MarkdownString {
  const t = new vscode.MarkdownString();
  t.appendMarkdown(`**${m.operation}** (${m.service}) — ${stateLabel(m.state)}\n\n`);
  t.appendMarkdown(`${vscode.l10n.t('Our MessageGUID')}: \`${m.messageGuid}\`  \n`);
  t.appendMarkdown(`${vscode.l10n.t('GIS MessageGUID')}: \`${m.gisMessageGuid ?? '—'}\`  \n`);
  t.appendMarkdown(`${vscode.l10n.t('Created')}: ${timeText(m.createdAt)}  \n`);
  if (m.sentAt) t.appendMarkdown(`${vscode.l10n.t('Sent')}: ${timeText(m.sentAt)} (${vscode.l10n.t('attempts: {0}', m.attempts)})  \n`);
  if (m.acknowledgedAt) t.appendMarkdown(`${vscode.l10n.t('Acknowledged')}: ${timeText(m.acknowledgedAt)}  \n`);
  if (m.answeredAt) t.appendMarkdown(`${vscode.l10n.t('Answered')}: ${timeText(m.answeredAt)} (${vscode.l10n.t('polls: {0}', m.polls)})  \n`);
  const items = itemsText(m);
  if (items) t.appendMarkdown(`${vscode.l10n.t('Items')}: ${items}  \n`);
  if (m.errorCode || m.errorText) {
    t.appendMarkdown('\n');
    t.appendText(`${m.errorCode ?? ''} ${m.errorText ?? ''}`.trim());
  }
  return t;
}

export class JournalTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: ExchangeHost) {
    this.view = vscode.window.createTreeView('gisZhkh.journal', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      host.onEvent(() => this.schedule()),
      host.onDidChangeJournal(() => this.schedule()),
    );
  }

  /** Many events a second (hundreds of messages in flight) make one refresh. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, 250);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    let opened;
    try {
      opened = await this.host.journal();
    } catch (e) {
      this.view.message = vscode.l10n.t('Cannot open the exchange journal: {0}', exchangeErrorText(e));
      return [];
    }
    const journal = opened.journal;
    if (!node) {
      this.view.message = opened.exchange ? undefined : vscode.l10n.t('Read-only: the journal is open for writing in another VS Code window (process {0}).', opened.holderPid ?? '?');
      return this.stands(journal.stateCounts());
    }
    if (node.kind === 'stand') {
      return journal
        .stateCounts()
        .filter((c) => c.stand === node.stand)
        .sort((a, b) => MESSAGE_STATES.indexOf(a.state) - MESSAGE_STATES.indexOf(b.state))
        .map((c) => ({ kind: 'state', stand: c.stand, state: c.state, count: c.count }));
    }
    if (node.kind === 'state') {
      const messages = journal.list({ stand: node.stand, states: [node.state] }, { limit: PAGE });
      const out: Node[] = messages.map((message) => ({ kind: 'message', message }));
      const total = journal.count({ stand: node.stand, states: [node.state] });
      if (total > messages.length) out.push({ kind: 'more', stand: node.stand, state: node.state, hidden: total - messages.length });
      return out;
    }
    return [];
  }

  /** Stands in the order of the settings (built-ins first), then ones the settings no longer name. */
  private stands(counts: StateCount[]): Node[] {
    const totals = new Map<string, number>();
    for (const c of counts) totals.set(c.stand, (totals.get(c.stand) ?? 0) + c.count);
    const order = this.host.stands().map((s) => s.name);
    const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
    return [...totals]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([stand, count]) => ({ kind: 'stand', stand, count }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'stand': {
        const profile = this.host.stand(node.stand);
        const item = new vscode.TreeItem(profile ? standLabel(profile) : node.stand, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `stand:${node.stand}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(node.stand === 'sandbox' ? 'beaker' : 'server-environment');
        item.tooltip = profile ? `${profile.baseUrl}${profile.transport === 'tunnel' ? ` ← ${profile.tunnelUrl}` : ''}` : node.stand;
        item.contextValue = 'gisZhkh.stand';
        return item;
      }
      case 'state': {
        // Open at first (a page of the newest at most); VS Code keeps what the user collapses, by id.
        const item = new vscode.TreeItem(stateLabel(node.state), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `state:${node.stand}:${node.state}`;
        item.description = String(node.count);
        item.iconPath = icon(node.state);
        item.contextValue = 'gisZhkh.state';
        return item;
      }
      case 'message': {
        const m = node.message;
        const item = new vscode.TreeItem(m.operation, vscode.TreeItemCollapsibleState.None);
        item.id = `message:${m.messageGuid}`;
        // A done message keeps the code of an earlier failed attempt; only its item errors matter then.
        const code = m.state !== 'done' || (m.itemsFailed ?? 0) > 0 ? (m.errorCode ?? '') : '';
        item.description = [timeText(m.createdAt), itemsText(m), code].filter(Boolean).join(' · ');
        item.tooltip = tooltip(m);
        item.iconPath = icon(m.state, m);
        item.contextValue = contextOf(m);
        item.command = { command: 'gisZhkh.openPair', title: vscode.l10n.t('Open request/answer pair'), arguments: [node] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('… {0} older (the newest {1} are shown)', node.hidden, PAGE), vscode.TreeItemCollapsibleState.None);
        item.id = `more:${node.stand}:${node.state}`;
        item.tooltip = vscode.l10n.t('The full journal with search comes in a later version; the CLI lists everything: gis-zhkh journal list');
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
