import { callbackify } from './callbackify';
import { decodeMessageBody } from './decode-message-body';
import { EventCenter } from './event-center';
import { LegacyEvent, eventsForPhase, eventsForPush, type ConnectionPhase } from './event-names';
import { LegacyError } from './legacy-error';
import { requestSignature, type AuthParams, type NormalizedOptions } from './legacy-options';
import { RoomObject, type RoomHost } from './room-object';
import type { Frame, PhaseChange, SessionPort, SessionPortFactory } from './session-port';

type Callback<T> = (value: T) => void;

/** Options of `conv(options)` / `room(options)`. */
export interface RoomOptions {
  members?: string[];
  name?: string;
  attr?: Record<string, unknown>;
  transient?: boolean;
  /** 2.3.2+: reuse the existing conversation with the same members. */
  unique?: boolean;
}

/** Options of `query(options, callback)`. */
export interface QueryOptions {
  where?: Record<string, unknown>;
  sort?: string;
  limit?: number;
  skip?: number;
  compact?: boolean;
  withLastMessages?: boolean;
}

/** The presence query checks at most this many ids (seed document, `ping`). */
const maxPingIds = 20;

/**
 * The object `AV.realtime()` returns. Events and callbacks carry the frames 2.4.0 gave
 * (protocol.md §7); the connection underneath is core's session layer, so reconnects back off
 * and errors arrive as `error` events instead of exceptions thrown from socket handlers.
 */
export class RealtimeObject implements RoomHost {
  readonly clientId: string | undefined;
  private readonly events: EventCenter;
  private port: SessionPort;
  private phase: ConnectionPhase = 'idle';
  private lastOpenedFrame: Frame | undefined;
  private isReuseAnnounced = false;
  private openWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly rooms = new Map<string, RoomObject>();

  /** @internal Use `AV.realtime(options, callback)`. */
  constructor(
    private readonly options: NormalizedOptions,
    private readonly createPort: SessionPortFactory,
    private readonly userAgent: string,
  ) {
    this.clientId = options.clientId;
    this.events = new EventCenter((error, eventName) => {
      // A failing `error` listener must not loop back into `error`.
      if (eventName !== LegacyEvent.error) this.report(error);
    });
    this.port = this.newPort();
  }

  get shouldEncodeHtml(): boolean {
    return this.options.encodeHTML;
  }

  /** Connects (done for you by `AV.realtime`); `callback` gets the `session opened` frame. */
  open(callback?: Callback<Frame>): this {
    if (this.phase === 'connected') {
      // Already open: answer at once (asynchronously) instead of forcing a reconnect.
      if (callback) this.later(() => this.safely(() => callback(this.lastOpenedFrame as Frame)));
      return this;
    }
    if (callback) this.events.on(LegacyEvent.open, callback as Callback<unknown>, true);
    if (this.phase === 'closed') {
      this.port = this.newPort();
      this.phase = 'idle';
    }
    if (this.phase === 'idle') this.port.open();
    return this;
  }

  /** Closes the connection; `close` is emitted (also when called before the connection opened). */
  close(): this {
    if (this.phase !== 'closed') this.port.close();
    return this;
  }

  on<T = unknown>(eventName: string, callback: Callback<T>): this {
    this.events.on(eventName, callback as Callback<unknown>);
    return this;
  }

  once<T = unknown>(eventName: string, callback: Callback<T>): this {
    this.events.on(eventName, callback as Callback<unknown>, true);
    return this;
  }

  off<T = unknown>(eventName: string, callback: Callback<T>): this {
    this.events.off(eventName, callback as Callback<unknown>);
    return this;
  }

  emit(eventName: string, data?: unknown): this {
    this.events.emit(eventName, data, this);
    return this;
  }

  /** Creates a conversation from options, or finds one by id (`callback(null)` when missing). */
  conv(options?: RoomOptions | string | Callback<RoomObject>, callback?: Callback<RoomObject | null>): RoomObject {
    return this.room(options, callback);
  }

  room(options?: RoomOptions | string | Callback<RoomObject>, callback?: Callback<RoomObject | null>): RoomObject {
    if (typeof options === 'string') return this.findRoom(options, callback);
    if (typeof options === 'function') return this.createRoom({}, options);
    return this.createRoom(options ?? {}, callback);
  }

  /** Queries conversations; without options, the ones this client is a member of. */
  query(callback: Callback<Frame[]>): this;
  query(options: QueryOptions, callback: Callback<Frame[]>): this;
  query(optionsOrCallback: QueryOptions | Callback<Frame[]>, maybeCallback?: Callback<Frame[]>): this {
    const options: QueryOptions =
      typeof optionsOrCallback === 'object' && optionsOrCallback !== null ? optionsOrCallback : {};
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    this.perform(Promise.resolve(this.queryCommand(options)), undefined, (reply) =>
      callback?.((reply.results as Frame[] | undefined) ?? []),
    );
    return this;
  }

