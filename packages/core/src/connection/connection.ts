import { ProtocolError } from '../errors/protocol-error';
import { RealtimeError, isRealtimeError } from '../errors/realtime-error';
import { ServerError } from '../errors/server-error';
import { decodeServerFrame, encodeFrame } from '../protocol/codec';
import type {
  FireAndForgetFrame, PushFrame, ReplyTo, RequestFrame, SessionClosedFrame, SessionOpenFrame, SessionOpenedFrame,
  UnknownFrame,
} from '../protocol/frames';
import { wireCodeToErrorCode } from '../protocol/wire-codes';
import { closeError } from './close-error';
import { RequestChannel, type RequestOptions } from '../request/request-channel';
import type { CloseInfo, Transport, TransportListener } from '../transport/transport';
import { validateConnectionOptions, type ConnectionOptions, type Logger } from './connection-options';
import { canTransition, type ConnectionState, type StateChange, type StateChangeReason } from './connection-state';
import { DuplicateFilter } from './duplicate-filter';
import { Heartbeat } from './heartbeat';
import { ReconnectPolicy } from './reconnect-policy';
import { RouterLookup, type FetchLike } from './router-lookup';

/**
 * What a connection reports to its one owner (IMClient, legacy's session port, a bot), which re-emits
 * it publicly as it likes. Every member is optional. A member that throws does not break the
 * connection: the exception is rethrown on a fresh task, so it still surfaces (window.onerror,
 * uncaughtException).
 */
export interface ConnectionObserver {
  /** Every state change, exactly once each. */
  statechange?(change: StateChange): void;
  /** A session opened: on the first connect and after every reconnect. Carries the `session opened` frame. */
  open?(frame: SessionOpenedFrame): void;
  /**
   * Every server frame that is not a reply: `direct` (already de-duplicated and acked), `rcp`,
   * membership pushes, `session closed`, and kinds this version does not know.
   */
  push?(frame: PushFrame | UnknownFrame): void;
  /** Problems that do not end the connection: a malformed server frame. */
  error?(error: RealtimeError): void;
}

interface Attempt {
  readonly id: number;
  transport?: Transport;
  /** The connect timeout, cleared by close() too so that a closed client holds no timer. */
  connectTimer?: ReturnType<typeof setTimeout>;
  /** Ends the attempt with an error while it is still opening (so its promise never dangles). */
  fail?: (error: RealtimeError) => void;
  /** `opening` until `session opened`; `open` afterwards; `done` once it no longer owns the connection. */
  phase: 'opening' | 'open' | 'done';
}

