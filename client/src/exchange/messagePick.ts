import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JournalMessage, MessageState } from '../../../server/src/journal';
import type { ExchangeHost } from './exchangeHost';
import { stateLabel, timeText } from './exchangeText';

/**
 * Which message a command is about: the journal tree's item it was run on, the journal file open
 * in the editor, or the one the user picks from the newest messages.
 */
export interface MessageArg {
  readonly message: { readonly messageGuid: string };
}

function guidOfArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const m = (arg as Partial<MessageArg>).message ?? (arg as { messageGuid?: unknown });
    const g = (m as { messageGuid?: unknown }).messageGuid;
    if (typeof g === 'string') return g;
  }
  return undefined;
}

/** The message whose journal file is in the active editor (messages/<MessageGUID>/…). */
function guidOfEditor(journalDir: string): string | undefined {
  const file = vscode.window.activeTextEditor?.document.uri;
  if (file?.scheme !== 'file') return undefined;
  const rel = path.relative(path.join(journalDir, 'messages'), file.fsPath);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0];
  return /^[0-9a-f-]{36}$/i.test(first) ? first : undefined;
}

export async function resolveMessage(host: ExchangeHost, arg: unknown, title: string, states?: readonly MessageState[]): Promise<JournalMessage | undefined> {
  const { journal } = await host.journal();
  const guid = guidOfArg(arg) ?? guidOfEditor(host.journalDir);
  if (guid) {
    const m = journal.get(guid) ?? journal.findByGisGuid(guid);
    if (m) return m;
    void vscode.window.showWarningMessage(vscode.l10n.t('No message {0} in the journal.', guid));
    return undefined;
  }
  let list = journal.list(states ? { states } : {}, { limit: 200 });
  if (list.length === 0 && states) list = journal.list({}, { limit: 200 });
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The exchange journal has no messages yet.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.map((m) => ({
      label: m.operation,
      description: `${stateLabel(m.state)} · ${m.stand} · ${timeText(m.createdAt)}`,
      detail: m.errorCode ? `${m.messageGuid} · ${m.errorCode}` : m.messageGuid,
      message: m,
    })),
    { title, matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.message;
}
