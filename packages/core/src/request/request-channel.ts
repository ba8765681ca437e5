import { ProtocolError } from '../errors/protocol-error';
import { RealtimeError } from '../errors/realtime-error';
import { RequestTimeoutError } from '../errors/request-timeout-error';
import { expectedReplyKind, frameKind, replyError } from '../protocol/codec';
import type { FireAndForgetFrame, ReplyTo, RequestFrame } from '../protocol/frames';

export interface OutboxOptions {
  /** Most frames held while disconnected; more are rejected with OUTBOX_FULL. @default 1000 */
  maxSize?: number;
  /** How long a queued frame may wait for the connection before it rejects with OUTBOX_TIMEOUT. Unit: ms. @default 30000 */
  timeoutMs?: number;
}

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
  /** @default 20000 */
  requestTimeoutMs?: number;
  outbox?: OutboxOptions;
}

/** One frame on its way: waiting in the outbox, or written and awaiting its reply. */
export interface Job {
  frame: Record<string, unknown>;
  /** The `cmd-op` the reply must have. None for a frame without reply, which settles once written. */
  replyKind?: string;
  /** Safe to send again after a reconnect (reads); otherwise rejected with CONNECTION_LOST. */
  isIdempotent?: boolean;
  /** Reply timeout. Unit: ms. */
  timeoutMs?: number;
  resolve(reply?: unknown): void;
  reject(error: RealtimeError): void;
  /** The outbox timeout while queued, the reply timeout once written. */
  timer?: ReturnType<typeof setTimeout>;
}

/** Ids in 2.x start at 2016; any integer works (the server echoes it), this just mirrors the official client. */
const firstSerialId = 2016;
const maxSerialId = 2 ** 31 - 1;
/** Requests that are safe to send twice. */
const readKinds = ['logs', 'conv-query', 'conv-count', 'session-query'];

/**
 * Requests and their replies over a connection that comes and goes: serial ids, per-request
 * timeouts, the offline outbox (bounded, each frame with its own timeout), and what happens to
 * requests in flight when the socket drops.
 *
 * ```
 *  request(frame) ──► outbox (while not open) ──► write with new `i` ──► reply with same `i`
 *                                                                        ├─ `code` / cmd:error ─► reject
 *                                                                        └─ expected kind ──────► resolve
 * ```
 */
export class RequestChannel {
  #options: RequestChannelOptions;
  /** Writes one frame to the current socket (a no-op when there is none). */
  #write: (frame: Record<string, unknown>) => void;
  #isOpen = false;
  #pending = new Map<number, Job>();
  #outbox: Job[] = [];
  #nextSerialId = firstSerialId;
  #closedWith: RealtimeError | undefined;

  constructor(options: RequestChannelOptions, write: (frame: Record<string, unknown>) => void) {
    this.#options = options;
    this.#write = write;
  }

  get queuedCount(): number {
    return this.#outbox.length;
  }

  request<F extends RequestFrame>(frame: F, options: RequestOptions = {}): Promise<ReplyTo<F>> {
    return new Promise((resolve, reject) => this.#submit({
      frame: { ...frame },
      replyKind: expectedReplyKind(frame),
      isIdempotent: options.isIdempotent ?? readKinds.includes(frameKind(frame)),
      timeoutMs: options.timeoutMs ?? this.#options.requestTimeoutMs ?? 20_000,
      resolve,
      reject,
    }));
  }

  send(frame: FireAndForgetFrame): Promise<void> {
    return new Promise((resolve, reject) => this.#submit({ frame: { ...frame }, resolve, reject }));
  }

  /** Writes a job now; a request gets a fresh serial id `i` and waits for its reply (the session open comes here directly). */
  write(job: Job): void {
    let i;
    if (job.replyKind) {
      const id = (i = this.#nextSerialId);
      this.#nextSerialId = id >= maxSerialId ? firstSerialId : id + 1;
      this.#pending.set(id, job);
      job.timer = setTimeout(() => {
        this.#pending.delete(id);
        job.reject(new RequestTimeoutError(frameKind(job.frame), job.timeoutMs!));
      }, job.timeoutMs);
    } else job.resolve();
    this.#write({ ...job.frame, i, peerId: this.#options.clientId });
  }

  /** Settles the request a frame with an `i` answers. Returns false when nobody waits for it. */
  settle(reply: Record<string, unknown>): boolean {
    const job = this.#pending.get(reply.i as number);
    if (!job) return false;
    this.#pending.delete(reply.i as number);
    clearTimeout(job.timer);
    const kind = frameKind(reply);
    const error = replyError(reply) ?? (kind === job.replyKind ? undefined : new ProtocolError(`Expected "${job.replyKind}", got "${kind}"`, reply));
    if (error) job.reject(error);
    else job.resolve(reply);
    return true;
  }

  /** The session is open: writes go out directly, and everything that waited is written, oldest first. */
  open(): void {
    this.#isOpen = true;
    for (const job of this.#outbox.splice(0)) {
      clearTimeout(job.timer);
      this.write(job);
    }
  }

  /**
   * The socket dropped. Requests already written either go back to the front of the outbox
   * (idempotent) or reject with CONNECTION_LOST: the server may or may not have applied them,
   * and resending a message could deliver it twice.
   */
  connectionLost(): void {
    this.#isOpen = false;
    const inFlight = [...this.#pending.values()];
    this.#pending.clear();
    const lost = new RealtimeError('CONNECTION_LOST', 'Connection lost before the reply; the request may or may not have been applied', {
      retryable: true,
    });
    for (const job of inFlight) {
      clearTimeout(job.timer);
      if (!job.isIdempotent) job.reject(lost);
    }
    for (const job of inFlight.reverse()) if (job.isIdempotent) this.#queue(job, true);
  }

  /** Rejects everything pending or queued with `error`; later requests reject at once. */
  close(error: RealtimeError): void {
    this.#isOpen = false;
    this.#closedWith = error;
    for (const job of [...this.#pending.values(), ...this.#outbox.splice(0)]) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.#pending.clear();
  }

  #submit(job: Job): void {
    if (this.#closedWith) job.reject(this.#closedWith);
    else if (this.#isOpen) this.write(job);
    else this.#queue(job);
  }

  /** Queues a job at the back, or at the front when `first` (requests resent after a drop). */
  #queue(job: Job, first?: boolean): void {
    const { maxSize = 1000, timeoutMs = 30_000 } = this.#options.outbox ?? {};
    if (this.#outbox.length >= maxSize) {
      return job.reject(new RealtimeError('OUTBOX_FULL', `Offline queue is full (${maxSize} frames)`, { retryable: true }));
    }
    job.timer = setTimeout(() => {
      this.#outbox = this.#outbox.filter((queued) => queued !== job);
      job.reject(new RealtimeError('OUTBOX_TIMEOUT', `Not connected within ${timeoutMs} ms`, { retryable: true }));
    }, timeoutMs);
    if (first) this.#outbox.unshift(job);
    else this.#outbox.push(job);
  }
}
