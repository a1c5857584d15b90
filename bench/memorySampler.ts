import * as fs from 'node:fs';

/**
 * Resident memory of another process (all its threads: Node worker threads share the process),
 * read from /proc/<pid>/status: VmRSS sampled on a timer, and VmHWM, the kernel's own peak.
 */
export interface MemoryStatus {
  rssBytes: number;
  hwmBytes: number;
}

export function readMemory(pid: number): MemoryStatus | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
}

export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  /** Highest VmRSS seen since the last mark(). */
  private windowPeak = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 10,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Takes a sample now, so a phase's start and end are never missed. */
  sample(): MemoryStatus | undefined {
    const m = readMemory(this.pid);
    if (m && Number.isFinite(m.rssBytes)) {
      this.samples++;
      this.windowPeak = Math.max(this.windowPeak, m.rssBytes);
    }
    return m;
  }

  /** The peak sampled VmRSS since the previous mark, and starts a new window. */
  mark(): number {
    this.sample();
    const peak = this.windowPeak;
    this.windowPeak = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
