import { TypedEmitter } from '../events/typed-emitter';
import type { Connection } from '../connection/connection';
import type { StateChange } from '../connection/connection-state';
import { Conversation, type ConversationSignatureAction, type ConversationSignatureFactory } from '../conversation/conversation';
import { ConversationQuery } from '../conversation/conversation-query';
import { RealtimeError } from '../errors/realtime-error';
import type { MessageRegistry } from '../message/message-registry';
import type { ConversationRecord, PushFrame, UnknownFrame } from '../protocol/frames';
import type { IMClientEvents } from './im-client-events';

/** Membership pushes (protocol §2.3) → the event they raise and the payload key naming who did it. */
const membershipEvents = {
  joined: ['invited', 'invitedBy'],
  left: ['kicked', 'kickedBy'],
  'members-joined': ['membersjoined', 'invitedBy'],
  'members-left': ['membersleft', 'kickedBy'],
} as const;

export interface CreateConversationOptions {
  /** Other members; the server adds the creator. @default [] */
  members?: string[];
  name?: string;
  /** Custom attributes (the `attr` column). */
  attributes?: Record<string, unknown>;
  /** A chat room without a fixed member list. @default false */
  transient?: boolean;
  /** Return the existing conversation with the same members instead of creating another. @default false */
  unique?: boolean;
}

/**
 * One logged-in client id. Created by `Realtime.createIMClient`; owns a {@link Connection}
 * (exposed as `connection` for the lower layer) and the conversations it has seen.
 */
export class IMClient extends TypedEmitter<IMClientEvents> {
  readonly id: string;
  readonly connection: Connection;
  /** @internal */
  readonly registry: MessageRegistry;
  #conversationSignatureFactory: ConversationSignatureFactory | undefined;
  #conversations = new Map<string, Conversation>();
  #isDisconnected = false;
  /**
   * Pushes that arrive during login (offline messages come right after `session opened`) are held
   * until the task after `createIMClient()` resolves, so listeners attached right after the `await`
   * still see them. Undefined once released.
   */
  #heldPushes: (PushFrame | UnknownFrame)[] | undefined = [];

  /** @internal use Realtime.createIMClient */
  constructor(connection: Connection, registry: MessageRegistry, conversationSignatureFactory?: ConversationSignatureFactory) {
    super();
    this.id = connection.clientId;
    this.connection = connection;
    this.registry = registry;
    this.#conversationSignatureFactory = conversationSignatureFactory;
    // This client owns the connection and re-emits what it reports.
    connection.observer = {
      push: (frame) => (this.#heldPushes ? this.#heldPushes.push(frame) : this.#onPush(frame)),
      statechange: (change) => this.#onStateChange(change),
    };
  }

  async createConversation(options: CreateConversationOptions = {}): Promise<Conversation> {
    const members = [...new Set(options.members ?? [])];
    if (members.some((id) => typeof id !== 'string' || !id)) throw new RealtimeError('INVALID_ARGUMENT', 'members must be client id strings');
    const transient = options.transient ?? false;
    const signature = await this.signConversation(null, members, 'create');
    const reply = await this.connection.request({
      cmd: 'conv', op: 'start', m: members, transient,
      attr: { name: options.name ?? '', attr: options.attributes ?? {} },
      ...(options.unique ? { unique: true } : {}),
      ...signature,
    });
    const conversation = this.#conversation(reply.cid);
    conversation.name = options.name ?? '';
    conversation.attributes = { ...(options.attributes ?? {}) };
    conversation.transient = transient;
    conversation.creator ??= this.id;
    if (!transient) conversation.members = [...new Set([this.id, ...members, ...conversation.members])];
    if (reply.cdate) conversation.createdAt = new Date(reply.cdate);
    return conversation;
  }

  /** Fetches a conversation by id; resolves null when it does not exist. */
  async getConversation(id: string): Promise<Conversation | null> {
    if (typeof id !== 'string' || !id) throw new RealtimeError('INVALID_ARGUMENT', 'A conversation id is required');
    const [conversation] = await this.getQuery().equalTo('objectId', id).limit(1).find();
    return conversation ?? null;
  }

  getQuery(): ConversationQuery {
    return new ConversationQuery({
      id: this.id,
      connection: this.connection,
      conversationFromRecord: (record) => this.#conversationFromRecord(record),
    });
  }

  /** Which of `clientIds` are online now (the server checks the first 20). */
  async ping(clientIds: string | string[]): Promise<string[]> {
    const ids = typeof clientIds === 'string' ? [clientIds] : clientIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new RealtimeError('INVALID_ARGUMENT', 'Pass client id strings');
    const reply = await this.connection.request({ cmd: 'session', op: 'query', sessionPeerIds: [...ids] });
    return reply.onlineSessionPeerIds;
  }

  /** Logs out and closes the connection; pending operations reject with CONNECTION_CLOSED. */
  async close(): Promise<void> {
    await this.connection.close();
  }

  /** @internal delivers the pushes held during login, in order; later ones flow directly */
  releaseHeldPushes(): void {
    const held = this.#heldPushes ?? [];
    this.#heldPushes = undefined;
    for (const frame of held) this.#onPush(frame);
  }

  /** @internal signature fields for a conversation operation, or none without a factory */
  async signConversation(conversationId: string | null, memberIds: string[], action: ConversationSignatureAction): Promise<Record<string, unknown>> {
    if (!this.#conversationSignatureFactory) return {};
    let signature;
    try {
      signature = await this.#conversationSignatureFactory(conversationId, this.id, [...memberIds].sort(), action);
    } catch (cause) {
      throw new RealtimeError('SIGNATURE_FACTORY_FAILED', `conversationSignatureFactory threw for "${action}"`, { cause });
    }
    return { t: signature.timestamp, n: signature.nonce, s: signature.signature };
  }

  #conversation(id: string): Conversation {
    let conversation = this.#conversations.get(id);
    if (!conversation) {
      conversation = new Conversation(this, id);
      this.#conversations.set(id, conversation);
    }
    return conversation;
  }

  #conversationFromRecord(record: ConversationRecord): Conversation {
    return this.#conversation(record.objectId).applyRecord(record);
  }

