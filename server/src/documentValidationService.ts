import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mayBeGisDocument } from './catalog/gisCandidate';
import { PackageRegistry } from './catalog/packageRegistry';
import type { SchemaPackage } from './catalog/schemaPackage';
import { DOCUMENT_STATUS, DocumentStatus, PackageListItem } from './protocol';
import { DEFAULT_SETTINGS, ServerSettings, messageLanguage, normalizeSettings, packagePreference } from './serverSettings';
import type { GisDiagnostic } from './validation/diagnostic';
import type { Lang } from './validation/messages';
import { ScheduledOutcome, ValidationScheduler } from './validation/validationScheduler';
import { ValidationThread } from './validation/validationThread';

/**
 * Keeps every open document's diagnostics current: settings per document, the package to use,
 * scheduling on worker threads, and publishing diagnostics and the document's status.
 */
export interface ServiceOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  registry: PackageRegistry;
  workerScript: string;
  locale: string | undefined;
  configurationCapable: boolean;
}

const SOURCE = 'ГИС ЖКХ';
const SEVERITY: Record<GisDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class DocumentValidationService {
  private readonly scheduler: ValidationScheduler;
  private readonly small: ValidationThread;
  private readonly large: ValidationThread;
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private readonly runInfo = new Map<string, { missing?: string; lang: Lang }>();

  constructor(private readonly o: ServiceOptions) {
    const thread = (idleMs?: number): ValidationThread =>
      new ValidationThread({ script: o.workerScript, recycleHeapBytes: 768 * 1024 * 1024, idleMs, hardCancelAfterMs: 250 });
    this.small = thread();
    // The large-document thread holds a WebAssembly heap sized for the largest document it saw;
    // it ends after a quiet spell, so a finished 50 MB check does not keep that memory.
    this.large = thread(20_000);
    this.scheduler = new ValidationScheduler({ small: this.small, large: this.large, largeThreshold: 2_000_000 }, (uri, version, outcome, large) => {
      this.publish(uri, version, outcome);
      if (large) releaseTextCopies();
    });
  }

  async schedule(doc: TextDocument): Promise<void> {
    const settings = await this.settings(doc.uri);
    const current = this.o.documents.get(doc.uri);
    if (!current || current.version !== doc.version) return;
    if (!settings.validation.enabled) {
      this.scheduler.forget(doc.uri);
      void this.o.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const { pkg, missing } = this.o.registry.select(packagePreference(settings));
    if (!pkg) return;
    const lang = this.lang(settings);
    this.runInfo.set(doc.uri, { missing, lang });
    this.scheduler.schedule(doc.uri, doc.version, {
      text: () => this.o.documents.get(doc.uri)?.getText() ?? '',
      // Not GIS XML: nothing to say, and no reason to copy it to a validation thread.
      wanted: mayBeGisDocument,
      pkg,
      options: { lang, maxProblems: settings.validation.maxProblems, rules: settings.rules },
      delayMs: settings.validation.delay,
    });
  }

  close(uri: string): void {
    this.scheduler.forget(uri);
    this.runInfo.delete(uri);
    this.settingsCache.delete(uri);
    void this.o.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings changed: forget cached settings and revalidate everything open. */
  settingsChanged(): void {
    this.settingsCache.clear();
    this.revalidateAll();
  }

  /** The package store changed: re-read it, drop what workers hold of changed packages, revalidate. */
  packagesChanged(): void {
    const changed = this.o.registry.refresh();
    if (changed.length > 0) {
      this.small.evict(changed);
      this.large.evict(changed);
    }
    this.revalidateAll();
  }

  /** The package and message language a document is checked with (editor features use the same). */
  async packageFor(uri: string): Promise<{ pkg: SchemaPackage | undefined; lang: Lang; nsiStand: string }> {
    const settings = await this.settings(uri);
    return { pkg: this.o.registry.select(packagePreference(settings)).pkg, lang: this.lang(settings), nsiStand: settings.nsi.stand };
  }

  async listPackages(uri: string | undefined): Promise<PackageListItem[]> {
    const settings = uri ? await this.settings(uri) : DEFAULT_SETTINGS;
    const selected = this.o.registry.select(packagePreference(settings)).pkg;
    return this.o.registry.list().map((p) => ({ key: p.key, version: p.version, origin: p.origin, root: p.root, selected: p.key === selected?.key }));
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private revalidateAll(): void {
    for (const doc of this.o.documents.all()) void this.schedule(doc);
  }

  private lang(settings: ServerSettings): Lang {
    return messageLanguage(settings.messages.language, this.o.locale);
  }

  private settings(uri: string): Promise<ServerSettings> {
    if (!this.o.configurationCapable) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.o.connection.workspace.getConfiguration({ scopeUri: uri, section: 'gisZhkh' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  private publish(uri: string, version: number, outcome: ScheduledOutcome): void {
    const doc = this.o.documents.get(uri);
    if (!doc || doc.version !== version) return;
    const info = this.runInfo.get(uri);
    const ru = info?.lang !== 'en';
    const status: DocumentStatus = { uri, version, verdict: 'failed', errors: 0, warnings: 0, missingPackage: info?.missing };
    let diagnostics: Diagnostic[] = [];
    if (outcome.status === 'skipped') {
      status.verdict = 'unbound';
    } else if (outcome.status === 'done') {
      const r = outcome.report;
      diagnostics = r.diagnostics.map(toLsp);
      if (r.totalProblems > r.diagnostics.length && r.diagnostics.length > 0) diagnostics.push(truncationNotice(r.diagnostics.length, r.totalProblems, ru));
      Object.assign(status, {
        verdict: r.verdict,
        binding: r.binding,
        errors: r.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: r.diagnostics.filter((d) => d.severity === 'warning').length,
        ms: Math.round(outcome.ms),
      });
    } else if (outcome.status === 'failed') {
      status.failure = outcome.message;
      this.o.connection.console.error(`validation of ${uri} failed: ${outcome.message}`);
      diagnostics = [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Warning,
          source: SOURCE,
          code: 'validation-failed',
          message: `${ru ? 'Документ не удалось проверить' : 'The document could not be checked'}: ${outcome.message.split('\n')[0]}`,
        },
      ];
    }
    void this.o.connection.sendDiagnostics({ uri, version, diagnostics });
    void this.o.connection.sendNotification(DOCUMENT_STATUS, status);
  }
}

/**
 * Each check of a large document leaves tens of megabytes of garbage here (the flattened text, its
 * UTF-8 encoding before the hand-over) that V8 would keep until its next full collection: several
 * edits of a 14 MB document passed 500 MB. A collection right after such a check keeps the server
 * near the size of the open texts. The client starts the server with --expose-gc; without it this
 * does nothing.
 */
function releaseTextCopies(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function toLsp(d: GisDiagnostic): Diagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: SOURCE, message: d.message, ...(d.data !== undefined ? { data: d.data } : {}) };
}

function truncationNotice(shown: number, total: number, ru: boolean): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'too-many-problems',
    message: ru
      ? `Показаны первые ${shown} из ${total} ошибок (настройка gisZhkh.validation.maxProblems)`
      : `The first ${shown} of ${total} problems are shown (setting gisZhkh.validation.maxProblems)`,
  };
}
