import { RealtimeError } from './realtime-error';

/** A request got no reply within its timeout. The server may still have processed it. */
export class RequestTimeoutError extends RealtimeError {
  override name = 'RequestTimeoutError';
  constructor(command: string, timeoutMs: number) {
    super('REQUEST_TIMEOUT', `No reply to "${command}" within ${timeoutMs} ms`, { retryable: true });
  }
}