  /** Which of these client ids are online; the first 20 are checked. */
  ping(clientIds: string | string[], callback: Callback<string[]>): this {
    if (typeof callback !== 'function') throw new LegacyError('INVALID_ARGUMENT', 'ping() needs a callback');
    const ids = typeof clientIds === 'string' ? [clientIds] : clientIds;
    if (!Array.isArray(ids)) throw new LegacyError('INVALID_ARGUMENT', 'ping() takes a client id or an array of client ids');
    const command: Frame = { cmd: 'session', op: 'query', sessionPeerIds: ids.slice(0, maxPingIds) };
    this.perform(Promise.resolve(command), undefined, (reply) =>
      callback((reply.onlineSessionPeerIds as string[] | undefined) ?? []),
    );
    return this;
  }

  /** @internal */
  perform(command: Promise<Frame>, sign: AuthParams | undefined, onReply: Callback<Frame> | undefined): void {
    const reply = this.whenOpen()
      .then(() => command)
      .then((frame) => this.signed(frame, sign))
      .then((frame) => this.port.request(frame));
    callbackify(reply, onReply, (error) => {
      // A failed send comes back as an `ack` carrying `code`; 2.4.0 handed that ack to the
      // send callback, and apps check `data.code`, so it still does (and `error` fires too).
      const frame = errorFrameOf(error);
      if (frame && frame.cmd === 'ack' && typeof onReply === 'function') this.safely(() => onReply(frame));
      this.report(error);
    });
  }

  /** @internal */
  sendWithoutReply(command: Promise<Frame>): void {
    this.whenOpen()
      .then(() => command)
      .then((frame) => this.port.send(frame))
      .catch((error) => this.report(error));
  }

  /** @internal */
  listen(eventName: string, listener: (data: Frame) => void): void {
    this.events.on(eventName, listener as Callback<unknown>);
  }

  /** @internal Sends an error to the `error` event, as the frame that carried it when there is one. */
  report(error: unknown): void {
    if (isAlreadyReported(error)) return;
    this.events.emit(LegacyEvent.error, errorFrameOf(error) ?? error, this);
  }

  private newPort(): SessionPort {
    return this.createPort(
      {
        appId: this.options.appId,
        clientId: this.options.clientId,
        server: this.options.server,
        router: this.options.router,
        secure: this.options.secure,
        region: this.options.region,
        userAgent: this.userAgent,
        signSessionOpen: this.options.auth
          ? () => requestSignature(this.options.auth!, { clientId: this.options.clientId })
          : undefined,
      },
      {
        phase: (change) => this.onPhase(change),
        push: (frame) => this.onPush(frame),
        error: (error) => this.report(error),
      },
    );
  }

  private onPhase(change: PhaseChange): void {
    const { previous, current } = change;
    this.phase = current;
    const events = eventsForPhase(previous, current, this.isReuseAnnounced);
    if (current === 'connected') {
      this.isReuseAnnounced = false;
      this.lastOpenedFrame = change.openedFrame ?? { cmd: 'session', op: 'opened', peerId: this.clientId };
      for (const waiter of this.openWaiters.splice(0)) waiter.resolve();
    }
    if (events.includes(LegacyEvent.reuse)) this.isReuseAnnounced = true;
    // Core retries network trouble quietly (`reuse` says so); anything else that made an
    // attempt fail (the auth function refusing to sign, a server close code) is news to the app.
    if (current === 'reconnecting' && change.error && !isNetworkTrouble(change.error)) this.report(change.error);
    if (current === 'closed') {
      const closedError = new LegacyError('CONNECTION_CLOSED', 'The connection was closed', { cause: change.error });
      for (const waiter of this.openWaiters.splice(0)) waiter.reject(markReported(closedError));
      if (change.error) this.report(change.error);
    }
    for (const eventName of events) {
      const payload =
        eventName === LegacyEvent.open ? this.lastOpenedFrame : eventName === LegacyEvent.close ? closeEventOf(change) : undefined;
      // `close` and `reuse` are deferred, as a socket's close event is: a listener added right
      // after close() still hears it (the seed's close() example relies on that).
      if (eventName === LegacyEvent.open) this.events.emit(eventName, payload, this);
      else this.later(() => this.events.emit(eventName, payload, this));
    }
  }

