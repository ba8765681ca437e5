/** Stable codes for what the legacy surface itself rejects (wire errors keep their frames). */
export type LegacyErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_ARGUMENT'
  | 'NO_TRANSPORT'
  | 'ROUTER_FAILED'
  | 'SIGNATURE_REFUSED'
  | 'CONNECTION_CLOSED'
  | 'LISTENER_FAILED';

export class LegacyError extends Error {
  override name = 'LegacyError';
  constructor(
    readonly code: LegacyErrorCode,
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
  }
}

/** Cross-realm check (the IIFE bundle and the npm package may both be loaded). */
export function isLegacyError(value: unknown): value is LegacyError {
  return value instanceof Error && (value as { name?: unknown }).name === 'LegacyError';
}