  #onPush(received: PushFrame | UnknownFrame): void {
    // Unknown kinds (forward compatibility) are for lower-layer listeners; the cases below are all known ones.
    const frame = received as PushFrame;
    if (frame.cmd === 'direct') {
      const message = this.registry.decode(frame.msg);
      message.id = frame.id;
      message.cid = frame.cid;
      message.from = frame.fromPeerId;
      message.timestamp = new Date(typeof frame.timestamp === 'number' ? frame.timestamp : Date.now());
      message.transient = frame.transient === true;
      message.offline = frame.offline === true;
      message.status = 'received';
      const conversation = this.#conversation(frame.cid);
      if (!message.transient) {
        conversation.lastMessage = message;
        conversation.lastMessageAt = message.timestamp;
      }
      conversation.emit('message', message);
      this.emit('message', message, conversation);
      return;
    }
    if (frame.cmd === 'rcp') {
      const conversation = this.#conversation(frame.cid);
      const payload = { messageId: frame.id, deliveredAt: new Date(frame.t), ...(frame.from ? { from: frame.from } : {}) };
      conversation.emit('receipt', payload);
      this.emit('receipt', payload, conversation);
      return;
    }
    if (frame.cmd !== 'conv' || !(frame.op in membershipEvents)) return;
    const [event, byKey] = membershipEvents[frame.op as keyof typeof membershipEvents];
    const conversation = this.#conversation(frame.cid);
    const initBy = typeof frame.initBy === 'string' ? frame.initBy : undefined;
    // `joined`/`left` are about this client; `members-*` carry the changed members in `m`.
    const members = frame.op === 'joined' || frame.op === 'left' ? [this.id] : Array.isArray(frame.m) ? (frame.m as string[]) : [];
    conversation.members = frame.op.endsWith('joined')
      ? [...new Set([...conversation.members, ...members])]
      : conversation.members.filter((id) => !members.includes(id));
    const payload = { ...(event.startsWith('members') ? { members } : {}), [byKey]: initBy };
    conversation.emit(event, payload as never);
    this.emit(event, payload as never, conversation);
  }

  #onStateChange(change: StateChange): void {
    this.emit('statechange', change);
    if (change.current === 'reconnecting') {
      if (!this.#isDisconnected) {
        this.#isDisconnected = true;
        this.emit('disconnect');
      }
      this.emit('schedule', change.attempt ?? 1, change.retryInMs ?? 0);
    } else if (change.current === 'connecting' && change.previous === 'reconnecting') {
      this.emit('retry', change.attempt ?? 1);
    } else if (change.current === 'connected' && this.#isDisconnected) {
      this.#isDisconnected = false;
      this.emit('reconnect');
    } else if (change.current === 'closed') {
      this.emit('close', change.error ? { error: change.error } : {});
    }
  }
}
