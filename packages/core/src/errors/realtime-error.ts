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
  readonly retryable: boolean;
  readonly wireCode?: number;
  readonly frame?: unknown;
  readonly [brand] = true;

  constructor(readonly code: ErrorCode, message: string, options: RealtimeErrorOptions = {}) {
    // Error reads only `cause` from the options, and sets it only when the key is there.
    super(message, options);
    this.retryable = !!options.retryable;
    this.wireCode = options.wireCode;
    this.frame = options.frame;
  }
}

/** Cross-realm check: true for any `RealtimeError`, even one built by another copy of core. */
export function isRealtimeError(value: unknown): value is RealtimeError {
  return (value as Record<symbol, unknown> | null)?.[brand] === true;
}
