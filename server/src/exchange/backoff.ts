/** Delays that grow by a factor up to a ceiling, with ±10 % jitter so hundreds of messages do not poll in step. */
export class Backoff {
  private current: number;

  constructor(
    private readonly first: number,
    private readonly factor: number,
    private readonly ceiling: number,
    private readonly random: () => number = Math.random,
  ) {
    this.current = first;
  }

  next(): number {
    const base = this.current;
    this.current = Math.min(this.ceiling, Math.max(this.first, this.current * this.factor));
    return Math.round(base * (0.9 + 0.2 * this.random()));
  }
}

/** setTimeout as a promise that an AbortSignal cuts short (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
