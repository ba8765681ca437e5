import type { ProtocolError } from '../errors/protocol-error';
import { RealtimeError } from '../errors/realtime-error';
import { RequestTimeoutError } from '../errors/request-timeout-error';
import { ServerError, type RefusalFrame } from '../errors/server-error';
import { decodeServerFrame, encodeFrame, expectedReplyKind, frameKind } from '../protocol/codec';
import type { FireAndForgetFrame, ReplyTo, RequestFrame, SessionOpenedFrame, UnknownFrame } from '../protocol/frames';
import { isFatalCloseCode } from '../protocol/wire-codes';
import {
  firstSerialId, isReadRequest, maxSerialId, queueJob, settleJob, type RequestJob, type RequestOptions,
} from '../request/request-job';
import type { CloseInfo, Transport } from '../transport/transport';
import { validateConnectionOptions, type ConnectionOptions } from './connection-options';
import { closeError } from './close-error';
import type { ConnectionObserver } from './connection-observer';
import { canTransition, type ConnectionState, type StateChange, type StateChangeReason } from './connection-state';
import { ReconnectPolicy } from './reconnect-policy';
import { askRouter, type FetchLike } from './router-lookup';

/** One connect attempt; it owns the connection while it is `#attempt`. */
interface Attempt {
  transport?: Transport;
  /** The connect timeout, cleared once the session opens. */
  timer?: ReturnType<typeof setTimeout>;
  /** Rejects the attempt's promise (a no-op once the session opened). */
  reject(error?: RealtimeError): void;
}

const closedByApp = () => new RealtimeError('CONNECTION_CLOSED', 'Connection closed by the app');

/**
 * The session layer: one logical connection for one client id, kept alive across socket drops.
 *
 * It owns the state machine (`connection-state.ts`), router lookup, heartbeats, reconnection
 * (p-retry, full jitter, `reconnect-policy.ts`), requests with their serial ids and timeouts, the
 * offline outbox (`request-job.ts`), incoming de-duplication and receiver acks. The promise API
 * (`IMClient`) and `@realtime/legacy` both build on it.
 *
 * ```
 *  connect() ─► attempt: router ─► socket ─► signature ─► session open ─► connected ─► flush outbox
 *                  ▲                                                          │ drop / silence
 *                  └──────────── backoff (reconnect-policy.ts) ◄──────────────┘
 * ```
 */
