import type { SchemaPackage } from '../catalog/schemaPackage';
import type { ValidationOptions } from './documentValidator';
import { JobOutcome, ValidationThread } from './validationThread';

/**
 * When each open document is validated: after a pause in typing, only its newest version, and
 * on a thread chosen by size — large documents on their own thread, so a 50 MB file being
 * checked never holds up the small file the user is editing.
 */
export interface SchedulerOptions {
  small: ValidationThread;
  large: ValidationThread;
  /** Texts longer than this (UTF-16 units) go to the large-document thread. */
  largeThreshold: number;
}

export interface ValidationRun {
  text(): string;
  /** A cheap look at the text when its turn comes; false skips the check (not a document to check). */
  wanted(text: string): boolean;
  pkg: SchemaPackage;
  options: ValidationOptions;
  delayMs: number;
}

/** What became of a scheduled check: a thread's outcome, or 'skipped' when the text was not wanted. */
export type ScheduledOutcome = JobOutcome | { status: 'skipped' };

/** `large`: the document went to the large-document thread. */
type Listener = (uri: string, version: number, outcome: ScheduledOutcome, large: boolean) => void;

interface DocState {
  timer?: NodeJS.Timeout;
  cancel?: () => void;
  version: number;
}

export class ValidationScheduler {
  private readonly docs = new Map<string, DocState>();

  constructor(
    private readonly options: SchedulerOptions,
    private readonly listener: Listener,
  ) {}

  schedule(uri: string, version: number, run: ValidationRun): void {
    const state = this.docs.get(uri) ?? { version };
    this.docs.set(uri, state);
    clearTimeout(state.timer);
    // A newer edit makes the running check pointless: stop it now.
    state.cancel?.();
    state.cancel = undefined;
    state.version = version;
    state.timer = setTimeout(() => this.start(uri, version, run), run.delayMs);
  }

  forget(uri: string): void {
    const state = this.docs.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.cancel?.();
    this.docs.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.forget(uri);
    this.options.small.dispose();
    this.options.large.dispose();
  }

  private start(uri: string, version: number, run: ValidationRun): void {
    const state = this.docs.get(uri);
    if (!state || state.version !== version) return;
    state.timer = undefined;
    const text = run.text();
    if (!run.wanted(text)) {
      this.listener(uri, version, { status: 'skipped' }, false);
      return;
    }
    const large = text.length > this.options.largeThreshold;
    const thread = large ? this.options.large : this.options.small;
    const job = thread.run(text, run.pkg, run.options);
    state.cancel = job.cancel;
    void job.outcome.then((outcome) => {
      const now = this.docs.get(uri);
      if (now !== state || state.version !== version) return;
      state.cancel = undefined;
      if (outcome.status !== 'cancelled') this.listener(uri, version, outcome, large);
    });
  }
}
