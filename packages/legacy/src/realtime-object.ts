import type { ConnectionObserver, ConnectionState } from '@realtime/core';
import { optionsAndCallback, clientIdList } from './call-arguments';
import { decodeMessageBody } from './decode-message-body';
import { EventCenter } from './event-center';
import { eventsForPush } from './event-names';
import { LegacyError } from './legacy-error';
import { requestSignature, type AuthParams, type NormalizedOptions } from './legacy-options';
import type { Frame, LegacySession, SessionFactory } from './legacy-session';
import { RoomObject, type RoomHost } from './room-object';

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

/**
 * The object `AV.realtime()` returns, a 2.x event hub (`on`, `once`, `off`, `emit`). Events and
 * callbacks carry the frames 2.4.0 gave (protocol.md §7); the connection underneath is core's
 * session layer, so reconnects back off and errors arrive as `error` events instead of
 * exceptions thrown from socket handlers.
 */
export class RealtimeObject extends EventCenter implements RoomHost {
  readonly clientId: string;
  /** @internal Whether received text is HTML-escaped (the `encodeHTML` option). */
  readonly encodeHTML: boolean;
  #options: NormalizedOptions;
  #openSession: SessionFactory;
  #session!: LegacySession;
  #state: ConnectionState = 'idle';
  #lastOpenedFrame: Frame | undefined;
  #isReuseAnnounced = false;
  /** Calls waiting for the connection; close() drops them quietly (the app hears `close`). */
  #openWaiters: Array<() => void> = [];
  #rooms = new Map<string, RoomObject>();

  /** @internal Use `AV.realtime(options, callback)`. */
  constructor(options: NormalizedOptions, openSession: SessionFactory) {
    super();
    this.clientId = options.clientId;
    this.encodeHTML = options.encodeHTML;
    this.#options = options;
    this.#openSession = openSession;
  }

