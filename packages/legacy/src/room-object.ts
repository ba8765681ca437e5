import { optionsAndCallback, clientIdList } from './call-arguments';
import { decodeMessageBody } from './decode-message-body';
import { encodeMessageBody } from './encode-message-body';
import type { AuthParams } from './legacy-options';
import type { Frame } from './legacy-session';

type Callback<T> = (value: T) => void;

/** What a RoomObject needs from the RealtimeObject that made it. */
export interface RoomHost {
  readonly clientId: string;
  readonly encodeHTML: boolean;
  /** Sends `command` once connected (signed first when `sign` applies), calls back with the reply, reports failures. */
  perform(command: Frame | Promise<Frame>, onReply?: Callback<Frame>, sign?: AuthParams): void;
  on(eventName: string, listener: Callback<Frame>): unknown;
}

export interface SendOptions {
  /** Ask for a delivery receipt (`receipt` event / `room.receipt()`). @default false */
  receipt?: boolean;
  /** A transient message: no ack, no history, no callback. @default false */
  transient?: boolean;
  /** Cross-platform media type: text, image, audio, video, location or file. */
  type?: string;
  [key: string]: unknown;
}

export interface LogOptions {
  /** Messages older than this time (ms). */
  t?: number | string;
  /** The id of the message at `t`, to page exactly. */
  mid?: string;
  /** How many messages. @default 20 */
  limit?: number;
}

/**
 * A conversation ("room") with the 2.x callback surface. Every method returns the room, so
 * calls chain. A room made by `conv(options)` has no id until the server created it; its
 * methods wait for that instead of failing as 2.4.0 did.
 */
export class RoomObject {
  /** The conversation id (`cid`); `''` until the server has created the room. */
  id = '';
  name: string | undefined;
  attr: Record<string, unknown> | undefined;
  #host: RoomHost;
  #ready: Promise<string>;

  /** @internal `ready` resolves with the id once the room exists (never, if its creation failed). */
  constructor(host: RoomHost, ready: Promise<string>) {
    this.#host = host;
    this.#ready = ready;
  }

  add(clientIds: string | string[], callback?: Callback<Frame>): this {
    return this.#changeMembers('add', clientIds, callback);
  }

  remove(clientIds: string | string[], callback?: Callback<Frame>): this {
    return this.#changeMembers('remove', clientIds, callback);
  }

  join(callback?: Callback<Frame>): this {
    return this.add(this.#host.clientId, callback);
  }

  leave(callback?: Callback<Frame>): this {
    return this.remove(this.#host.clientId, callback);
  }

  list(callback: Callback<string[]>): this {
    return this.#perform(
      (cid) => ({ cmd: 'conv', op: 'query', where: { objectId: cid }, sort: '-lm', limit: 10, skip: 0 }),
      (reply) => {
        const results = (reply.results as Frame[] | undefined) ?? [];
        callback?.(results.length ? (results[0].m as string[]) : []);
      },
    );
  }

  send(data: unknown, callback?: Callback<Frame>): this;
  send(data: unknown, options: SendOptions, callback?: Callback<Frame>): this;
  send(data: unknown, optionsOrCallback?: SendOptions | Callback<Frame>, maybeCallback?: Callback<Frame>): this {
    const [options, callback] = optionsAndCallback(optionsOrCallback, maybeCallback);
    // Encoding errors (unknown type, missing metaData) are the caller's mistake: thrown now, as 2.4.0 did.
    const msg = encodeMessageBody(data, options.type);
    const transient = !!options.transient;
    // A transient message gets no ack, so there is nothing to call back with.
    return this.#perform((cid) => ({ cmd: 'direct', cid, msg, r: options.receipt ? 1 : false, transient }), transient ? undefined : callback);
  }

  receive(callback: Callback<Frame>): this {
    return this.#onOwn('message', callback);
  }

  receipt(callback: Callback<Frame>): this {
    return this.#onOwn('receipt', callback);
  }

  log(callback: Callback<Frame[]>): this;
  log(options: LogOptions, callback: Callback<Frame[]>): this;
  log(optionsOrCallback: LogOptions | Callback<Frame[]>, maybeCallback?: Callback<Frame[]>): this {
    const [options, callback] = optionsAndCallback(optionsOrCallback, maybeCallback);
    return this.#perform(
      (cid) => {
        const frame: Frame = { cmd: 'logs', cid };
        // 2.4.0 drops falsy cursors (`t: 0`, `mid: ''`).
        if (options.t) frame.t = options.t;
        if (options.mid) frame.mid = options.mid;
        frame.limit = options.limit || 20;
        return frame;
      },
      (reply) => {
        const logs = ((reply.logs as Frame[] | undefined) ?? []).map((entry) => {
          const data = decodeMessageBody(entry.data, this.#host.encodeHTML);
          return { ...entry, data, fromPeerId: entry.from, msg: data };
        });
        callback?.(logs);
      },
    );
  }

  count(callback: Callback<number>): this {
    return this.#perform((cid) => ({ cmd: 'conv', op: 'count', cid }), (reply) => callback?.(reply.count as number));
  }

  /** 2.4.0's `update` (not in the seed document): writes top-level conversation fields. */
  update(data: Record<string, unknown>, callback?: Callback<Frame>): this {
    return this.#perform(
      (cid) => ({ cmd: 'conv', op: 'update', cid, attr: data }),
      (reply) => {
        if (typeof data?.name === 'string') this.name = data.name;
        if (data?.attr && typeof data.attr === 'object') this.attr = data.attr as Record<string, unknown>;
        callback?.(reply);
      },
    );
  }

  #changeMembers(op: 'add' | 'remove', clientIds: string | string[], callback?: Callback<Frame>): this {
    const members = clientIdList(clientIds);
    // Same keys in the same order as 2.4.0 (an app may forward them verbatim to its signer). 2.x
    // never signs a self-leave; the server accepts it unsigned (protocol.md §3.2).
    const sign: AuthParams | undefined =
      op === 'remove' && members.length === 1 && members[0] === this.#host.clientId
        ? undefined
        : { clientId: this.#host.clientId, members, convId: undefined, action: op === 'add' ? 'invite' : 'kick' };
    return this.#perform(
      (cid) => {
        if (sign) sign.convId = cid;
        return { cmd: 'conv', op, cid, m: members };
      },
      callback,
      sign,
    );
  }

  /** Performs the command built from the room's id, once the room exists. */
  #perform(build: (cid: string) => Frame, onReply?: Callback<Frame>, sign?: AuthParams): this {
    this.#host.perform(this.#ready.then(build), onReply, sign);
    return this;
  }

  /** Listens to an event of the realtime object, for this room's frames only. */
  #onOwn(eventName: string, callback: Callback<Frame>): this {
    this.#host.on(eventName, (frame) => {
      if (this.id && frame.cid === this.id) callback(frame);
    });
    return this;
  }
}
