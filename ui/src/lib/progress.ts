// The rate and the time left of a running import, smoothed over the last few seconds so the
// numbers on screen do not jump with every progress message (about ten a second).
import type { Message } from "./types";

export interface ProgressSample {
  /** Milliseconds, from any monotonic clock. */
  at: number;
  records: number;
  bytes: number;
}

export class RateMeter {
  #samples: ProgressSample[] = [];

  /**
   * @param windowMs how far back the rate looks
   * @param minSpanMs how much time must be covered before a rate is given at all
   */
  constructor(
    readonly windowMs = 5000,
    readonly minSpanMs = 1000,
  ) {}

  reset(): void {
    this.#samples = [];
  }

  add(sample: ProgressSample): void {
    const last = this.#samples.at(-1);
    // A clock going back or counts going down (a new import) starts afresh.
    if (last && (sample.at < last.at || sample.records < last.records || sample.bytes < last.bytes)) this.reset();
    this.#samples.push(sample);
    // Keep one sample at or before the window's start, so the window is always covered.
    const start = sample.at - this.windowMs;
    while (this.#samples.length > 2 && this.#samples[1].at <= start) this.#samples.shift();
  }

  #span(): [ProgressSample, ProgressSample, number] | null {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last) return null;
    const ms = last.at - first.at;
    return ms >= this.minSpanMs ? [first, last, ms] : null;
  }

  /** Records a second over the window; null until enough time has passed. */
  get recordsPerSecond(): number | null {
    const span = this.#span();
    return span ? ((span[1].records - span[0].records) * 1000) / span[2] : null;
  }

  get bytesPerSecond(): number | null {
    const span = this.#span();
    return span ? ((span[1].bytes - span[0].bytes) * 1000) / span[2] : null;
  }

  /** Seconds until `totalBytes` are read at the current rate; null when unknown. */
  secondsLeft(totalBytes: number): number | null {
    const last = this.#samples.at(-1);
    const rate = this.bytesPerSecond;
    if (!last || rate === null || rate <= 0 || totalBytes <= 0) return null;
    return Math.max(0, (totalBytes - last.bytes) / rate);
  }
}

/** The fraction done, 0…1 (0 while the total is not known). */
export function fraction(bytes: number, totalBytes: number): number {
  if (!(totalBytes > 0) || !(bytes > 0)) return 0;
  return Math.min(1, bytes / totalBytes);
}

/**
 * The time left as a message with a plural count: seconds under a minute (by fives above
 * ten, so it does not flicker), then minutes, then hours; null while unknown.
 */
export function etaMessage(seconds: number | null): Message | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const secs = seconds <= 10 ? Math.max(1, Math.ceil(seconds)) : Math.ceil(seconds / 5) * 5;
  if (secs < 60) return { code: "import-eta-seconds", args: { count: secs } };
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return { code: "import-eta-minutes", args: { count: minutes } };
  return { code: "import-eta-hours", args: { count: Math.max(1, Math.round(seconds / 3600)) } };
}

/** Records a second as a whole number: the backend formats it in the UI language. */
export function rateMessage(recordsPerSecond: number | null): Message | null {
  if (recordsPerSecond === null || !Number.isFinite(recordsPerSecond)) return null;
  return { code: "import-rate", args: { rate: Math.round(recordsPerSecond) } };
}
