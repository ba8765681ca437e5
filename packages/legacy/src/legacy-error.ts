import { RealtimeError } from '@realtime/core';

/** The codes the legacy surface raises itself (a subset of core's; wire errors keep their frames). */
export type LegacyErrorCode = 'INVALID_ARGUMENT' | 'NO_TRANSPORT' | 'CONNECTION_CLOSED' | 'SIGNATURE_FACTORY_FAILED';

/**
 * What AV.realtime rejects itself: bad options or arguments (thrown at the call, as 2.4.0
 * threw), a refused signature, a call after close(). A `RealtimeError` (core's constructor,
 * with a `LegacyErrorCode`), so `isRealtimeError()` from the promise API recognises it too.
 */
export class LegacyError extends RealtimeError {
  override name = 'LegacyError';
}

/** Cross-realm check (the IIFE bundle and the npm package may both be loaded). */
export function isLegacyError(value: unknown): value is LegacyError {
  return value instanceof Error && (value as { name?: unknown }).name === 'LegacyError';
}