export class Connection {
  readonly appId: string;
  readonly clientId: string;
  #options: ConnectionOptions;
  #fetch: FetchLike | undefined;
  #state: ConnectionState = 'idle';
  #policy: ReconnectPolicy;
  /** Written requests awaiting their reply, by serial id. */
  #pending = new Map<number, RequestJob>();
  /** Frames sent while not connected, oldest first. */
  #outbox: RequestJob[] = [];
  #nextSerialId = firstSerialId;
  #closedWith: RealtimeError | undefined;
  /** `cid\0id` of the last `dedupCapacity` messages: delivery is at-least-once, a reconnect may resend. */
  #seenMessages = new Set<string>();
  #abort = new AbortController();
  #attempt: Attempt | undefined;
  #route: { server: string; expiresAt: number } | undefined;
  #nextAttemptReason: StateChangeReason = 'retry-due';
  #lastOpened: SessionOpenedFrame | undefined;
  #firstOpen: Promise<SessionOpenedFrame> | undefined;
  #closing: Promise<void> | undefined;
  #lastFrameAt = 0;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param observer the owner's callbacks. An owner handed a built connection (IMClient) assigns
   * `observer` instead; there is one observer, not a list.
   */
  constructor(options: ConnectionOptions, public observer: ConnectionObserver = {}) {
    validateConnectionOptions(options, true);
    this.appId = options.appId;
    this.clientId = options.clientId;
    this.#options = options;
    this.#policy = new ReconnectPolicy(options.reconnect);
    if (!options.server) {
      // Bound: browsers throw "Illegal invocation" when fetch is called with another `this`.
      this.#fetch = options.fetch ?? (globalThis.fetch?.bind(globalThis) as FetchLike | undefined);
      if (!this.#fetch) throw new RealtimeError('INVALID_ARGUMENT', 'No fetch for the router: pass options.fetch');
    }
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get isConnected(): boolean {
    return this.#state === 'connected';
  }

  /** Frames waiting in the offline outbox. */
  get queuedCount(): number {
    return this.#outbox.length;
  }

  /** The last `session opened` frame, if a session is or was open. */
  get lastOpenedFrame(): SessionOpenedFrame | undefined {
    return this.#lastOpened;
  }

  /**
   * Starts connecting (router lookup, socket, `session open`) and resolves with the first
   * `session opened` frame. Failures are retried with backoff; it rejects only on a fatal cause or `close()`.
   */
  connect(): Promise<SessionOpenedFrame> {
    if (this.#state === 'idle') {
      this.#transition('connecting', { reason: 'connect', attempt: 1 });
      this.#firstOpen = this.#runConnectLoop(0);
    }
    if (!this.#firstOpen) {
      // Closed before it ever connected. Like the loop's promise, this one is observed here, so
      // a caller that ignores it gets no unhandled rejection.
      this.#firstOpen = Promise.reject(closedByApp());
      this.#firstOpen.catch(() => undefined);
    }
    return this.#firstOpen;
  }

  /**
   * Sends a request and resolves with its reply frame. While disconnected the request waits in the
   * outbox. Rejects with a `RealtimeError`: the server's coded refusal (`error` frame, `ack` or
   * `session closed` with `code`), REQUEST_TIMEOUT, OUTBOX_FULL/OUTBOX_TIMEOUT, CONNECTION_LOST
   * (socket dropped before the reply of a non-idempotent request) or CONNECTION_CLOSED.
   */
  request<F extends RequestFrame>(frame: F, options: RequestOptions = {}): Promise<ReplyTo<F>> {
    return new Promise((resolve, reject) => this.#submit({
      frame: { ...frame },
      replyKind: expectedReplyKind(frame),
      isIdempotent: options.isIdempotent ?? isReadRequest(frame),
      timeoutMs: options.timeoutMs ?? this.#options.requestTimeoutMs ?? 20_000,
      resolve,
      reject,
    }));
  }

  /**
   * Sends a frame that gets no reply (a transient `direct`, a receiver `ack`). Resolves once written
   * to the socket; while disconnected it waits in the outbox like a request.
   */
  send(frame: FireAndForgetFrame): Promise<void> {
    return new Promise((resolve, reject) => this.#submit({ frame: { ...frame }, resolve, reject }));
  }

  /**
   * Skips the current backoff wait and tries now (the platform saw the network come back or the
   * page become visible). When connected, checks the heartbeat deadline against the clock and pings.
   */
  retryNow(): void {
    if (this.#state === 'connected') {
      if (this.#isAlive()) this.#write({});
    } else if (this.#state === 'reconnecting' && this.#policy.retryNow()) {
      // The loop resumes on a later microtask, so its next attempt still sees this reason.
      this.#nextAttemptReason = 'retry-now';
    }
  }

  /** Closes for good: stops timers and retries, rejects everything pending with CONNECTION_CLOSED. */
  close(): Promise<void> {
    return (this.#closing ??= (async () => {
      if (this.#state === 'connected') {
        // Log out first so the server treats us as offline at once (messages go to offline storage);
        // a slow or missing reply must not hold close() up for long.
        await this.request({ cmd: 'session', op: 'close' }, { timeoutMs: 1000 }).catch(() => undefined);
      }
      this.#shutDown(closedByApp(), 'client-closed');
    })());
  }