  private onPush(frame: Frame): void {
    if (frame.cmd === 'direct') frame.msg = decodeMessageBody(frame.msg, this.options.encodeHTML);
    for (const eventName of eventsForPush(frame)) this.events.emit(eventName, frame, this);
  }

  private createRoom(options: RoomOptions, callback: Callback<RoomObject> | undefined): RoomObject {
    const members = options.members ?? [];
    const name = options.name || '';
    const attr = options.attr || {};
    let settle!: { resolve: (cid: string) => void; reject: (error: unknown) => void };
    const ready = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    const room = new RoomObject(this, ready);
    const command: Frame = {
      cmd: 'conv',
      op: 'start',
      m: members,
      attr: { name, attr },
      unique: Boolean(options.unique),
      transient: Boolean(options.transient),
    };
    const started = this.whenOpen()
      .then(() => this.signed(command, { clientId: this.clientId, members }))
      .then((frame) => this.port.request(frame));
    started.then(
      (reply) => {
        room.id = reply.cid as string;
        // 2.4.0 keeps the name and attr it sent, not values from the server.
        room.name = name;
        room.attr = attr;
        this.rooms.set(room.id, room);
        settle.resolve(room.id);
        if (callback) this.safely(() => callback(room));
        this.events.emit(LegacyEvent.create, reply, this);
      },
      (error) => {
        this.report(error);
        settle.reject(markReported(error));
      },
    );
    return room;
  }

  private findRoom(id: string, callback: Callback<RoomObject | null> | undefined): RoomObject {
    const room = this.rooms.get(id) ?? new RoomObject(this, Promise.resolve(id));
    room.id = id;
    const lookup = this.queryCommand({ where: { objectId: id } });
    this.perform(Promise.resolve(lookup), undefined, (reply) => {
      const found = ((reply.results as Array<Record<string, unknown>> | undefined) ?? [])[0];
      if (found) {
        room.name = found.name as string | undefined;
        room.attr = found.attr as Record<string, unknown> | undefined;
        this.rooms.set(id, room);
      }
      callback?.(found ? room : null);
    });
    return room;
  }

  /** The `conv query` 2.4.0 builds (protocol.md §2.6), without touching the app's objects. */
  private queryCommand(options: QueryOptions): Frame {
    const where: Record<string, unknown> = { ...(options.where ?? { m: this.clientId }) };
    if (where.m !== undefined && typeof where.m !== 'string') where.m = { $all: where.m };
    const ids = where.roomIds ?? where.convIds;
    if (ids) {
      where.objectId = { $in: ids };
      delete where.roomIds;
      delete where.convIds;
    }
    let flag = 0;
    if (options.compact) flag |= 1;
    if (options.withLastMessages) flag |= 2;
    return {
      cmd: 'conv',
      op: 'query',
      where,
      sort: options.sort || '-lm',
      limit: options.limit || 10,
      skip: options.skip || 0,
      flag,
    };
  }

  private signed(frame: Frame, params: AuthParams | undefined): Promise<Frame> | Frame {
    if (!params || !this.options.auth) return frame;
    return requestSignature(this.options.auth, params).then((result) => ({
      ...frame,
      t: result.timestamp,
      n: result.nonce,
      s: result.signature,
    }));
  }

  private whenOpen(): Promise<void> {
    if (this.phase === 'connected') return Promise.resolve();
    if (this.phase === 'closed') {
      return Promise.reject(new LegacyError('CONNECTION_CLOSED', 'The realtime object is closed: call open() first'));
    }
    return new Promise((resolve, reject) => this.openWaiters.push({ resolve, reject }));
  }

  private safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.report(error);
    }
  }

  private later(run: () => void): void {
    setTimeout(run, 0);
  }
}

const networkTroubleCodes = new Set(['CONNECT_FAILED', 'CONNECT_TIMEOUT', 'ROUTER_FAILED', 'CONNECTION_LOST']);

function isNetworkTrouble(error: unknown): boolean {
  return networkTroubleCodes.has(String((error as { code?: unknown } | null)?.code));
}

function closeEventOf(change: PhaseChange): Frame {
  const info = change.closeInfo ?? { code: 1000, reason: '' };
  return { type: 'close', code: info.code, reason: info.reason, wasClean: info.code === 1000 };
}

function errorFrameOf(error: unknown): Frame | undefined {
  const frame = (error as { frame?: unknown } | null)?.frame;
  return frame && typeof frame === 'object' ? (frame as Frame) : undefined;
}

const reported = new WeakSet<object>();

/** Errors already sent to `error` (or caused by close()) are not reported twice. */
function markReported<T>(error: T): T {
  if (error && typeof error === 'object') reported.add(error);
  return error;
}

function isAlreadyReported(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && reported.has(error));
}
