import { errorCodes, type ErrorReason } from './error-codes';

/**
 * A refused request. Handlers throw it; the dispatcher turns it into the reply shape the
 * command family uses (protocol.md §2.11): `cmd:"error"`, an `ack` with `code` for sends, or
 * `session closed` for opens.
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  readonly code: number;

  constructor(
    readonly reason: ErrorReason,
    /** Human-readable detail sent to the client: what was wrong and what to do. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.code = errorCodes[reason];
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof Error && error.name === 'ProtocolError' && 'reason' in error;
}
