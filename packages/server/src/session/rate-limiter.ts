/**
 * Fixed one-minute windows per client id (all its sessions together). Off unless the operator
 * sets a limit (protocol §6, decided for this project): a command over the limit gets an error
 * reply, never a silent drop.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { startMs: number; count: number }>();
  static readonly windowMs = 60_000;

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one command for `key`; false when that would exceed the limit. */
  take(key: string): boolean {
    const now = this.now();
    const window = this.#windows.get(key);
    if (!window || now - window.startMs >= RateLimiter.windowMs) {
      this.#windows.set(key, { startMs: now, count: 1 });
      return true;
    }
    if (window.count >= this.limitPerMinute) return false;
    window.count += 1;
    return true;
  }

  /** Forgets windows that ended, so idle clients cost nothing. */
  prune(): void {
    const now = this.now();
    for (const [key, window] of this.#windows) {
      if (now - window.startMs >= RateLimiter.windowMs) this.#windows.delete(key);
    }
  }
}
