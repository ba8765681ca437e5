import { TypedEmitter } from '../events/typed-emitter';
import type { Connection } from '../connection/connection';
import { RealtimeError } from '../errors/realtime-error';
import type { ConversationRecord, LogItem } from '../protocol/frames';
import { Message } from '../message/message';
import type { MessageRegistry } from '../message/message-registry';
import type { ConversationEvents } from './conversation-events';

export type ConversationSignatureAction = 'create' | 'invite' | 'kick';
export interface ConversationSignature { signature: string; timestamp: number | string; nonce: string }
/** Signs conversation operations (protocol §3.2); asked for create, add/join (invite) and kick (not self-quit). */
export type ConversationSignatureFactory = (
  conversationId: string | null, clientId: string, memberIds: string[], action: ConversationSignatureAction,
) => ConversationSignature | Promise<ConversationSignature>;

export interface SendOptions {
  /** Ask for a delivery receipt (`receipt` event). @default false */
  receipt?: boolean;
  /** Send as transient: no ack, no history, no offline delivery; resolves once written. @default false */
  transient?: boolean;
}

export interface QueryMessagesOptions {
  /** Most messages to return. @default 20 */
  limit?: number;
  /** Only messages strictly older than this time. */
  beforeTime?: Date | number;
  /** With `beforeTime`: the id of the message at that time, so equal timestamps are not skipped. */
  beforeMessageId?: string;
}

/** What a conversation needs from its client. Internal seam, not exported. */
export interface ConversationHost {
  readonly id: string;
  readonly connection: Connection;
  readonly registry: MessageRegistry;
  signConversation(conversationId: string | null, memberIds: string[], action: ConversationSignatureAction): Promise<Record<string, unknown>>;
}

function toDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && typeof (value as { iso?: unknown }).iso === 'string') return new Date((value as { iso: string }).iso);
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  return undefined;
}

/** A conversation (a chat, a group, or a transient chat room). Get one from `IMClient`. */
export class Conversation extends TypedEmitter<ConversationEvents> {
  readonly id: string;
  name?: string;
  members: string[] = [];
  attributes: Record<string, unknown> = {};
  creator?: string;
  transient = false;
  createdAt?: Date;
  updatedAt?: Date;
  lastMessageAt?: Date;
  lastMessage?: Message;
  #host: ConversationHost;

  /** @internal built by IMClient */
  constructor(host: ConversationHost, id: string) {
    super();
    this.#host = host;
    this.id = id;
  }

  /** @internal refreshes fields from a `conv results` record */
  applyRecord(record: ConversationRecord): this {
    if (typeof record.name === 'string') this.name = record.name;
    if (Array.isArray(record.m)) this.members = [...record.m];
    if (record.attr && typeof record.attr === 'object') this.attributes = { ...record.attr };
    if (typeof record.c === 'string') this.creator = record.c;
    if (typeof record.tr === 'boolean') this.transient = record.tr;
    this.createdAt = toDate(record.createdAt) ?? this.createdAt;
    this.updatedAt = toDate(record.updatedAt) ?? this.updatedAt;
    this.lastMessageAt = toDate(record.lm) ?? this.lastMessageAt;
    if (typeof record.msg === 'string') {
      const message = this.#host.registry.decode(record.msg);
      message.cid = this.id;
      if (typeof record.msg_mid === 'string') message.id = record.msg_mid;
      if (typeof record.msg_from === 'string') message.from = record.msg_from;
      if (typeof record.msg_timestamp === 'number') message.timestamp = new Date(record.msg_timestamp);
      message.status = 'received';
      this.lastMessage = message;
    }
    return this;
  }

  /**
   * Sends a message (a `Message`, a string, or a JSON object) and resolves with it, now carrying the
   * server's `id` and `timestamp`. While offline it waits in the outbox instead of throwing.
   */
  async send(message: Message | string | Record<string, unknown>, options: SendOptions = {}): Promise<Message> {
    const isContent = typeof message === 'string' || (typeof message === 'object' && message !== null && !Array.isArray(message));
    if (!isContent) throw new RealtimeError('INVALID_ARGUMENT', 'send() takes a Message, a string or a plain object');
    const outgoing = message instanceof Message ? message : new Message(message as string | Record<string, unknown>);
    const transient = options.transient ?? false;
    const msg = outgoing.encode();
    outgoing.status = 'sending';
    outgoing.transient = transient;
    outgoing.from = this.#host.id;
    outgoing.cid = this.id;
    const frame = { cmd: 'direct' as const, cid: this.id, msg, r: options.receipt ? (1 as const) : false as const, transient };
    try {
      if (transient) {
        // Transient messages get no ack (protocol §2.7.2): done once written.
        await this.#host.connection.send(frame);
        outgoing.timestamp = new Date();
      } else {
        const ack = await this.#host.connection.request(frame);
        if (typeof ack.uid === 'string') outgoing.id = ack.uid;
        outgoing.timestamp = new Date(typeof ack.t === 'number' ? ack.t : Date.now());
        this.lastMessage = outgoing;
        this.lastMessageAt = outgoing.timestamp;
      }
    } catch (error) {
      outgoing.status = 'failed';
      throw error;
    }
    outgoing.status = 'sent';
    return outgoing;
  }