  /**
   * Gives up the current socket and reconnects with backoff (the platform reports the network gone:
   * a socket on a dead network can look open for minutes). Sends wait in the outbox meanwhile.
   */
  dropConnection(): void {
    if (this.#state === 'connected') this.#onConnectionLost(undefined, 'network-lost');
  }

  // ─── connecting ──────────────────────────────────────────────────────────────────────────────

  /** Attempts until a session opens; resolves with its frame. Ends in `closed` on a fatal cause or when retries run out. */
  #runConnectLoop(firstDelayMs: number): Promise<SessionOpenedFrame> {
    const loop = this.#policy.run(
      (attempt) => this.#connectOnce(attempt),
      this.#abort.signal,
      (retryInMs, error, attempt) => this.#transition('reconnecting', { reason: 'attempt-failed', retryInMs, attempt, error }),
      firstDelayMs,
    );
    loop.catch((error: RealtimeError) => this.#shutDown(error, error.retryable ? 'retries-exhausted' : 'fatal'));
    return loop;
  }

  /** One attempt: router → socket → signature → `session open` → `session opened`. */
  #connectOnce(attemptNumber: number): Promise<SessionOpenedFrame> {
    if (this.#state === 'reconnecting') {
      this.#transition('connecting', { reason: this.#nextAttemptReason, attempt: attemptNumber });
      this.#nextAttemptReason = 'retry-due';
    }
    // An observer may have closed the connection on hearing `connecting`: no socket then.
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    const options = this.#options;
    const timeoutMs = options.connectTimeoutMs ?? 15_000;

    return new Promise((resolve, reject) => {
      const attempt: Attempt = (this.#attempt = { reject });
      const isCurrent = () => this.#attempt === attempt;
      /** A failure while opening: this attempt is over, p-retry decides what comes next. */
      const fail = (error: RealtimeError) => {
        if (!isCurrent()) return;
        // The server the router named may be gone: ask again next time.
        if (error.retryable) this.#route = undefined;
        this.#endAttempt(error);
      };
      attempt.timer = setTimeout(() => fail(new RealtimeError('CONNECT_TIMEOUT', `No session within ${timeoutMs} ms`, { retryable: true })), timeoutMs);

      const openSession = async () => {
        let signature;
        try {
          signature = await options.signatureFactory?.(this.clientId);
        } catch (cause) {
          return fail(new RealtimeError('SIGNATURE_FACTORY_FAILED', 'The signature factory threw', { cause, retryable: true }));
        }
        if (!isCurrent()) return;
        this.#writeJob({
          frame: {
            cmd: 'session', op: 'open', appId: this.appId, ua: options.ua ?? 'js/realtime',
            ...(signature && { t: signature.timestamp, n: signature.nonce, s: signature.signature }),
          },
          replyKind: 'session-opened',
          timeoutMs,
          resolve: (frame) => {
            if (!isCurrent()) return;
            clearTimeout(attempt.timer);
            // Settled first: an observer told of the open may drop the connection at once, and the
            // attempt must count as a success, not fail.
            resolve(frame as SessionOpenedFrame);
            this.#onSessionOpened(frame as SessionOpenedFrame);
          },
          reject: fail,
        });
      };

      void (async () => {
        try {
          const url = options.server ?? (await this.#routedServer());
          if (!isCurrent()) return;
          attempt.transport = options.transport(url, {
            open: () => isCurrent() && void openSession(),
            frame: (data) => isCurrent() && this.#onFrame(data),
            close: (info) => {
              if (this.#state !== 'connected') fail(closeError(info));
              else if (isCurrent()) this.#onConnectionLost(info.code >= 4000 ? closeError(info) : undefined, 'socket-closed', info);
            },
          });
        } catch (error) {
          // The router's errors are coded. Anything else (a bad router URL, a transport that throws) is a
          // setup that cannot work, not a network hiccup.
          fail(error instanceof RealtimeError ? error : new RealtimeError('CONNECT_FAILED', 'Cannot open a socket', { cause: error }));
        }
      })();
    });
  }