  /** Connects (done for you by `AV.realtime`); `callback` gets the `session opened` frame. */
  open(callback?: Callback<Frame>): this {
    if (this.#state === 'connected') {
      // Already open: answer at once (asynchronously) instead of forcing a reconnect.
      setTimeout(() => this.#callBack(callback, this.#lastOpenedFrame as Frame));
      return this;
    }
    if (callback) this.once('open', callback);
    if (this.#state === 'idle' || this.#state === 'closed') {
      this.#session = this.#openSession(this.#options, this.#observer);
      // Failures surface through `statechange`; the promise itself is not needed.
      this.#session.connect().catch(() => undefined);
    }
    return this;
  }

  /** Closes the connection; `close` is emitted (also when called before the connection opened). */
  close(): this {
    if (this.#state !== 'closed') void this.#session.close();
    return this;
  }

  /** The seed document's other name for `room()`. */
  readonly conv = this.room;

  /** Creates a conversation from options, or finds one by id (`callback(null)` when missing). */
  room(options?: RoomOptions | string | Callback<RoomObject>, callback?: Callback<RoomObject | null>): RoomObject {
    return typeof options === 'string' ? this.#findRoom(options, callback) : this.#createRoom(...optionsAndCallback(options, callback));
  }

  /** Queries conversations; without options, the ones this client is a member of. */
  query(callback: Callback<Frame[]>): this;
  query(options: QueryOptions, callback: Callback<Frame[]>): this;
  query(optionsOrCallback: QueryOptions | Callback<Frame[]>, maybeCallback?: Callback<Frame[]>): this {
    const [options, callback] = optionsAndCallback(optionsOrCallback, maybeCallback);
    this.perform(queryCommand(options, this.clientId), (reply) => callback?.((reply.results as Frame[]) ?? []));
    return this;
  }

  /** Which of these client ids are online; the first 20 are checked (the server's limit). */
  ping(clientIds: string | string[], callback: Callback<string[]>): this {
    if (!callback) throw new LegacyError('INVALID_ARGUMENT', 'ping() needs a callback');
    const sessionPeerIds = clientIdList(clientIds).slice(0, 20);
    this.perform({ cmd: 'session', op: 'query', sessionPeerIds }, (reply) => callback((reply.onlineSessionPeerIds as string[]) ?? []));
    return this;
  }

  /**
   * @internal Sends `command` once connected (signed first when `sign` is given and `auth` is
   * set), then calls back with the reply; failures go to `error`. A command still pending
   * waits (a room's, for the room's id).
   */
  perform(command: Frame | Promise<Frame>, onReply?: Callback<Frame>, sign?: AuthParams): void {
    const auth = this.#options.auth;
    this.#whenOpen()
      .then(() => command)
      .then((frame) =>
        sign && auth
          ? requestSignature(auth, sign).then(({ timestamp, nonce, signature }) => ({ ...frame, t: timestamp, n: nonce, s: signature }))
          : frame,
      )
      // A transient message gets no ack, so there is no reply to wait for.
      .then((frame) => (frame.cmd === 'direct' && frame.transient ? (this.#session.send(frame) as Promise<Frame>) : this.#session.request(frame)))
      .then(
        (reply) => this.#callBack(onReply, reply),
        (error) => {
          // A refused send comes back as an `ack` carrying `code`; 2.4.0 handed that ack to the
          // send callback, and apps check `data.code`, so it still does (and `error` fires too).
          if (error?.frame?.cmd === 'ack') this.#callBack(onReply, error.frame);
          this.#report(error);
        },
      );
  }

  /** What the session reports, turned into the 2.x events. */
  #observer: ConnectionObserver = {
    statechange: ({ previous, current, closeInfo, error }) => {
      this.#state = current;
      // Core retries network trouble quietly (`reuse` says so); anything else that made an
      // attempt fail (the auth function refusing to sign, a server close code) is news to the app.
      if (error && !(current === 'reconnecting' && networkTroubleCodes.includes(error.code))) this.#report(error);
      if (current === 'closed') this.#openWaiters = [];
      // As in 2.4.0 a lost socket fires `close` before `reuse` (the seed: "close … including network
      // loss"), and one outage has one `reuse`. Both are deferred, as a socket's close event is: a
      // listener added right after close() still hears it (the seed's close() example relies on that).
      if (previous === 'connected' || current === 'closed') {
        const { code, reason } = closeInfo ?? { code: 1000, reason: '' };
        setTimeout(() => this.emit('close', { type: 'close', code, reason, wasClean: code === 1000 }));
      }
      if (current === 'reconnecting' && !this.#isReuseAnnounced) {
        this.#isReuseAnnounced = true;
        setTimeout(() => this.emit('reuse'));
      }
    },
    // After the `connected` state change, with the `session opened` frame.
    open: (frame) => {
      this.#lastOpenedFrame = frame as unknown as Frame;
      this.#isReuseAnnounced = false;
      for (const resume of this.#openWaiters.splice(0)) resume();
      this.emit('open', frame);
    },
    push: (pushed) => {
      const frame = pushed as unknown as Frame;
      if (frame.cmd === 'direct') frame.msg = decodeMessageBody(frame.msg, this.encodeHTML);
      for (const eventName of eventsForPush(frame)) this.emit(eventName, frame);
    },
    error: (error) => this.#report(error),
  };

  #createRoom(options: RoomOptions, callback: Callback<RoomObject> | undefined): RoomObject {
    const members = options.members ?? [];
    const name = options.name || '';
    const attr = options.attr || {};
    const command = { cmd: 'conv', op: 'start', m: members, attr: { name, attr }, unique: !!options.unique, transient: !!options.transient };
    // A room whose creation failed (reported once, here) leaves its calls waiting forever.
    const room: RoomObject = new RoomObject(
      this,
      new Promise((resolve) =>
        this.perform(
          command,
          (reply) => {
            resolve((room.id = reply.cid as string));
            // 2.4.0 keeps the name and attr it sent, not values from the server.
            room.name = name;
            room.attr = attr;
            this.#rooms.set(room.id, room);
            this.#callBack(callback, room);
            this.emit('create', reply);
          },
          { clientId: this.clientId, members },
        ),
      ),
    );
    return room;
  }

  #findRoom(id: string, callback: Callback<RoomObject | null> | undefined): RoomObject {
    const room = this.#rooms.get(id) ?? new RoomObject(this, Promise.resolve(id));
    room.id = id;
    this.perform(queryCommand({ where: { objectId: id } }, this.clientId), (reply) => {
      const found = (reply.results as Frame[] | undefined)?.[0];
      if (found) {
        room.name = found.name as string | undefined;
        room.attr = found.attr as Record<string, unknown> | undefined;
        this.#rooms.set(id, room);
      }
      callback?.(found ? room : null);
    });
    return room;
  }

  #whenOpen(): Promise<void> {
    return this.#state === 'closed'
      ? Promise.reject(new LegacyError('CONNECTION_CLOSED', 'Connection closed: call open() first'))
      : new Promise((resolve) => (this.#state === 'connected' ? resolve() : this.#openWaiters.push(resolve)));
  }

  /** Runs an app callback; what it throws goes to `error` instead of up the socket handler. */
  #callBack<T>(callback: Callback<T> | undefined, value: T): void {
    try {
      callback?.(value);
    } catch (error) {
      this.#report(error);
    }
  }

  /** Sends an error to `error`, as the frame that carried it when there is one (2.4.0 emitted frames). */
  #report(error: any): void {
    // Only a frame object stands in for the error (a router's error body may be a bare string).
    this.emit('error', error?.frame instanceof Object ? error.frame : error);
  }
}

const networkTroubleCodes: unknown[] = ['CONNECT_FAILED', 'CONNECT_TIMEOUT', 'ROUTER_FAILED', 'CONNECTION_LOST'];

/** The `conv query` 2.4.0 builds (protocol.md §2.6), without touching the app's objects. */
function queryCommand(options: QueryOptions, clientId: string): Frame {
  const where: Record<string, unknown> = { ...(options.where ?? { m: clientId }) };
  if (where.m && typeof where.m !== 'string') where.m = { $all: where.m };
  const ids = where.roomIds ?? where.convIds;
  if (ids) {
    where.objectId = { $in: ids };
    delete where.roomIds;
    delete where.convIds;
  }
  return {
    cmd: 'conv',
    op: 'query',
    where,
    sort: options.sort || '-lm',
    limit: options.limit || 10,
    skip: options.skip || 0,
    // Bit 1: no member lists; bit 2: with each conversation's last message.
    flag: (options.compact ? 1 : 0) | (options.withLastMessages ? 2 : 0),
  };
}