  /** History, oldest first: the `limit` newest messages before the cursor. */
  async queryMessages(options: QueryMessagesOptions = {}): Promise<Message[]> {
    const limit = options.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1) throw new RealtimeError('INVALID_ARGUMENT', 'limit must be a positive integer');
    const before = options.beforeTime instanceof Date ? options.beforeTime.getTime() : options.beforeTime;
    const reply = await this.#host.connection.request({
      cmd: 'logs', cid: this.id, limit,
      ...(before !== undefined ? { t: before } : {}),
      ...(options.beforeMessageId !== undefined ? { mid: options.beforeMessageId } : {}),
    });
    // Sorted defensively (protocol §8.3): servers have disagreed on the order.
    return [...reply.logs].sort((a, b) => a.timestamp - b.timestamp).map((item) => this.#fromLog(item));
  }

  /**
   * Walks the whole history backwards, one page (oldest first within the page) per step:
   * `for await (const page of conversation.createMessagesIterator({ limit: 50 }))`.
   */
  createMessagesIterator({ limit = 20 }: { limit?: number } = {}): AsyncIterableIterator<Message[]> {
    let cursor: { beforeTime: number; beforeMessageId: string } | undefined;
    let isDone = false;
    const next = async (): Promise<IteratorResult<Message[]>> => {
      if (isDone) return { value: undefined, done: true };
      const page = await this.queryMessages({ limit, ...(cursor ?? {}) });
      if (page.length === 0) {
        isDone = true;
        return { value: undefined, done: true };
      }
      const oldest = page[0];
      cursor = { beforeTime: oldest.timestamp!.getTime(), beforeMessageId: oldest.id! };
      if (page.length < limit) isDone = true;
      return { value: page, done: false };
    };
    return { next, [Symbol.asyncIterator]() { return this; } };
  }

  /** Adds members (signed with action `invite`). */
  async add(clientIds: string | string[]): Promise<void> {
    const m = this.#ids(clientIds);
    const signature = await this.#host.signConversation(this.id, m, 'invite');
    await this.#host.connection.request({ cmd: 'conv', op: 'add', cid: this.id, m, ...signature });
    this.members = [...new Set([...this.members, ...m])];
  }

  /** Removes members (signed with action `kick`). */
  async remove(clientIds: string | string[]): Promise<void> {
    const m = this.#ids(clientIds);
    const signature = await this.#host.signConversation(this.id, m, 'kick');
    await this.#host.connection.request({ cmd: 'conv', op: 'remove', cid: this.id, m, ...signature });
    this.members = this.members.filter((id) => !m.includes(id));
  }

  /** Joins this conversation (an `add` of oneself, signed as `invite`). */
  async join(): Promise<void> {
    await this.add([this.#host.id]);
  }

  /** Leaves this conversation (a `remove` of oneself; unsigned, as protocol §2.5 says). */
  async quit(): Promise<void> {
    await this.#host.connection.request({ cmd: 'conv', op: 'remove', cid: this.id, m: [this.#host.id] });
    this.members = this.members.filter((id) => id !== this.#host.id);
  }

  /** Members of a normal conversation; online participants of a transient one. */
  async count(): Promise<number> {
    const reply = await this.#host.connection.request({ cmd: 'conv', op: 'count', cid: this.id });
    return reply.count;
  }

  /** Changes the name and/or replaces the custom attributes. */
  async update(changes: { name?: string; attributes?: Record<string, unknown> }): Promise<this> {
    const attr: Record<string, unknown> = {};
    if (changes.name !== undefined) attr.name = changes.name;
    if (changes.attributes !== undefined) attr.attr = changes.attributes;
    if (Object.keys(attr).length === 0) throw new RealtimeError('INVALID_ARGUMENT', 'update needs name or attributes');
    const reply = await this.#host.connection.request({ cmd: 'conv', op: 'update', cid: this.id, attr });
    if (changes.name !== undefined) this.name = changes.name;
    if (changes.attributes !== undefined) this.attributes = { ...changes.attributes };
    this.updatedAt = toDate(reply.udate) ?? new Date();
    return this;
  }

  #fromLog(item: LogItem): Message {
    const message = this.#host.registry.decode(item.data);
    message.id = item.msgId;
    message.from = item.from;
    message.cid = this.id;
    message.timestamp = new Date(item.timestamp);
    if (typeof item.ackAt === 'number') message.deliveredAt = new Date(item.ackAt);
    message.status = item.from === this.#host.id ? 'sent' : 'received';
    return message;
  }

  #ids(clientIds: string | string[]): string[] {
    const ids = typeof clientIds === 'string' ? [clientIds] : clientIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || !id)) {
      throw new RealtimeError('INVALID_ARGUMENT', 'Pass a client id or a non-empty array of client ids');
    }
    return [...ids];
  }
}
