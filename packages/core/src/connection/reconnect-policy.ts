import pRetry, { AbortError } from 'p-retry';
import { isRealtimeError } from '../errors/realtime-error';

export interface ReconnectOptions {
  /** Upper bound of the first delay; each later bound doubles. Unit: ms. @default 1000 */
  baseDelayMs?: number;
  /** Cap on any single delay. Unit: ms. @default 30000 */
  maxDelayMs?: number;
  /** Attempts after the first failure before giving up; `Infinity` retries until `close()`. @default Infinity */
  maxRetries?: number;
  /** Random source in [0, 1), injectable for tests. @default Math.random */
  random?: () => number;
}

export interface RetryHooks {
  /** A retry is scheduled `delayMs` from now after `error` ended attempt number `attempt`. */
  retryScheduled(delayMs: number, error: Error, attempt: number): void;
  /** Aborting rejects the run with the signal's reason. */
  signal: AbortSignal;
}

/**
 * Reconnect delays: exponential backoff with full jitter, capped
 * (delay = random × min(maxDelayMs, baseDelayMs × 2^n)). p-retry drives the attempts, counts retries
 * and stops on `AbortError` (fatal causes) or on the abort signal (`close()`). p-retry's own
 * "randomize" multiplies by 1–2, which is not full jitter, so the wait is done here in
 * `onFailedAttempt` and p-retry's own delay is zero.
 */
export class ReconnectPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetries: number;
  #random: () => number;
  #cutWaitShort: (() => void) | undefined;

  constructor(options: ReconnectOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? Infinity;
    this.#random = options.random ?? Math.random;
  }

  /** Delay before retry number `retryIndex` (0 for the first retry). */
  nextRetryDelayMs(retryIndex: number): number {
    const ceilingMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(retryIndex, 30));
    return Math.floor(this.#random() * ceilingMs);
  }

  /** Ends the current wait now (an `online` or visibility signal). Returns true if a wait was cut. */
  retryNow(): boolean {
    const cut = this.#cutWaitShort;
    if (!cut) return false;
    this.#cutWaitShort = undefined;
    cut();
    return true;
  }

  /**
   * Runs `attempt` until it resolves. Errors that are `RealtimeError`s with `retryable === false`
   * are fatal and stop the run at once. `firstDelayMs` waits before the first attempt (after a drop).
   */
  async run<T>(attempt: (attemptNumber: number) => Promise<T>, hooks: RetryHooks, firstDelayMs = 0): Promise<T> {
    if (firstDelayMs > 0) await this.wait(firstDelayMs, hooks.signal);
    return pRetry(
      async (attemptNumber) => {
        try {
          return await attempt(attemptNumber);
        } catch (error) {
          if (isRealtimeError(error) && !error.retryable) throw new AbortError(error);
          throw error;
        }
      },
      {
        retries: this.maxRetries,
        minTimeout: 0,
        factor: 1,
        signal: hooks.signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0) return;
          const delayMs = this.nextRetryDelayMs(attemptNumber - 1);
          hooks.retryScheduled(delayMs, error, attemptNumber);
          await this.wait(delayMs, hooks.signal);
        },
      },
    );
  }

  /** Sleeps `delayMs`, unless `retryNow()` cuts it short or the signal aborts. */
  wait(delayMs: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.#cutWaitShort === finish) this.#cutWaitShort = undefined;
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        this.#cutWaitShort = undefined;
        reject(signal.reason);
      };
      const timer = setTimeout(finish, delayMs);
      this.#cutWaitShort = finish;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
