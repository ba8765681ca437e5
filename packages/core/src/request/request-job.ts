import { ProtocolError } from '../errors/protocol-error';
import { RealtimeError } from '../errors/realtime-error';
import { frameKind, replyError } from '../protocol/codec';
import type { RequestFrame } from '../protocol/frames';

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

/**
 * One frame on its way to the server: waiting in the outbox, or written and awaiting its reply
 * (keyed by its serial id `i`). The connection keeps both collections.
 *
 * ```
 *  request(frame) ──► outbox (while not open) ──► write with new `i` ──► reply with same `i`
 *                                                                        ├─ `code` / cmd:error ─► reject
 *                                                                        └─ expected kind ──────► resolve
 * ```
 */
export interface RequestJob {
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
export const firstSerialId = 2016;
export const maxSerialId = 2 ** 31 - 1;

/** Reads are safe to send twice: query, count, history, presence. */
export function isReadRequest(frame: RequestFrame): boolean {
  return ['logs', 'conv-query', 'conv-count', 'session-query'].includes(frameKind(frame));
}

/** Settles a written job with its reply: the coded refusal it carries, PROTOCOL_ERROR for a reply of another kind, or the reply. */
export function settleJob(job: RequestJob, reply: Record<string, unknown>): void {
  clearTimeout(job.timer);
  const kind = frameKind(reply);
  const error = replyError(reply) ?? (kind === job.replyKind ? undefined : new ProtocolError(`Expected "${job.replyKind}", got "${kind}"`, reply));
  if (error) job.reject(error);
  else job.resolve(reply);
}

/**
 * Queues a job in the outbox, at the back or at the front (requests resent after a drop). The outbox
 * is bounded, and every job in it gives up after `timeoutMs` instead of waiting forever.
 */
export function queueJob(outbox: RequestJob[], job: RequestJob, { maxSize = 1000, timeoutMs = 30_000 }: OutboxOptions = {}, first?: boolean): void {
  if (outbox.length >= maxSize) {
    return job.reject(new RealtimeError('OUTBOX_FULL', `Offline queue is full (${maxSize} frames)`, { retryable: true }));
  }
  job.timer = setTimeout(() => {
    outbox.splice(outbox.indexOf(job), 1); // its timer is cleared whenever it leaves the outbox
    job.reject(new RealtimeError('OUTBOX_TIMEOUT', `Not connected within ${timeoutMs} ms`, { retryable: true }));
  }, timeoutMs);
  if (first) outbox.unshift(job);
  else outbox.push(job);
}
