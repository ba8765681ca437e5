import { RealtimeError } from './realtime-error';
import { wireCodeToErrorCode } from '../protocol/wire-codes';

/** What a refusal frame (`error`, an `ack` or `session closed` with `code`) carries. */
export interface RefusalFrame {
  code?: number;
  reason?: string;
  detail?: string;
  appCode?: number;
}

/** The server refused a request or closed the session with a numeric code (protocol §4). */
export class ServerError extends RealtimeError {
  override name = 'ServerError';
  /** Symbolic reason the server sent, e.g. `CONVERSATION_NOT_FOUND`. */
  readonly reason?: string;
  /** Code a server hook supplied when it rejected the operation. */
  readonly appCode?: number;

  constructor(frame: RefusalFrame) {
    const { code: wireCode = 0, reason, detail, appCode } = frame;
    const { code, retryable } = wireCodeToErrorCode(wireCode);
    super(code, `Server refused with ${wireCode}${reason ? ` ${reason}` : ''}${detail ? `: ${detail}` : ''}`, { wireCode, frame, retryable });
    this.reason = reason;
    this.appCode = appCode;
  }
}
