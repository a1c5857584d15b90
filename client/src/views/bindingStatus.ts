import * as vscode from 'vscode';
import type { DocumentStatus } from '../../../server/src/protocol';

/**
 * The status bar item for the active document: the operation it was bound to and the format
 * version that validated it; clicking it tells which package and schema file that was.
 */
export class BindingStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gisZhkh.binding', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly warnedMissing = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = vscode.l10n.t('GIS ZhKKh: document binding');
    this.item.command = 'gisZhkh.showBinding';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.statuses.delete(d.uri.toString())),
    );
  }

  update(status: DocumentStatus): void {
    this.statuses.set(status.uri, status);
    if (status.missingPackage && !this.warnedMissing.has(status.missingPackage)) {
      this.warnedMissing.add(status.missingPackage);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Format package {0} is not installed; documents are validated with {1}.', status.missingPackage, status.binding?.packageLabel ?? '—'),
      );
    }
    this.render();
  }

  /** The status of the active editor's document, if it is GIS XML. */
  active(): DocumentStatus | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return uri ? this.statuses.get(uri) : undefined;
  }

  private render(): void {
    const s = this.active();
    if (!s || (!s.binding && s.verdict !== 'failed')) {
      this.item.hide();
      return;
    }
    const b = s.binding;
    const icon = s.verdict === 'valid' ? '$(pass)' : s.verdict === 'failed' ? '$(warning)' : '$(error)';
    const what = b?.operation ?? b?.element ?? vscode.l10n.t('GIS XML');
    this.item.text = `${icon} ${what}${b ? ` · ${b.packageVersion}` : ''}`;
    const tip = new vscode.MarkdownString();
    if (b) {
      tip.appendMarkdown(`**${vscode.l10n.t('GIS ZhKKh')}** — ${escapeMd(what)}${b.service ? ` (${escapeMd(b.service)})` : ''}\n\n`);
      tip.appendMarkdown(`${vscode.l10n.t('Format package')}: ${escapeMd(b.packageLabel)}\n\n`);
      tip.appendMarkdown(`${vscode.l10n.t('Schema')}: \`${escapeMd(b.schemaFile)}\`\n\n`);
      if (b.requestVersion) tip.appendMarkdown(`base:version: ${escapeMd(b.requestVersion)}\n\n`);
    }
    tip.appendMarkdown(vscode.l10n.t('Errors: {0}, warnings: {1}', s.errors, s.warnings));
    this.item.tooltip = tip;
    this.item.backgroundColor = s.verdict === 'valid' ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|]/g, '\\$&');
}
