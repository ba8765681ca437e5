import type { RealtimeError } from '../errors/realtime-error';
import { RequestTimeoutError } from '../errors/request-timeout-error';

export interface PendingRequest {
  readonly i: number;
  /** `cmd-op` of the request, for messages. */
  readonly kind: string;
  /** `cmd-op` the reply must have. */
  readonly replyKind: string;
  /** Safe to send again after a reconnect (reads); otherwise rejected with CONNECTION_LOST. */
  readonly isIdempotent: boolean;
  /** The request frame, kept so idempotent requests can be resent. */
  readonly frame: Record<string, unknown>;
  resolve(reply: Record<string, unknown>): void;
  reject(error: RealtimeError): void;
}

/**
 * Requests written to the socket and awaiting their reply, keyed by serial id `i`.
 * Each one has its own timeout; nothing stays here forever.
 */
export class PendingRequests {
  #byId = new Map<number, { request: PendingRequest; timer: ReturnType<typeof setTimeout> }>();

  get size(): number {
    return this.#byId.size;
  }

  add(request: PendingRequest, timeoutMs: number): void {
    const timer = setTimeout(() => {
      this.#byId.delete(request.i);
      request.reject(new RequestTimeoutError(request.kind, timeoutMs));
    }, timeoutMs);
    this.#byId.set(request.i, { request, timer });
  }

  /** Removes and returns the request with serial id `i`, stopping its timer. */
  take(i: number): PendingRequest | undefined {
    const entry = this.#byId.get(i);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.#byId.delete(i);
    return entry.request;
  }

  /** Removes every request, stopping timers, and returns them in the order they were sent. */
  takeAll(): PendingRequest[] {
    const requests = [...this.#byId.values()].map(({ request, timer }) => {
      clearTimeout(timer);
      return request;
    });
    this.#byId.clear();
    return requests;
  }

  rejectAll(error: RealtimeError): void {
    for (const request of this.takeAll()) request.reject(error);
  }
}
