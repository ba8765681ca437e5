import { TypedEmitter } from '../events/typed-emitter';
import type { Connection } from '../connection/connection';
import type { StateChange } from '../connection/connection-state';
import {
  Conversation, checkIds, updateMembers, type ConversationSignatureAction, type ConversationSignatureFactory,
} from '../conversation/conversation';
import { ConversationQuery } from '../conversation/conversation-query';
import { RealtimeError } from '../errors/realtime-error';
import type { MessageRegistry } from '../message/message-registry';
import type { ConversationRecord, PushFrame } from '../protocol/frames';
import type { ConversationEvents } from '../conversation/conversation-events';
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
  #heldPushes: PushFrame[] | undefined = [];

  /** @internal use Realtime.createIMClient */
  constructor(connection: Connection, registry: MessageRegistry, conversationSignatureFactory?: ConversationSignatureFactory) {
    super();
    this.id = connection.clientId;
    this.connection = connection;
    this.registry = registry;
    this.#conversationSignatureFactory = conversationSignatureFactory;
    // This client owns the connection and re-emits what it reports.
    connection.observer = {
      push: (frame) => (this.#heldPushes ? this.#heldPushes.push(frame as PushFrame) : this.#onPush(frame as PushFrame)),
      statechange: (change) => this.#onStateChange(change),
    };
  }

  async createConversation(
    { members, name = '', attributes = {}, transient = false, unique }: CreateConversationOptions = {},
  ): Promise<Conversation> {
    const m = [...new Set(checkIds(members ?? [], true))];
    const reply = await this.connection.request({
      cmd: 'conv', op: 'start', m, transient, unique, attr: { name, attr: attributes },
      ...(await this.signConversation(null, m, 'create')),
    });
    const conversation = this.conversationFromRecord({ objectId: reply.cid, name, attr: attributes, tr: transient, createdAt: reply.cdate });
    conversation.creator ??= this.id;
    if (!transient) updateMembers(conversation, [this.id, ...m], true);
    return conversation;
  }

  /** Fetches a conversation by id; resolves null when it does not exist. */
  async getConversation(id: string): Promise<Conversation | null> {
    checkIds([id]); // a non-empty string
    return this.getQuery().equalTo('objectId', id).first();
  }

  getQuery(): ConversationQuery {
    return new ConversationQuery(this);
  }

  /** Which of `clientIds` are online now (the server checks the first 20). */
  async ping(clientIds: string | string[]): Promise<string[]> {
    return (await this.connection.request({ cmd: 'session', op: 'query', sessionPeerIds: checkIds([clientIds].flat(), true) })).onlineSessionPeerIds;
  }

  /** Logs out and closes the connection; pending operations reject with CONNECTION_CLOSED. */
  close(): Promise<void> {
    return this.connection.close();
  }

  /** @internal delivers the pushes held during login, in order; later ones flow directly */
  releaseHeldPushes(): void {
    const held = this.#heldPushes ?? [];
    this.#heldPushes = undefined;
    for (const frame of held) this.#onPush(frame);
  }

  /** @internal signature fields for a conversation operation, or none without a factory */
  async signConversation(conversationId: string | null, memberIds: string[], action: ConversationSignatureAction): Promise<Record<string, unknown>> {
    const factory = this.#conversationSignatureFactory;
    if (!factory) return {};
    try {
      const { signature, timestamp, nonce } = await factory(conversationId, this.id, [...memberIds].sort(), action);
      return { t: timestamp, n: nonce, s: signature };
    } catch (cause) {
      throw new RealtimeError('SIGNATURE_FACTORY_FAILED', 'The signature factory threw', { cause });
    }
  }

  /** @internal the one object kept per conversation id, refreshed from `record` */
  conversationFromRecord(record: Partial<ConversationRecord> & { objectId: string }): Conversation {
    return this.#conversation(record.objectId).applyRecord(record);
  }

  #conversation(id: string): Conversation {
    let conversation = this.#conversations.get(id);
    if (!conversation) this.#conversations.set(id, (conversation = new Conversation(this, id)));
    return conversation;
  }

  #onPush(frame: PushFrame): void {
    // Unknown kinds (forward compatibility) are for lower-layer listeners; the cases below are all known ones.
    if (frame.cmd === 'direct') {
      const message = this.registry.decode(frame.msg, {
        id: frame.id, cid: frame.cid, from: frame.fromPeerId, timestamp: new Date(frame.timestamp ?? Date.now()),
        transient: frame.transient === true, offline: frame.offline === true, status: 'received',
      });
      const conversation = this.#conversation(frame.cid);
      if (!message.transient) {
        conversation.lastMessage = message;
        conversation.lastMessageAt = message.timestamp;
      }
      this.#emit(conversation, 'message', message);
    } else if (frame.cmd === 'rcp') {
      // `from` only when the push names the receiver.
      this.#emit(this.#conversation(frame.cid), 'receipt', { messageId: frame.id, deliveredAt: new Date(frame.t), ...(frame.from && { from: frame.from }) });
    } else if (frame.cmd === 'conv' && frame.op in membershipEvents) {
      const [event, byKey] = membershipEvents[frame.op];
      const conversation = this.#conversation(frame.cid);
      // `joined`/`left` are about this client (no `members` key); `members-*` carry the changed members in `m`
      // (an array: the codec drops frames without one).
      const isAboutOthers = frame.op.startsWith('members');
      const members = isAboutOthers ? (frame as { m: string[] }).m : [this.id];
      updateMembers(conversation, members, frame.op.endsWith('joined'));
      this.#emit(conversation, event, { ...(isAboutOthers && { members }), [byKey]: frame.initBy });
    }
  }

  /** Emits on the conversation, then on this client with the conversation appended. */
  #emit(conversation: Conversation, event: keyof ConversationEvents, payload: unknown): void {
    conversation.emit(event, payload as never);
    this.emit(event, payload as never, conversation);
  }

  #onStateChange(change: StateChange): void {
    const { previous, current, attempt = 1, error } = change;
    this.emit('statechange', change);
    if (current === 'reconnecting') {
      if (!this.#isDisconnected) {
        this.#isDisconnected = true;
        this.emit('disconnect');
      }
      this.emit('schedule', attempt, change.retryInMs ?? 0);
    } else if (current === 'connecting' && previous === 'reconnecting') {
      this.emit('retry', attempt);
    } else if (current === 'connected' && this.#isDisconnected) {
      this.#isDisconnected = false;
      this.emit('reconnect');
    } else if (current === 'closed') {
      this.emit('close', error ? { error } : {});
    }
  }
}
