import { decodeMessageBody } from './decode-message-body';
import { encodeMessageBody } from './encode-message-body';
import { LegacyEvent } from './event-names';
import { LegacyError } from './legacy-error';
import type { AuthParams } from './legacy-options';
import type { Frame } from './session-port';

type Callback<T> = (value: T) => void;

/** What a RoomObject needs from the RealtimeObject that made it. */
export interface RoomHost {
  readonly clientId: string | undefined;
  readonly shouldEncodeHtml: boolean;
  /** Sends `command` once connected (signing it first when `auth` applies); reports failures. */
  perform(command: Promise<Frame>, sign: AuthParams | undefined, onReply: Callback<Frame> | undefined): void;
  /** Sends a command that gets no reply, once connected. */
  sendWithoutReply(command: Promise<Frame>): void;
  listen(eventName: string, listener: (data: Frame) => void): void;
  report(error: unknown): void;
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
  private readonly ready: Promise<string>;

  /** @internal */
  constructor(
    private readonly host: RoomHost,
    ready: Promise<string>,
  ) {
    this.ready = ready;
    // A failed creation is reported once by the realtime object; later calls must not
    // raise an unhandled rejection of their own.
    ready.catch(() => undefined);
  }

  add(clientIds: string | string[], callback?: Callback<Frame>): this {
    return this.changeMembers('add', clientIds, callback);
  }

  remove(clientIds: string | string[], callback?: Callback<Frame>): this {
    return this.changeMembers('remove', clientIds, callback);
  }

  join(callback?: Callback<Frame>): this {
    return this.add(this.ownId(), callback);
  }

  leave(callback?: Callback<Frame>): this {
    return this.remove(this.ownId(), callback);
  }

  list(callback: Callback<string[]>): this {
    this.host.perform(
      this.command((cid) => ({ cmd: 'conv', op: 'query', where: { objectId: cid }, sort: '-lm', limit: 10, skip: 0 })),
      undefined,
      (reply) => {
        const results = (reply.results as Array<{ m?: string[] }> | undefined) ?? [];
        callback?.(results.length ? (results[0].m as string[]) : []);
      },
    );
    return this;
  }

  send(data: unknown, callback?: Callback<Frame>): this;
  send(data: unknown, options: SendOptions, callback?: Callback<Frame>): this;
  send(data: unknown, optionsOrCallback?: SendOptions | Callback<Frame>, maybeCallback?: Callback<Frame>): this {
    const options: SendOptions = typeof optionsOrCallback === 'object' && optionsOrCallback !== null ? optionsOrCallback : {};
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    // Encoding errors (unknown type, missing metaData) are the caller's mistake: thrown now, as 2.4.0 did.
    const msg = encodeMessageBody(data, options.type);
    const build = (cid: string): Frame => ({
      cmd: 'direct',
      cid,
      msg,
      r: options.receipt ? 1 : false,
      transient: Boolean(options.transient),
    });
    if (options.transient) {
      // No ack comes back for a transient message, so there is nothing to call back with.
      this.host.sendWithoutReply(this.command(build));
    } else {
      this.host.perform(this.command(build), undefined, callback);
    }
    return this;
  }

  receive(callback: Callback<Frame>): this {
    this.host.listen(LegacyEvent.message, (frame) => {
      if (this.id && frame.cid === this.id) callback(frame);
    });
    return this;
  }

  receipt(callback: Callback<Frame>): this {
    this.host.listen(LegacyEvent.receipt, (frame) => {
      if (this.id && frame.cid === this.id) callback(frame);
    });
    return this;
  }

  log(callback: Callback<Frame[]>): this;
  log(options: LogOptions, callback: Callback<Frame[]>): this;
  log(optionsOrCallback: LogOptions | Callback<Frame[]>, maybeCallback?: Callback<Frame[]>): this {
    const options: LogOptions = typeof optionsOrCallback === 'object' && optionsOrCallback !== null ? optionsOrCallback : {};
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    this.host.perform(
      this.command((cid) => {
        const frame: Frame = { cmd: 'logs', cid };
        // 2.4.0 drops falsy cursors (`t: 0`, `mid: ''`).
        if (options.t) frame.t = options.t;
        if (options.mid) frame.mid = options.mid;
        frame.limit = options.limit || 20;
        return frame;
      }),
      undefined,
      (reply) => {
        const logs = ((reply.logs as Frame[] | undefined) ?? []).map((entry) => {
          const data = decodeMessageBody(entry.data, this.host.shouldEncodeHtml);
          return { ...entry, data, fromPeerId: entry.from, msg: data };
        });
        callback?.(logs);
      },
    );
    return this;
  }

  count(callback: Callback<number>): this {
    this.host.perform(
      this.command((cid) => ({ cmd: 'conv', op: 'count', cid })),
      undefined,
      (reply) => callback?.(reply.count as number),
    );
    return this;
  }

  /** 2.4.0's `update` (not in the seed document): writes top-level conversation fields. */
  update(data: Record<string, unknown>, callback?: Callback<Frame>): this {
    this.host.perform(
      this.command((cid) => ({ cmd: 'conv', op: 'update', cid, attr: data })),
      undefined,
      (reply) => {
        if (data && typeof data.name === 'string') this.name = data.name;
        if (data && data.attr && typeof data.attr === 'object') this.attr = data.attr as Record<string, unknown>;
        callback?.(reply);
      },
    );
    return this;
  }

  private changeMembers(op: 'add' | 'remove', clientIds: string | string[], callback?: Callback<Frame>): this {
    const members = typeof clientIds === 'string' ? [clientIds] : clientIds;
    if (!Array.isArray(members) || members.some((id) => typeof id !== 'string')) {
      throw new LegacyError('INVALID_ARGUMENT', `${op}() takes a client id or an array of client ids`);
    }
    const isSelfLeave = op === 'remove' && members.length === 1 && members[0] === this.host.clientId;
    // Same keys in the same order as 2.4.0 (an app may forward them verbatim to its signer).
    const sign: AuthParams | undefined = isSelfLeave
      ? undefined // 2.x never signs a self-leave; the server accepts it unsigned (protocol.md §3.2).
      : { clientId: this.host.clientId, members, convId: undefined, action: op === 'add' ? 'invite' : 'kick' };
    this.host.perform(
      this.command((cid) => {
        if (sign) sign.convId = cid;
        return { cmd: 'conv', op, cid, m: members };
      }),
      sign,
      callback,
    );
    return this;
  }

  private command(build: (cid: string) => Frame): Promise<Frame> {
    return this.ready.then(build);
  }

  private ownId(): string {
    if (!this.host.clientId) throw new LegacyError('INVALID_ARGUMENT', 'join() and leave() need the clientId option');
    return this.host.clientId;
  }
}
