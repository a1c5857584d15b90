import { Worker } from 'node:worker_threads';
import type { SchemaPackage } from '../catalog/schemaPackage';
import type { ValidationOptions, ValidationReport } from './documentValidator';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * One validation worker thread with a queue in front of it. Jobs are handed over one at a time,
 * so a queued job can be dropped, and a long running one is stopped by ending the thread (its
 * compiled schemas are rebuilt on demand, in tens of milliseconds). The WebAssembly heap only
 * grows, so a thread whose heap passed the limit is ended after its job and started afresh.
 */
export type JobOutcome =
  | { status: 'done'; report: ValidationReport; ms: number }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

export interface ThreadOptions {
  script: string;
  /** End the thread after a job once its WebAssembly heap is larger than this. */
  recycleHeapBytes: number;
  /** End the thread when it has had nothing to do for this long (undefined: keep it). */
  idleMs?: number;
  /** A running job is stopped by ending the thread only after it has run this long. */
  hardCancelAfterMs: number;
}

interface Job {
  id: number;
  message: Extract<ToWorker, { type: 'validate' }>;
  resolve: (o: JobOutcome) => void;
  cancelled: boolean;
  startedAt?: number;
}

export class ValidationThread {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  private recycleAfterJob = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: ThreadOptions) {}

  run(text: string, pkg: SchemaPackage, options: ValidationOptions): { outcome: Promise<JobOutcome>; cancel(): void } {
    let job!: Job;
    const outcome = new Promise<JobOutcome>((resolve) => {
      const id = this.nextId++;
      job = { id, message: { type: 'validate', id, utf8: new TextEncoder().encode(text), pkg, options }, resolve, cancelled: false };
    });
    if (this.disposed) job.resolve({ status: 'cancelled' });
    else {
      this.queue.push(job);
      this.pump();
    }
    return { outcome, cancel: () => this.cancel(job) };
  }

  evict(packageKeys: string[]): void {
    this.post({ type: 'evict', packageKeys });
  }

  /** Whether a job is being validated right now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) j.resolve({ status: 'cancelled' });
    if (this.running) this.running.resolve({ status: 'cancelled' });
    this.running = undefined;
    this.stopWorker();
  }

  private cancel(job: Job): void {
    if (job.cancelled) return;
    job.cancelled = true;
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      job.resolve({ status: 'cancelled' });
      return;
    }
    if (this.running === job && job.startedAt !== undefined && performance.now() - job.startedAt >= this.options.hardCancelAfterMs) {
      this.running = undefined;
      this.stopWorker();
      job.resolve({ status: 'cancelled' });
      this.pump();
    }
    // Otherwise it finishes soon; its result is dropped on arrival.
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    clearTimeout(this.idleTimer);
    const job = this.queue.shift();
    if (!job) {
      this.armIdleTimer();
      return;
    }
    this.running = job;
    job.startedAt = performance.now();
    this.post(job.message, true, [job.message.utf8.buffer as ArrayBuffer]);
  }

  private post(message: ToWorker, start = false, transfer: ArrayBuffer[] = []): void {
    if (!this.worker && !start) return; // nothing to evict in a thread that does not exist
    this.ensureWorker().postMessage(message, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.options.script);
    w.on('message', (m: FromWorker) => this.onMessage(w, m));
    w.on('error', (e) => this.onExit(w, `validation worker error: ${e.message}`));
    w.on('exit', (code) => this.onExit(w, `validation worker exited (code ${code})`));
    this.worker = w;
    return w;
  }

  private onMessage(w: Worker, m: FromWorker): void {
    if (w !== this.worker) return;
    const job = this.running;
    if (!job || job.id !== m.id) return;
    this.running = undefined;
    if (m.type === 'result' && m.heapBytes > this.options.recycleHeapBytes) this.recycleAfterJob = true;
    if (job.cancelled) job.resolve({ status: 'cancelled' });
    else if (m.type === 'result') job.resolve({ status: 'done', report: m.report, ms: performance.now() - (job.startedAt ?? 0) });
    else job.resolve({ status: 'failed', message: m.message });
    if (this.recycleAfterJob) {
      this.recycleAfterJob = false;
      this.stopWorker();
    }
    this.pump();
  }

  private onExit(w: Worker, reason: string): void {
    if (w !== this.worker) return;
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    if (job) job.resolve(job.cancelled ? { status: 'cancelled' } : { status: 'failed', message: reason });
    this.pump();
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private armIdleTimer(): void {
    if (this.options.idleMs === undefined || !this.worker) return;
    this.idleTimer = setTimeout(() => {
      if (!this.running && this.queue.length === 0) this.stopWorker();
    }, this.options.idleMs);
    this.idleTimer.unref();
  }
}
