import pRetry, { AbortError } from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { LeanCloudError } from './leancloud-error';

export type QueryValue = string | number | boolean | undefined;

export interface RetryNotice {
  url: string;
  /** HTTP status, or undefined for a network error or timeout. */
  status?: number;
  attempt: number;
  retriesLeft: number;
  error: Error;
}

export interface LeanCloudHttpClientOptions {
  /** The app's API host, e.g. `https://abcd1234.api.lncldglobal.com` (no path). */
  api: string;
  appId: string;
  masterKey: string;
  /**
   * Retries per request after the first attempt (429, 5xx, network errors, timeouts).
   * @default 8
   */
  retries?: number;
  /** First backoff delay, doubled per retry and randomized (jitter). @default 1000 */
  minRetryDelayMs?: number;
  /** Cap of the backoff delay. @default 60000 */
  maxRetryDelayMs?: number;
  /**
   * How long to wait after a 429 that has no `Retry-After` header: LeanCloud documents a block
   * of one minute. @default 60000
   */
  rateLimitWaitMs?: number;
  /** Abort one attempt after this long. @default 60000 */
  requestTimeoutMs?: number;
  /** Aborts every request and every wait. */
  signal?: AbortSignal;
  /** Called before each retry, for progress output. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A failed attempt that may succeed later; carries what the retry loop needs. */
class RetryableResponseError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly waitMs: number,
  ) {
    super(message);
  }
}

/**
 * Read-only client for the LeanCloud REST API with the master key. Only GET exists here on
 * purpose: the fetcher must never write to an app it is rescuing.
 */
export class LeanCloudHttpClient {
  readonly #base: URL;
  readonly #headers: Record<string, string>;
  readonly #options: LeanCloudHttpClientOptions;
  #requestCount = 0;
  #retryCount = 0;

  constructor(options: LeanCloudHttpClientOptions) {
    let base: URL;
    try {
      base = new URL(options.api);
    } catch (cause) {
      throw new LeanCloudError('LEANCLOUD_USAGE', `--api must be a URL such as https://api.example.com, got "${options.api}"`, { cause });
    }
    this.#base = base;
    this.#options = options;
    this.#headers = {
      'X-LC-Id': options.appId,
      'X-LC-Key': `${options.masterKey},master`,
      Accept: 'application/json',
      // History pages are large; undici decompresses transparently.
      'Accept-Encoding': 'gzip, br',
    };
  }

  /** Requests sent, including retries. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** Retries performed. */
  get retryCount(): number {
    return this.#retryCount;
  }

  /** GETs `path` with `query` (percent-encoded: message ids contain `+`) and parses the JSON reply. */
  async getJson(path: string, query: Record<string, QueryValue> = {}): Promise<unknown> {
    const url = new URL(path, this.#base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const href = url.toString();
    const { retries = 8, minRetryDelayMs = 1000, maxRetryDelayMs = 60_000, signal } = this.#options;

    return pRetry(() => this.#attempt(href), {
      retries,
      minTimeout: minRetryDelayMs,
      maxTimeout: maxRetryDelayMs,
      randomize: true,
      signal,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0) return;
        this.#retryCount += 1;
        const status = error instanceof RetryableResponseError ? error.status : undefined;
        this.#options.onRetry?.({ url: href, status, attempt: attemptNumber, retriesLeft, error });
        // A 429 blocks the app for a while; waiting out the block first avoids burning retries.
        if (error instanceof RetryableResponseError && error.waitMs > 0) {
          await sleep(error.waitMs, undefined, { signal });
        }
      },
    }).catch((error: unknown) => {
      if (error instanceof LeanCloudError) throw error;
      if (signal?.aborted) throw error;
      const status = error instanceof RetryableResponseError ? error.status : undefined;
      throw new LeanCloudError(
        'LEANCLOUD_RETRIES_EXHAUSTED',
        `GET ${redact(href)} still failing after ${retries} retries: ${(error as Error).message}. Re-run the same command to resume.`,
        { cause: error, retryable: true, status },
      );
    });
  }

  async #attempt(href: string): Promise<unknown> {
    const { requestTimeoutMs = 60_000, rateLimitWaitMs = 60_000, signal } = this.#options;
    this.#requestCount += 1;
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(href, {
        headers: this.#headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw new AbortError(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      throw new RetryableResponseError(`network error: ${(cause as Error).message}`, undefined, 0);
    }

    if (response.status === 429) {
      const retryAfterS = Number(response.headers.get('retry-after'));
      const baseWaitMs = Number.isFinite(retryAfterS) && response.headers.has('retry-after') ? retryAfterS * 1000 : rateLimitWaitMs;
      // Jitter so parallel workers do not return at the same instant and trip the limit again.
      const waitMs = Math.round(baseWaitMs * (1 + Math.random() * 0.2));
      throw new RetryableResponseError(`HTTP 429 (rate limited)`, 429, waitMs);
    }
    if (response.status >= 500) {
      throw new RetryableResponseError(`HTTP ${response.status}: ${text.slice(0, 200)}`, response.status, 0);
    }
    if (response.status === 401 || response.status === 403) {
      throw new AbortError(
        new LeanCloudError(
          'LEANCLOUD_AUTH_REJECTED',
          `LeanCloud refused the request (HTTP ${response.status}): ${text.slice(0, 200)}. Check --app-id and that --master-key is the Master Key (Settings › App keys); if your app requires signatures for history queries, switch that off for the export or pass --history-sign-client.`,
          { status: response.status },
        ),
      );
    }
    if (!response.ok) {
      throw new AbortError(
        new LeanCloudError('LEANCLOUD_HTTP_ERROR', `GET ${redact(href)} failed with HTTP ${response.status}: ${text.slice(0, 300)}`, {
          status: response.status,
        }),
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      // A truncated body from a flaky proxy is worth another attempt.
      throw new RetryableResponseError(`reply is not JSON (${text.length} bytes)`, response.status, 0);
    }
  }
}

/** Query strings never hold secrets (the key travels in a header), but keep log lines short. */
function redact(href: string): string {
  return href.length > 300 ? `${href.slice(0, 300)}…` : href;
}
