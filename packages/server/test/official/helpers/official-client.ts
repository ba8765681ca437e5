import type { AuthParams, AuthResult, QueryOptions, RealtimeObject, RoomObject, RoomOptions } from 'leancloud-realtime';
import { ClientZone } from './client-zone';
import { EventRecorder, type Frame } from './event-recorder';
import { OfficialConversation } from './official-conversation';
import { OfficialRequestError } from './official-request-error';
import { bundledWebSocket, officialRealtime } from './official-realtime';
import type { WebSocketClass } from './zoned-web-socket';

export interface OfficialClientOptions {
  /** Our router, e.g. `RunningServer.routerUrl`. */
  routerUrl: string;
  appId: string;
  clientId: string;
  /** The 2.x `auth` option: the app's signing callback. */
  auth?: (params: AuthParams) => AuthResult | null;
  /** What `realtime.config({WebSocket})` gives this client. @default the bundled ws@0.8 */
  webSocketClass?: WebSocketClass;
  /**
   * Passed to 2.4.0 as is. Left unset, 2.4.0 sends `secure=1`; our router still answers
   * `ws://` when the lookup itself came over plain HTTP (see the server's route endpoint).
   * @default undefined (2.4.0's own default)
   */
  secure?: boolean;
  /**
   * How the replaced `_engine.getServer` asks our router (see `official-realtime.ts`).
   * @default 'client-ajax', 2.4.0's own request
   */
  routerLookup?: 'client-ajax' | 'fetch-with-retry';
  /** How long a request may wait for its reply. 2.x has no timeout of its own. @default 5000 */
  requestTimeoutMs?: number;
}

const liveClients = new Set<OfficialClient>();

/**
 * Promise-shaped driver for one unmodified `leancloud-realtime@2.4.0` instance. Every call
 * into the client runs inside the instance's zone (see `client-zone.ts`), replies are matched
 * to requests by the client's own serial id, and refusals (`cmd:"error"` with that `i`)
 * reject with `OfficialRequestError` instead of hanging like 2.x callbacks do.
 */
export class OfficialClient {
  readonly events: EventRecorder;
  readonly #zone: ClientZone;
  readonly #requestTimeoutMs: number;

  private constructor(
    readonly rt: RealtimeObject,
    zone: ClientZone,
    requestTimeoutMs: number,
  ) {
    this.#zone = zone;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.events = new EventRecorder(rt);
  }

  get clientId(): string {
    return this.rt.clientId;
  }

  /** The serial id (`i`) of the last command 2.4.0 built; it increments before each one. */
  get lastSerialId(): number {
    return (this.rt.cache as unknown as { serialId: number }).serialId;
  }

  /**
   * Starts an instance (`realtime(options, callback)`) and resolves once its callback runs,
   * i.e. on the first `session opened`. A `session closed` first means the login was refused.
   */
  static async open(options: OfficialClientOptions): Promise<OfficialClient> {
    const client = OfficialClient.start(options);
    try {
      await client.#untilOpen();
      return client;
    } catch (error) {
      client.dispose();
      throw error;
    }
  }

  /** Starts an instance without waiting for it to open (to watch a refused login). */
  static start(options: OfficialClientOptions): OfficialClient {
    const realtime = officialRealtime();
    const zone = new ClientZone(options.routerUrl, options.webSocketClass ?? bundledWebSocket, options.routerLookup);
    const auth = options.auth;
    const rt = zone.run(() =>
      realtime({
        appId: options.appId,
        clientId: options.clientId,
        secure: options.secure,
        auth: auth ? (params, callback) => callback(auth(params)) : undefined,
      }),
    );
    const client = new OfficialClient(rt, zone, options.requestTimeoutMs ?? 5000);
    liveClients.add(client);
    return client;
  }

  /** Disposes every client started since the last call (for `afterEach`). */
  static disposeAll(): void {
    for (const client of liveClients) client.dispose();
  }

  /** `rt.conv(options, cb)`: creates a conversation (or a chat room with `transient`). */
  conv(options: RoomOptions): Promise<OfficialConversation> {
    return this.#request('conv start', (done) => this.rt.conv(options, (room: RoomObject) => done(this.#wrap(room))));
  }

  /** `rt.room(id, cb)`: looks a conversation up by id; `null` when the server has none. */
  room(id: string): Promise<OfficialConversation | null> {
    return this.#request('conv query', (done) =>
      this.rt.room(id, (room: RoomObject | null) => done(room ? this.#wrap(room) : null)),
    );
  }

  /** `rt.query(options, cb)` (or `rt.query(cb)` without options). */
  query(options?: QueryOptions): Promise<Frame[]> {
    return this.#request('conv query', (done) => (options ? this.rt.query(options, done) : this.rt.query(done)));
  }

  /** `rt.ping(ids, cb)`: which of these client ids are online. */
  ping(ids: string | string[]): Promise<string[]> {
    return this.#request('session query', (done) => this.rt.ping(ids, done));
  }

  /**
   * `rt.close()`, resolving with the payload of the `close` event it causes (the socket's
   * CloseEvent). The instance stays usable: `reopen()` opens it again.
   */
  async close(): Promise<any> {
    const closeCount = this.events.all('close').length;
    const closed = this.events.waitForCount('close', closeCount + 1, () => true, this.#requestTimeoutMs);
    this.#zone.run(() => this.rt.close());
    return (await closed).at(-1);
  }

  /** `rt.open(cb)` on this instance again, resolving with what the callback receives. */
  async reopen(): Promise<Frame> {
    const opened = this.#untilOpen();
    const called = new Promise<Frame>((resolve) => this.#zone.run(() => this.rt.open(resolve)));
    await opened;
    return called;
  }

  /** Stops everything this instance left running: its timers and sockets. Idempotent. */
  dispose(): void {
    this.#zone.dispose();
    liveClients.delete(this);
  }

  /**
   * Runs one request. `start` calls the 2.4.0 method; the serial id the method took is the
   * one in `rt.cache` right after the call (2.4.0 increments it before each command).
   */
  request<T>(label: string, start: (done: (value: T) => void) => void): Promise<T> {
    return this.#request(label, start);
  }

  #request<T>(label: string, start: (done: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let serialId: number | undefined;
      const onError = (frame: Frame | undefined) => {
        if (frame && frame.i === serialId) {
          settle();
          reject(new OfficialRequestError(label, frame));
        }
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`official client ${this.clientId}: no reply to ${label} (i=${serialId}) within ${this.#requestTimeoutMs} ms`));
      }, this.#requestTimeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.rt.off('error', onError);
      };
      this.rt.on('error', onError);
      this.#zone.run(() =>
        start((value) => {
          settle();
          resolve(value);
        }),
      );
      serialId = this.lastSerialId;
    });
  }

  #wrap(room: RoomObject): OfficialConversation {
    return new OfficialConversation(room, this, this.#zone);
  }

  #untilOpen(): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const onOpen = (frame: Frame) => {
        settle();
        resolve(frame);
      };
      const onRefused = (frame: Frame) => {
        settle();
        reject(new OfficialRequestError('session open', frame));
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`official client ${this.clientId} did not open within ${this.#requestTimeoutMs} ms`));
      }, this.#requestTimeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.rt.off('open', onOpen);
        this.rt.off('session-closed', onRefused);
      };
      this.rt.on('open', onOpen);
      this.rt.on('session-closed', onRefused);
    });
  }
}
