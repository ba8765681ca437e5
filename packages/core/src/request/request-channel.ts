import { ProtocolError } from '../errors/protocol-error';
import { RealtimeError } from '../errors/realtime-error';
import { expectedReplyKind, frameKind, replyError } from '../protocol/codec';
import type { FireAndForgetFrame, ReplyTo, RequestFrame } from '../protocol/frames';
import { Outbox, type OutboxOptions } from './outbox';
import { PendingRequests, type PendingRequest } from './pending-requests';

/** Ids in 2.x start at 2016; any integer works (the server echoes it), this just mirrors the official client. */
const firstSerialId = 2016;
const maxSerialId = 2 ** 31 - 1;

export interface RequestOptions {
  /** Time to wait for the reply once written. Unit: ms. @default the connection's requestTimeoutMs */
  timeoutMs?: number;
  /**
   * Resend after a reconnect if the socket dropped before the reply; otherwise such a request
   * rejects with CONNECTION_LOST. @default true for reads (query, count, logs, presence), false otherwise
   */
  isIdempotent?: boolean;
}

export interface RequestChannelOptions {
  clientId: string;
  requestTimeoutMs: number;
  outbox?: OutboxOptions;
  /** Writes one frame to the current socket (a no-op when there is none). */
  write(frame: Record<string, unknown>): void;
}

/** What a request waits for, before it has a serial id. */
type RequestDraft = Omit<PendingRequest, 'i'>;

function isReadRequest(frame: RequestFrame): boolean {
  return frame.cmd === 'logs' || (frame.cmd === 'conv' && (frame.op === 'query' || frame.op === 'count'))
    || (frame.cmd === 'session' && frame.op === 'query');
}

/**
 * Requests and their replies over a connection that comes and goes: serial ids, per-request
 * timeouts, the offline outbox, and what happens to requests in flight when the socket drops.
 *
 * ```
 *  request(frame) ──► outbox (while not open) ──► write with new `i` ──► reply with same `i`
 *                                                                        ├─ `code` / cmd:error ─► reject
 *                                                                        └─ expected kind ──────► resolve
 * ```
 */
export class RequestChannel {
  /** Writes go out directly while open; otherwise they wait in the outbox. */
  isOpen = false;
  #options: RequestChannelOptions;
  #pending = new PendingRequests();
  #outbox: Outbox;
  #nextSerialId = firstSerialId;
  #closedWith: RealtimeError | undefined;

  constructor(options: RequestChannelOptions) {
    this.#options = options;
    this.#outbox = new Outbox(options.outbox);
  }

  get queuedCount(): number {
    return this.#outbox.size;
  }

  request<F extends RequestFrame>(frame: F, options: RequestOptions = {}): Promise<ReplyTo<F>> {
    return new Promise<ReplyTo<F>>((resolve, reject) => {
      const draft: RequestDraft = {
        kind: frameKind(frame),
        replyKind: expectedReplyKind(frame),
        isIdempotent: options.isIdempotent ?? isReadRequest(frame),
        frame: { ...frame },
        resolve: (reply) => resolve(reply as unknown as ReplyTo<F>),
        reject,
      };
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs;
      this.#sendOrQueue(() => this.write(draft, timeoutMs), reject);
    });
  }

  send(frame: FireAndForgetFrame): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#sendOrQueue(() => {
        this.#options.write({ ...frame, peerId: this.#options.clientId });
        resolve();
      }, reject);
    });
  }

  /** Writes a request now, with a fresh serial id, and waits for its reply (the session open uses this directly). */
  write(draft: RequestDraft, timeoutMs: number): void {
    const i = this.#nextSerialId;
    this.#nextSerialId = i >= maxSerialId ? firstSerialId : i + 1;
    const frame = { ...draft.frame, i, peerId: this.#options.clientId };
    this.#pending.add({ ...draft, i, frame }, timeoutMs);
    this.#options.write(frame);
  }

  /** Settles the request a frame with an `i` answers. Returns false when nobody waits for it. */
  settle(reply: Record<string, unknown>): boolean {
    const request = typeof reply.i === 'number' ? this.#pending.take(reply.i) : undefined;
    if (!request) return false;
    const error = replyError(reply);
    if (error) request.reject(error);
    else if (frameKind(reply) !== request.replyKind) {
      request.reject(new ProtocolError(`Expected "${request.replyKind}" in reply to "${request.kind}", got "${frameKind(reply)}"`, reply));
    } else request.resolve(reply);
    return true;
  }

  /** Writes everything that waited for the connection, oldest first. */
  flush(): void {
    this.#outbox.flush();
  }

  /**
   * The socket dropped. Requests already written either go back to the front of the outbox
   * (idempotent) or reject with CONNECTION_LOST: the server may or may not have applied them,
   * and resending a message could deliver it twice.
   */
  connectionLost(): void {
    this.isOpen = false;
    const inFlight = this.#pending.takeAll();
    const lost = new RealtimeError('CONNECTION_LOST', 'The connection dropped before the reply; the request may or may not have been applied', {
      retryable: true,
    });
    for (const request of inFlight) if (!request.isIdempotent) request.reject(lost);
    const toResend = inFlight.filter((request) => request.isIdempotent).reverse();
    for (const request of toResend) {
      this.#outbox.push({ flush: () => this.write(request, this.#options.requestTimeoutMs), reject: request.reject }, { first: true });
    }
  }

  /** Rejects everything pending or queued with `error`; later requests reject at once. */
  close(error: RealtimeError): void {
    this.isOpen = false;
    this.#closedWith = error;
    this.#pending.rejectAll(error);
    this.#outbox.rejectAll(error);
  }

  #sendOrQueue(write: () => void, reject: (error: RealtimeError) => void): void {
    if (this.#closedWith) {
      reject(this.#closedWith.code === 'CONNECTION_CLOSED'
        ? new RealtimeError('CONNECTION_CLOSED', 'The connection is closed; create a new client to connect again')
        : this.#closedWith);
    } else if (this.isOpen) write();
    else this.#outbox.push({ flush: write, reject });
  }
}
