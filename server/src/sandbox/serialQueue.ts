/**
 * One task at a time, in arrival order. The stand is one process: every change of its database
 * and the file write that makes it durable run here, so a resend never overtakes the write of
 * the message it repeats, and two processings never interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one whether it succeeds or not.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task queued so far has ended. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