/**
 * The session layer: one logical connection for one client id, kept alive across socket drops.
 *
 * It owns the state machine (`connection-state.ts`), router lookup, heartbeats, reconnection
 * (p-retry, full jitter), incoming de-duplication and receiver acks; requests, their timeouts and
 * the offline outbox live in `RequestChannel`. The promise API (`IMClient`) and `@realtime/legacy`
 * both build on it.
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
  #state: ConnectionState = 'idle';
  #logger: Logger;
  #policy: ReconnectPolicy;
  #router: RouterLookup | undefined;
  #heartbeat: Heartbeat;
  #requests: RequestChannel;
  #seenMessages: DuplicateFilter;
  #abort = new AbortController();
  #attempt: Attempt | undefined;
  #attemptIds = 0;
  #nextAttemptReason: StateChangeReason = 'retry-due';
  #lastOpened: SessionOpenedFrame | undefined;
  #closing: Promise<void> | undefined;
  #firstOpen: Promise<SessionOpenedFrame>;
  #settleFirstOpen!: { resolve(frame: SessionOpenedFrame): void; reject(error: RealtimeError): void };

  /**
   * @param observer the owner's callbacks. An owner handed a built connection (IMClient) assigns
   * `observer` instead; there is one observer, not a list.
   */
  constructor(options: ConnectionOptions, public observer: ConnectionObserver = {}) {
    validateConnectionOptions(options, true);
    this.appId = options.appId;
    this.clientId = options.clientId;
    this.#options = options;
    this.#logger = options.logger ?? {};
    this.#policy = new ReconnectPolicy(options.reconnect);
    this.#requests = new RequestChannel({
      clientId: options.clientId,
      requestTimeoutMs: options.requestTimeoutMs ?? 20_000,
      outbox: options.outbox,
      write: (frame) => this.#write(frame),
    });
    this.#seenMessages = new DuplicateFilter(options.dedupCapacity);
    if (!options.server && options.router) {
      // Bound: browsers throw "Illegal invocation" when fetch is called with another `this`.
      const fetchFn = options.fetch ?? (globalThis.fetch?.bind(globalThis) as unknown as FetchLike | undefined);
      if (!fetchFn) throw new RealtimeError('INVALID_ARGUMENT', 'No fetch for the router lookup: pass options.fetch');
      this.#router = new RouterLookup(options.router, options.appId, fetchFn);
    }
    this.#heartbeat = new Heartbeat({
      intervalMs: options.heartbeatIntervalMs ?? 30_000,
      deadlineMs: options.heartbeatDeadlineMs ?? 75_000,
      ping: () => this.#write({}),
      dead: () => this.#onDead(),
    });
    this.#firstOpen = new Promise((resolve, reject) => {
      this.#settleFirstOpen = { resolve, reject };
    });
    // connect() callers get the rejection; this keeps an unobserved one from being reported as unhandled.
    this.#firstOpen.catch(() => undefined);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get isConnected(): boolean {
    return this.#state === 'connected';
  }

  /** Frames waiting in the offline outbox. */
  get queuedCount(): number {
    return this.#requests.queuedCount;
  }

  /**
   * Starts connecting (router lookup, socket, `session open`) and resolves with the first
   * `session opened` frame. Failures are retried with backoff; it rejects only on a fatal cause or `close()`.
   */
  connect(): Promise<SessionOpenedFrame> {
    if (this.#state === 'idle') {
      this.#transition('connecting', { reason: 'connect', attempt: 1 });
      this.#runConnectLoop(0);
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
    return this.#requests.request(frame, options);
  }

  /**
   * Sends a frame that gets no reply (a transient `direct`, a receiver `ack`). Resolves once written
   * to the socket; while disconnected it waits in the outbox like a request.
   */
  send(frame: FireAndForgetFrame): Promise<void> {
    return this.#requests.send(frame);
  }

  /**
   * Skips the current backoff wait and tries now (the platform saw the network come back or the
   * page become visible). When connected, checks the heartbeat deadline against the clock and pings.
   */
  retryNow(): void {
    if (this.#state === 'reconnecting') {
      // Set first: cutting the wait resumes the loop, whose next attempt reports this reason.
      this.#nextAttemptReason = 'retry-now';
      if (!this.#policy.retryNow()) this.#nextAttemptReason = 'retry-due';
    } else if (this.#state === 'connected' && this.#heartbeat.check()) {
      this.#write({});
    }
  }

  /** Closes for good: stops timers and retries, rejects everything pending with CONNECTION_CLOSED. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#state === 'connected') {
        // Log out first so the server treats us as offline at once (messages go to offline storage);
        // a slow or missing reply must not hold close() up for long.
        await this.request({ cmd: 'session', op: 'close' }, { timeoutMs: 1000 }).catch(() => undefined);
      }
      this.#shutDown(new RealtimeError('CONNECTION_CLOSED', 'Connection closed by the app'), 'client-closed');
    })();
    return this.#closing;
  }

  /**
   * Gives up the current socket and reconnects with backoff (the platform reports the network gone:
   * a socket on a dead network can look open for minutes). Sends wait in the outbox meanwhile.
   */
  dropConnection(): void {
    if (this.#state === 'connected') this.#onConnectionLost(undefined, 'network-lost');
  }

  // ─── connecting ──────────────────────────────────────────────────────────────────────────────

  #runConnectLoop(firstDelayMs: number): void {
    this.#policy
      .run((attemptNumber) => this.#connectOnce(attemptNumber), {
        signal: this.#abort.signal,
        retryScheduled: (delayMs, error, attempt) => {
          this.#transition('reconnecting', {
            reason: 'attempt-failed', retryInMs: delayMs, attempt,
            error: isRealtimeError(error) ? error : new RealtimeError('CONNECT_FAILED', error.message, { cause: error, retryable: true }),
          });
        },
      }, firstDelayMs)
      .catch((error: unknown) => {
        if (this.#state === 'closed') return;
        const fatal = isRealtimeError(error)
          ? error
          : new RealtimeError('CONNECT_FAILED', 'Could not connect', { cause: error });
        this.#shutDown(fatal, fatal.retryable ? 'retries-exhausted' : 'fatal');
      });
  }

  /** One attempt: router → socket → signature → `session open` → `session opened`. */
  async #connectOnce(attemptNumber: number): Promise<SessionOpenedFrame> {
    if (this.#state === 'reconnecting') {
      this.#transition('connecting', { reason: this.#nextAttemptReason, attempt: attemptNumber });
      this.#nextAttemptReason = 'retry-due';
    }
    const attempt: Attempt = { id: ++this.#attemptIds, phase: 'opening' };
    this.#attempt = attempt;
    const connectTimeoutMs = this.#options.connectTimeoutMs ?? 15_000;

    return new Promise<SessionOpenedFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new RealtimeError('CONNECT_TIMEOUT', `No session within ${connectTimeoutMs} ms; retrying`, { retryable: true }));
      }, connectTimeoutMs);
      attempt.connectTimer = timer;
      const fail = (attempt.fail = (error: RealtimeError) => {
        if (attempt.phase !== 'opening') return;
        attempt.phase = 'done';
        clearTimeout(timer);
        attempt.transport?.close(1000, 'attempt failed');
        if (error.retryable) this.#router?.invalidate();
        reject(error);
      });
      const isCurrent = () => this.#attempt === attempt && attempt.phase !== 'done';

      const openSession = async () => {
        let signature;
        try {
          signature = await this.#options.signatureFactory?.(this.clientId);
        } catch (cause) {
          return fail(new RealtimeError('SIGNATURE_FACTORY_FAILED', 'The signature factory threw; retrying', { cause, retryable: true }));
        }
        if (!isCurrent()) return;
        const frame: SessionOpenFrame = {
          cmd: 'session', op: 'open', appId: this.appId, peerId: this.clientId, ua: this.#options.ua ?? 'js/realtime',
          ...(signature ? { t: signature.timestamp, n: signature.nonce, s: signature.signature } : {}),
        };
        this.#requests.write({
          kind: 'session-open', replyKind: 'session-opened', isIdempotent: false, frame: { ...frame },
          resolve: (reply) => {
            if (!isCurrent()) return;
            clearTimeout(timer);
            attempt.phase = 'open';
            this.#onSessionOpened(reply as unknown as SessionOpenedFrame);
            resolve(reply as unknown as SessionOpenedFrame);
          },
          reject: fail,
        }, connectTimeoutMs);
      };

      const listener: TransportListener = {
        open: () => {
          if (isCurrent() && attempt.phase === 'opening') void openSession();
        },
        frame: (data) => {
          if (this.#attempt === attempt && attempt.phase !== 'done') this.#onFrame(data);
        },
        close: (info) => {
          if (this.#attempt !== attempt) return;
          if (attempt.phase === 'opening') return fail(closeError(info));
          if (attempt.phase === 'open') this.#onConnectionLost(info.code >= 4000 ? closeError(info) : undefined, 'socket-closed', info);
        },
      };

      void (async () => {
        let url: string;
        try {
          url = this.#options.server ?? (await this.#router!.server());
        } catch (error) {
          return fail(isRealtimeError(error) ? error : new RealtimeError('ROUTER_FAILED', 'Router lookup failed', { cause: error, retryable: true }));
        }
        if (!isCurrent()) return;
        try {
          attempt.transport = this.#options.transport(url, listener);
        } catch (cause) {
          // A synchronous throw means the URL or the transport is unusable, not a network hiccup.
          fail(new RealtimeError('CONNECT_FAILED', `Cannot open a socket to ${url}`, { cause }));
        }
      })();
    });
  }

  #onSessionOpened(frame: SessionOpenedFrame): void {
    this.#lastOpened = frame;
    this.#transition('connected', { reason: 'session-opened' });
    this.#heartbeat.start();
    this.#settleFirstOpen.resolve(frame);
    this.#requests.isOpen = true;
    this.#notify('open', frame);
    this.#requests.flush();
  }

  // ─── losing the connection ───────────────────────────────────────────────────────────────────

  #onDead(): void {
    if (this.#state !== 'connected') return;
    this.#onConnectionLost(undefined, 'heartbeat-missed');
  }

  /**
   * The socket of an open session is gone. Requests already written either go back to the outbox
   * (idempotent) or reject with CONNECTION_LOST: the server may or may not have applied them, and
   * resending a message could deliver it twice.
   */
  #onConnectionLost(error: RealtimeError | undefined, reason: StateChangeReason, closeInfo?: CloseInfo): void {
    if (this.#closing) {
      this.#shutDown(new RealtimeError('CONNECTION_CLOSED', 'Connection closed by the app'), 'client-closed', closeInfo);
      return;
    }
    const attempt = this.#attempt;
    if (attempt) {
      attempt.phase = 'done';
      attempt.transport?.close(1000, reason);
    }
    this.#attempt = undefined;
    this.#heartbeat.stop();
    this.#requests.connectionLost();
    if (error && !error.retryable) {
      this.#shutDown(error, 'fatal', closeInfo);
      return;
    }
    const retryInMs = this.#policy.nextRetryDelayMs(0);
    this.#transition('reconnecting', { reason, retryInMs, closeInfo, error });
    this.#runConnectLoop(retryInMs);
  }

  #shutDown(error: RealtimeError, reason: StateChangeReason, closeInfo?: CloseInfo): void {
    if (this.#state === 'closed') return;
    this.#abort.abort(error);
    this.#heartbeat.stop();
    const attempt = this.#attempt;
    this.#attempt = undefined;
    if (attempt) {
      attempt.fail?.(error);
      attempt.phase = 'done';
      clearTimeout(attempt.connectTimer);
      attempt.transport?.close(1000, 'closed');
    }
    this.#requests.close(error);
    this.#settleFirstOpen.reject(error);
    this.#transition('closed', { reason, error: reason === 'client-closed' ? undefined : error, closeInfo });
  }

  // ─── frames ──────────────────────────────────────────────────────────────────────────────────

  #onFrame(data: string | Uint8Array): void {
    this.#heartbeat.frameReceived();
    let frame;
    try {
      frame = decodeServerFrame(data);
    } catch (error) {
      const protocolError = error instanceof ProtocolError ? error : new ProtocolError('Undecodable frame', data);
      this.#logger.warn?.('dropped a malformed server frame', protocolError);
      this.#notify('error', protocolError);
      return;
    }
    if (frame.cmd === undefined) return; // heartbeat answer
    const record = frame as unknown as Record<string, unknown>;
    // Pushes never carry `i`; a reply nobody waits for (its request timed out) is dropped.
    if (this.#requests.settle(record) || (typeof record.i === 'number' && frame.cmd !== 'direct')) return;
    if (frame.cmd === 'direct') {
      const direct = frame as PushFrame & { cmd: 'direct' };
      if (!direct.transient && (this.#options.autoAck ?? true)) {
        this.#write({ cmd: 'ack', cid: direct.cid, mid: direct.id, peerId: this.clientId });
      }
      if (!this.#seenMessages.isFirstSighting(`${direct.cid}\u0000${direct.id}`)) return;
    }
    this.#notify('push', frame as PushFrame | UnknownFrame);
    if (frame.cmd === 'session' && record.op === 'closed') this.#onSessionClosedPush(frame as SessionClosedFrame);
  }

  /** The server ended the session (conflict, kicked…): fatal codes close us, anything else reconnects. */
  #onSessionClosedPush(frame: SessionClosedFrame): void {
    if (this.#state !== 'connected') return;
    const wireCode = typeof frame.code === 'number' ? frame.code : 0;
    const isFatal = wireCode !== 0 && wireCodeToErrorCode(wireCode).fatal;
    this.#onConnectionLost(isFatal ? new ServerError(wireCode, frame.reason, frame, frame.detail) : undefined, 'session-closed');
  }

  // ─── writing ─────────────────────────────────────────────────────────────────────────────────

  #write(frame: Record<string, unknown>): void {
    const transport = this.#attempt?.transport;
    if (!transport) return;
    try {
      transport.send(encodeFrame(frame as never));
    } catch (error) {
      // A socket that is closing may throw; its close event follows and settles what is in flight.
      this.#logger.warn?.('socket write failed', error);
    }
  }

  // ─── state ───────────────────────────────────────────────────────────────────────────────────

  #transition(to: ConnectionState, change: Omit<StateChange, 'previous' | 'current'>): void {
    const previous = this.#state;
    if (!canTransition(previous, to)) {
      this.#logger.error?.(`ignored an invalid transition ${previous} → ${to}`, change);
      return;
    }
    this.#state = to;
    const event: StateChange = { previous, current: to, ...change };
    for (const key of Object.keys(event) as (keyof StateChange)[]) if (event[key] === undefined) delete event[key];
    this.#logger.info?.(`connection ${previous} → ${to} (${change.reason})`, event);
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

  /** The last `session opened` frame, if a session is or was open. */
  get lastOpenedFrame(): SessionOpenedFrame | undefined {
    return this.#lastOpened;
  }
}
