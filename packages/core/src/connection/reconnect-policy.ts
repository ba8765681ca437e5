import pRetry, { AbortError } from 'p-retry';
import type { RealtimeError } from '../errors/realtime-error';

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

/**
 * Reconnect delays: exponential backoff with full jitter, capped
 * (delay = random × min(maxDelayMs, baseDelayMs × 2^n)). p-retry drives the attempts, counts retries
 * and stops on `AbortError` (fatal causes) or on the abort signal (`close()`). p-retry's own
 * "randomize" multiplies by 1–2, which is not full jitter, so the wait is done here in
 * `onFailedAttempt` and p-retry's own delay is zero.
 */
export class ReconnectPolicy {
  #options: ReconnectOptions;
  /** Ends the current wait; set while one runs. */
  #endWait: (() => void) | undefined;

  constructor(options: ReconnectOptions = {}) {
    this.#options = options;
  }

  /** Delay before retry number `retryIndex` (0 for the first retry). */
  nextRetryDelayMs(retryIndex: number): number {
    const { baseDelayMs = 1000, maxDelayMs = 30_000, random = Math.random } = this.#options;
    return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(retryIndex, 30)));
  }

  /**
   * Ends the current wait now (an `online` or visibility signal; `close()` too, after aborting, so
   * that no timer is left behind). Returns true if a wait was cut.
   */
  retryNow(): boolean {
    const endWait = this.#endWait;
    endWait?.();
    return !!endWait;
  }

  /**
   * Runs `attempt` until it resolves. Errors with `retryable === false` are fatal and stop the run
   * at once. `firstDelayMs` waits before the first attempt (after a drop). `retryScheduled` hears of
   * each retry: its delay, the error that ended attempt number `attempt`.
   */
  async run<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    signal: AbortSignal,
    retryScheduled: (delayMs: number, error: RealtimeError, attempt: number) => void,
    firstDelayMs = 0,
  ): Promise<T> {
    if (firstDelayMs > 0) await this.#wait(firstDelayMs, signal);
    return pRetry(
      (attemptNumber) => attempt(attemptNumber).catch((error: RealtimeError) => {
        throw error.retryable ? error : new AbortError(error);
      }),
      {
        retries: this.#options.maxRetries ?? Infinity,
        minTimeout: 0,
        signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          // Out of retries, or closed while this attempt was failing: p-retry stops right after.
          if (retriesLeft <= 0 || signal.aborted) return;
          const delayMs = this.nextRetryDelayMs(attemptNumber - 1);
          retryScheduled(delayMs, error as RealtimeError, attemptNumber);
          await this.#wait(delayMs, signal);
        },
      },
    );
  }

  /** Sleeps `delayMs`, unless `retryNow()` cuts it short. After an abort it returns at once: p-retry then stops. */
  #wait(delayMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(() => this.retryNow(), delayMs);
      this.#endWait = () => {
        clearTimeout(timer);
        this.#endWait = undefined;
        resolve();
      };
    });
  }
}
