import * as os from 'node:os';
import * as vscode from 'vscode';
import { FaultPlan, FaultSpecError, parseFaultSpec } from '../../../server/src/sandbox/faultPlan';
import { SigningProfile, parseProfile } from '../../../server/src/signature/keys/profile';
import { errorMessage, uiLang } from '../commands/signDocument';
import { MergedStands, issueText, mergeStands, retentionFromSettings } from './standSettings';

/**
 * The exchange's settings as the host reads them. Relative paths in stand and signing profiles
 * are resolved against the first workspace folder (the home folder without one): the exchange
 * is one per window, not per document.
 */
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('gisZhkh');

function baseDir(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/** Problems already shown, so a settings change does not repeat the ones the user has seen. */
const shown = new Set<string>();

function warnOnce(text: string): void {
  if (shown.has(text)) return;
  shown.add(text);
  const open = vscode.l10n.t('Open settings');
  void vscode.window.showWarningMessage(text, open).then((c) => {
    if (c === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'gisZhkh.stands');
  });
}

/** `gisZhkh.stands` merged over the built-ins; broken entries are reported once and dropped. */
export function readStands(): MergedStands {
  const merged = mergeStands(config().get<unknown>('stands'), { baseDir: baseDir() });
  for (const issue of merged.issues) warnOnce(issueText(issue, uiLang()));
  return merged;
}

/** `gisZhkh.signing.profiles`; a broken profile is reported by «Подписать документ» too. */
export function readSigningProfiles(): SigningProfile[] {
  const out: SigningProfile[] = [];
  for (const p of config().get<unknown[]>('signing.profiles') ?? []) {
    try {
      out.push(parseProfile(p, baseDir()));
    } catch (e) {
      warnOnce(errorMessage(e));
    }
  }
  return out;
}

export function validateBeforeSend(): boolean {
  return config().get<boolean>('exchange.validateBeforeSend') !== false;
}

export function retention(): { doneDays?: number; otherFinalDays?: number } {
  return retentionFromSettings({ doneDays: config().get('journal.retention.doneDays'), otherFinalDays: config().get('journal.retention.otherFinalDays') });
}

export function sandboxPort(): number {
  const p = config().get<number>('sandbox.port');
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65535 ? p : 8089;
}

/** `gisZhkh.sandbox.faults` in the CLI's `--faults` form; undefined for none, an error text if unreadable. */
export function sandboxFaults(): { plan?: FaultPlan; spec?: string; error?: string } {
  const spec = (config().get<string>('sandbox.faults') ?? '').trim();
  if (!spec) return {};
  try {
    return { plan: parseFaultSpec(spec), spec };
  } catch (e) {
    return { error: e instanceof FaultSpecError ? vscode.l10n.t('Cannot read the fault setting at «{0}».', e.message) : String(e) };
  }
}

/** Settings whose change needs the exchange opened anew (its stands, signers and language are fixed at open). */
export function affectsExchange(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('gisZhkh.stands') || e.affectsConfiguration('gisZhkh.signing') || e.affectsConfiguration('gisZhkh.formats.defaultVersion') || e.affectsConfiguration('gisZhkh.messages.language');
}

export function affectsRetention(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('gisZhkh.journal.retention');
}

export function affectsSandbox(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('gisZhkh.sandbox');
}
