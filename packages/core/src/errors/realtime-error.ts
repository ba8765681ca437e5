import type { ErrorCode } from './error-codes';

export interface RealtimeErrorOptions {
  cause?: unknown;
  /** True when trying again later may succeed (network trouble, timeouts). @default false */
  retryable?: boolean;
  /** The numeric code the server sent, when the error came from the wire. */
  wireCode?: number;
  /** The raw frame that carried the error (an `ack` with `code`, an `error` frame, …). */
  frame?: unknown;
}

/** Brand used by {@link isRealtimeError}, so errors from another copy of the package still match. */
const brand = Symbol.for('@realtime/core:RealtimeError');

/** Every rejection and every `error` event in `@realtime` carries one of these. */
export class RealtimeError extends Error {
  override name = 'RealtimeError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly wireCode?: number;
  readonly frame?: unknown;
  readonly [brand] = true;

  constructor(code: ErrorCode, message: string, opts: RealtimeErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.retryable = opts.retryable ?? false;
    if (opts.wireCode !== undefined) this.wireCode = opts.wireCode;
    if (opts.frame !== undefined) this.frame = opts.frame;
  }
}

/** Cross-realm check: true for any `RealtimeError`, even one built by another copy of core. */
export function isRealtimeError(value: unknown): value is RealtimeError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