  /** The router's answer, cached for its ttl. */
  async #routedServer(): Promise<string> {
    if (!(this.#route && Date.now() < this.#route.expiresAt)) {
      this.#route = await askRouter(this.#options.router!, this.appId, this.#fetch!);
    }
    return this.#route.server;
  }

  #onSessionOpened(frame: SessionOpenedFrame): void {
    this.#lastOpened = frame;
    this.#transition('connected', { reason: 'session-opened' });
    this.#lastFrameAt = Date.now();
    this.#pingTimer = setInterval(() => this.#isAlive() && this.#write({}), this.#options.heartbeatIntervalMs ?? 30_000);
    this.#watchDeadline();
    this.#notify('open', frame);
    for (const job of this.#outbox.splice(0)) {
      clearTimeout(job.timer);
      this.#writeJob(job);
    }
  }

  // ─── losing the connection ───────────────────────────────────────────────────────────────────

  /** Ends the current attempt, if any (its promise rejects with `error` if it was still opening), and stops the heartbeat. */
  #endAttempt(error?: RealtimeError): void {
    const attempt = this.#attempt;
    // Cleared first: closing the socket may report its close right away, and it must be ignored.
    this.#attempt = undefined;
    if (attempt) {
      clearTimeout(attempt.timer);
      attempt.transport?.close();
      attempt.reject(error);
    }
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadlineTimer);
  }

  /**
   * The socket of an open session is gone. Requests already written either go back to the front of
   * the outbox (idempotent) or reject with CONNECTION_LOST: the server may or may not have applied
   * them, and resending a message could deliver it twice.
   */
  #onConnectionLost(error: RealtimeError | undefined, reason: StateChangeReason, closeInfo?: CloseInfo): void {
    if (this.#closing) return this.#shutDown(closedByApp(), 'client-closed', closeInfo);
    this.#endAttempt();
    const inFlight = [...this.#pending.values()];
    this.#pending.clear();
    const lost = new RealtimeError('CONNECTION_LOST', 'Connection lost before the reply; the request may have been applied or not', {
      retryable: true,
    });
    for (const job of inFlight) {
      clearTimeout(job.timer);
      if (!job.isIdempotent) job.reject(lost);
    }
    for (const job of inFlight.reverse()) if (job.isIdempotent) queueJob(this.#outbox, job, this.#options.outbox, true);
    if (error && !error.retryable) return this.#shutDown(error, 'fatal', closeInfo);
    const retryInMs = this.#policy.nextRetryDelayMs(0);
    this.#transition('reconnecting', { reason, retryInMs, closeInfo, error });
    void this.#runConnectLoop(retryInMs);
  }

  #shutDown(error: RealtimeError, reason: StateChangeReason, closeInfo?: CloseInfo): void {
    if (this.#state === 'closed') return;
    this.#abort.abort(error);
    this.#policy.retryNow(); // ends a backoff wait now; p-retry then sees the aborted signal
    this.#endAttempt(error);
    // Everything pending or queued rejects with `error`, and so does every later request.
    this.#closedWith = error;
    for (const job of [...this.#pending.values(), ...this.#outbox.splice(0)]) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.#pending.clear();
    this.#transition('closed', { reason, error: reason === 'client-closed' ? undefined : error, closeInfo });
  }

  // ─── heartbeat ───────────────────────────────────────────────────────────────────────────────
  // `{}` every heartbeatIntervalMs (protocol §8.3: a fixed interval, not "after the last frame" as
  // 2.x does); silence for heartbeatDeadlineMs replaces the socket.

  /** The time left until the deadline. Unit: ms. */
  #timeLeftMs(): number {
    return (this.#options.heartbeatDeadlineMs ?? 75_000) - (Date.now() - this.#lastFrameAt);
  }

  /** Fires at the deadline; frames only note their time, and the timer re-arms for what is left. */
  #watchDeadline(): void {
    this.#deadlineTimer = setTimeout(() => this.#isAlive() && this.#watchDeadline(), this.#timeLeftMs());
  }

  /**
   * Background tabs throttle timers, so a timer may fire minutes late: the deadline is checked
   * against `Date.now()`, on every tick and when the page becomes visible again (`retryNow()`).
   * Replaces the socket and returns false when it passed.
   */
  #isAlive(): boolean {
    if (this.#timeLeftMs() > 0) return true;
    this.#onConnectionLost(undefined, 'heartbeat-missed');
    return false;
  }

  // ─── frames ──────────────────────────────────────────────────────────────────────────────────

  #onFrame(data: string | Uint8Array): void {
    this.#lastFrameAt = Date.now();
    let frame;
    try {
      frame = decodeServerFrame(data) as Record<string, unknown> & UnknownFrame;
    } catch (error) {
      this.#options.logger?.warn?.('dropped a malformed server frame', error);
      return this.#notify('error', error as ProtocolError);
    }
    // `{}` answers a heartbeat. Pushes never carry `i`; a reply nobody waits for (its request timed out) is dropped.
    if (!frame.cmd) return;
    const job = this.#pending.get(frame.i as number);
    if (job) {
      this.#pending.delete(frame.i as number);
      return settleJob(job, frame);
    }
    if (frame.i !== undefined && frame.cmd !== 'direct') return;
    if (frame.cmd === 'direct') {
      if (!frame.transient && this.#options.autoAck !== false) this.#write({ cmd: 'ack', cid: frame.cid, mid: frame.id, peerId: this.clientId });
      const key = `${frame.cid}\u0000${frame.id}`;
      const seen = this.#seenMessages;
      if (seen.has(key)) return;
      seen.add(key);
      // Sets iterate in insertion order, so the first key is the oldest.
      if (seen.size > (this.#options.dedupCapacity ?? 5000)) seen.delete(seen.values().next().value!);
    }
    this.#notify('push', frame);
    // The server ended the session (conflict, kicked…): fatal codes close us, anything else reconnects.
    if (frame.cmd === 'session' && frame.op === 'closed' && this.#state === 'connected') {
      this.#onConnectionLost(isFatalCloseCode(frame.code as number) ? new ServerError(frame as RefusalFrame) : undefined, 'session-closed');
    }
  }

  #submit(job: RequestJob): void {
    if (this.#closedWith) job.reject(this.#closedWith);
    // While the outbox is being flushed, new frames queue behind it.
    else if (this.#state === 'connected' && !this.#outbox.length) this.#writeJob(job);
    else queueJob(this.#outbox, job, this.#options.outbox);
  }

  /** Writes a job now; a request gets a fresh serial id `i` and waits for its reply. */
  #writeJob(job: RequestJob): void {
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
    this.#write({ ...job.frame, i, peerId: this.clientId });
  }

  #write(frame: object): void {
    try {
      this.#attempt?.transport?.send(encodeFrame(frame as never));
    } catch {
      // A socket that is closing may throw; its close event follows and settles what is in flight.
    }
  }

  // ─── state ───────────────────────────────────────────────────────────────────────────────────

  #transition(to: ConnectionState, change: Omit<StateChange, 'previous' | 'current'>): void {
    const previous = this.#state;
    const logger = this.#options.logger;
    if (!canTransition(previous, to)) return logger?.error?.(`invalid transition to ${to}`, change);
    this.#state = to;
    const event: StateChange = { previous, current: to, ...change };
    // Absent, not undefined: listeners may test `'error' in change` or compare whole objects.
    for (const key in event) if (event[key as keyof StateChange] === undefined) delete event[key as keyof StateChange];
    logger?.info?.(`${previous} → ${to}`, event);
    this.#notify('statechange', event);
  }

  /** Calls the observer; its exception must not unwind socket handling, so it is rethrown on a fresh task. */
  #notify<K extends keyof ConnectionObserver>(event: K, value: Parameters<NonNullable<ConnectionObserver[K]>>[0]): void {
    try {
      (this.observer[event] as ((value: unknown) => void) | undefined)?.call(this.observer, value);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}
