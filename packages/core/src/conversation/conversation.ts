import { TypedEmitter } from '../events/typed-emitter';
import type { IMClient } from '../client/im-client';
import type { AckFrame, ConversationRecord } from '../protocol/frames';
import { checkArgument, checkInteger } from '../errors/check-argument';
import { Message } from '../message/message';
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

/** A stored date: `{ __type: 'Date', iso }`, an ISO string or epoch ms; anything else is no date. */
function toDate(value: unknown): Date | undefined {
  const date = (value as { iso?: unknown } | undefined)?.iso ?? value;
  if (typeof date === 'string' || typeof date === 'number') return new Date(date);
}

/** @internal `ids` (client or conversation ids) if it is an array of non-empty strings, not empty unless `canBeEmpty`; else INVALID_ARGUMENT. */
export function checkIds(ids: unknown, canBeEmpty?: boolean): string[] {
  checkArgument(Array.isArray(ids) && (canBeEmpty || ids.length) && ids.every((id) => id && typeof id === 'string'), 'Ids must be non-empty strings');
  return ids as string[];
}

/** @internal Adds `ids` to or removes them from the members, as a reply or a push reported. */
export function updateMembers(conversation: Conversation, ids: string[], isAdded: boolean): void {
  const { members } = conversation;
  conversation.members = isAdded ? [...new Set([...members, ...ids])] : members.filter((id) => !ids.includes(id));
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
  #client: IMClient;

  /** @internal built by IMClient */
  constructor(client: IMClient, id: string) {
    super();
    this.#client = client;
    this.id = id;
  }

  /** @internal refreshes the fields a `conv results` record (or a reply) carries; absent ones stay */
  applyRecord(record: Partial<ConversationRecord>): this {
    const fields: Partial<Conversation> = {
      name: record.name, members: record.m, attributes: record.attr && { ...record.attr }, creator: record.c, transient: record.tr,
      createdAt: toDate(record.createdAt), updatedAt: toDate(record.updatedAt), lastMessageAt: toDate(record.lm),
      lastMessage: record.msg == null ? undefined : this.#client.registry.decode(record.msg, {
        id: record.msg_mid, from: record.msg_from, cid: this.id, timestamp: toDate(record.msg_timestamp), status: 'received',
      }),
    };
    // Compact queries leave member lists out, a reply carries a few fields: only what is there replaces ours.
    return Object.assign(this, Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null)));
  }

  /**
   * Sends a message (a `Message`, a string, or a JSON object) and resolves with it, now carrying the
   * server's `id` and `timestamp`. While offline it waits in the outbox instead of throwing.
   */
  async send(message: Message | string | Record<string, unknown>, { receipt, transient = false }: SendOptions = {}): Promise<Message> {
    checkArgument(typeof message === 'string' || (message && typeof message === 'object' && !Array.isArray(message)), 'Send a Message, a string or an object');
    const outgoing = message instanceof Message ? message : new Message(message);
    const frame = { cmd: 'direct', cid: this.id, msg: outgoing.encode(), r: receipt ? 1 : false, transient } as const;
    Object.assign(outgoing, { status: 'sending', transient, from: this.#client.id, cid: this.id });
    try {
      // Transient messages get no ack (protocol §2.7.2): done once written.
      const ack = (await (transient ? this.#client.connection.send(frame) : this.#client.connection.request(frame))) as AckFrame | undefined;
      // A transient send has no ack: the message keeps the id it had.
      outgoing.id = ack?.uid ?? outgoing.id;
      outgoing.timestamp = new Date(ack?.t ?? Date.now());
      if (!transient) {
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
  async queryMessages({ limit = 20, beforeTime, beforeMessageId }: QueryMessagesOptions = {}): Promise<Message[]> {
    const { logs } = await this.#client.connection.request({
      // valueOf: a Date's epoch ms, or the number itself.
      cmd: 'logs', cid: this.id, limit: checkInteger('limit', limit, 1), t: beforeTime?.valueOf(), mid: beforeMessageId,
    });
    // Sorted defensively (protocol §8.3): servers have disagreed on the order.
    return logs.sort((a, b) => a.timestamp - b.timestamp).map((item) => this.#client.registry.decode(item.data, {
      id: item.msgId, from: item.from, cid: this.id, timestamp: new Date(item.timestamp), deliveredAt: toDate(item.ackAt),
      status: item.from === this.#client.id ? 'sent' : 'received',
    }));
  }

  /**
   * Walks the whole history backwards, one page (oldest first within the page) per step:
   * `for await (const page of conversation.createMessagesIterator({ limit: 50 }))`.
   */
  async *createMessagesIterator({ limit = 20 }: { limit?: number } = {}): AsyncIterableIterator<Message[]> {
    let cursor: QueryMessagesOptions = {};
    let page: Message[];
    do {
      page = await this.queryMessages({ limit, ...cursor });
      if (page.length === 0) return;
      yield page;
      cursor = { beforeTime: page[0].timestamp, beforeMessageId: page[0].id };
    } while (page.length >= limit);
  }

  /** Adds members (signed with action `invite`). */
  add(clientIds: string | string[]): Promise<void> {
    return this.#changeMembers('add', clientIds, 'invite');
  }

  /** Removes members (signed with action `kick`). */
  remove(clientIds: string | string[]): Promise<void> {
    return this.#changeMembers('remove', clientIds, 'kick');
  }

  /** Joins this conversation (an `add` of oneself, signed as `invite`). */
  join(): Promise<void> {
    return this.add(this.#client.id);
  }

  /** Leaves this conversation (a `remove` of oneself; unsigned, as protocol §2.5 says). */
  quit(): Promise<void> {
    return this.#changeMembers('remove', this.#client.id);
  }

  /** Members of a normal conversation; online participants of a transient one. */
  async count(): Promise<number> {
    return (await this.#client.connection.request({ cmd: 'conv', op: 'count', cid: this.id })).count;
  }

  /** Changes the name and/or replaces the custom attributes. */
  async update({ name, attributes }: { name?: string; attributes?: Record<string, unknown> } = {}): Promise<this> {
    checkArgument(name !== undefined || attributes !== undefined, 'Nothing to update');
    const reply = await this.#client.connection.request({ cmd: 'conv', op: 'update', cid: this.id, attr: { name, attr: attributes } });
    return this.applyRecord({ name, attr: attributes, updatedAt: reply.udate ?? new Date().toISOString() });
  }

  async #changeMembers(op: 'add' | 'remove', clientIds: string | string[], action?: ConversationSignatureAction): Promise<void> {
    // One id or a non-empty list, checked before anything is signed or sent.
    const m = checkIds([clientIds].flat());
    const signature = action ? await this.#client.signConversation(this.id, m, action) : {};
    await this.#client.connection.request({ cmd: 'conv', op, cid: this.id, m, ...signature });
    updateMembers(this, m, op === 'add');
  }
}
