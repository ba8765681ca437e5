import { RealtimeError } from './realtime-error';
import { wireCodeToErrorCode } from '../protocol/wire-codes';

/** The server refused a request or closed the session with a numeric code (protocol §4). */
export class ServerError extends RealtimeError {
  override name = 'ServerError';
  /** Symbolic reason the server sent, e.g. `CONVERSATION_NOT_FOUND`. */
  readonly reason?: string;
  /** Code a server hook supplied when it rejected the operation. */
  readonly appCode?: number;

  constructor(wireCode: number, reason: string | undefined, frame: unknown, detail?: string, appCode?: number) {
    const { code, retryable } = wireCodeToErrorCode(wireCode);
    super(code, `Server refused with ${wireCode}${reason ? ` ${reason}` : ''}${detail ? `: ${detail}` : ''}`, {
      wireCode,
      frame,
      retryable,
    });
    if (reason !== undefined) this.reason = reason;
    if (appCode !== undefined) this.appCode = appCode;
  }
}
