import {
  ImageMessage, LocationMessage, Realtime, TextMessage, TypedMessage,
  type Conversation, type IMClient, type Message, type StateChange,
} from '@realtime/browser';
import type { ChatConversation, ChatMessage, MessageBody } from './chat-model';
import { ChatSessionListeners, type ChatSession, type ConnectionChange } from './chat-session';
import { demoAppId, routerUrl } from './server-origin';

/** The server answers `ping` for the first 20 ids only (protocol §7). */
const maxPresenceIds = 20;
const conversationListLimit = 50;

/**
 * Logs `clientId` in through the router at the page's origin. Resolves once the session is
 * open; network failures are retried by the SDK, so this rejects only on fatal causes.
 */
export async function openChatSession(clientId: string): Promise<ChatSession> {
  const realtime = new Realtime({ appId: demoAppId, router: routerUrl() });
  try {
    const client = await realtime.createIMClient(clientId);
    return new SdkChatSession(realtime, client);
  } catch (error) {
    await realtime.close();
    throw error;
  }
}

/** {@link ChatSession} over `@realtime/browser`'s promise API. */
class SdkChatSession implements ChatSession {
  readonly clientId: string;
  private readonly listeners = new ChatSessionListeners();
  private readonly conversations = new Map<string, Conversation>();
  private localIds = 0;

  constructor(
    private readonly realtime: Realtime,
    private readonly client: IMClient,
  ) {
    this.clientId = client.id;
    client.on('statechange', (change) => this.listeners.emit('connection', toConnectionChange(change)));
    client.on('message', (message, conversation) => {
      this.conversations.set(conversation.id, conversation);
      if (message.transient) return; // the chat never sends them; another app's typing signals are not chat lines
      this.listeners.emit('message', this.toChatMessage(message, conversation.id));
    });
    client.on('receipt', (receipt, conversation) => this.listeners.emit('receipt', conversation.id, receipt.messageId));
    for (const event of ['invited', 'kicked', 'membersjoined', 'membersleft'] as const) {
      client.on(event, (_payload: unknown, conversation: Conversation) => this.listeners.emit('membership', conversation.id));
    }
  }

  get connection(): ConnectionChange {
    const state = this.client.connection.state;
    return { state: state === 'idle' ? 'connecting' : state };
  }

  on: ChatSession['on'] = (event, listener) => this.listeners.on(event, listener);

  async listConversations(): Promise<ChatConversation[]> {
    const found = await this.client
      .getQuery()
      .containsMembers([this.clientId])
      .descending('lastMessageAt')
      .limit(conversationListLimit)
      .find();
    return found.map((conversation) => this.toChatConversation(conversation));
  }

  async createConversation(name: string, members: string[]): Promise<ChatConversation> {
    const conversation = await this.client.createConversation({ name, members: members.filter((id) => id !== this.clientId) });
    return this.toChatConversation(conversation);
  }

  async joinConversation(id: string): Promise<ChatConversation> {
    const conversation = await this.conversation(id);
    await conversation.join();
    return this.toChatConversation(conversation);
  }

  async getConversation(id: string): Promise<ChatConversation | undefined> {
    const conversation = await this.client.getConversation(id);
    return conversation ? this.toChatConversation(conversation) : undefined;
  }

  async leaveConversation(id: string): Promise<void> {
    const conversation = await this.conversation(id);
    await conversation.quit();
  }

  async loadHistory(conversationId: string, limit: number, before?: ChatMessage): Promise<ChatMessage[]> {
    const conversation = await this.conversation(conversationId);
    const page = await conversation.queryMessages({
      limit,
      ...(before ? { beforeTime: before.timestamp, beforeMessageId: before.id } : {}),
    });
    return page.map((message) => this.toChatMessage(message, conversationId));
  }

  async send(conversationId: string, body: MessageBody, onUpdate: (message: ChatMessage) => void): Promise<void> {
    const conversation = await this.conversation(conversationId);
    const pending: ChatMessage = {
      id: `local-${++this.localIds}`,
      conversationId,
      from: this.clientId,
      timestamp: Date.now(),
      body,
      status: 'sending',
      isMine: true,
    };
    onUpdate(pending);
    try {
      // While disconnected the SDK keeps this in its outbox, so "sending" lasts until we are back.
      const sent = await conversation.send(toSdkMessage(body), { receipt: true });
      onUpdate({ ...pending, id: sent.id ?? pending.id, timestamp: sent.timestamp?.getTime() ?? pending.timestamp, status: 'sent' });
    } catch (error) {
      onUpdate({ ...pending, status: 'failed' });
      throw error;
    }
  }

  whoIsOnline(clientIds: string[]): Promise<string[]> {
    return this.client.ping(clientIds.slice(0, maxPresenceIds));
  }

  close(): Promise<void> {
    return this.realtime.close();
  }

  private async conversation(id: string): Promise<Conversation> {
    const known = this.conversations.get(id);
    if (known) return known;
    const conversation = await this.client.getConversation(id);
    if (!conversation) throw new Error(`No conversation has the id "${id}".`);
    this.conversations.set(id, conversation);
    return conversation;
  }

  private toChatConversation(conversation: Conversation): ChatConversation {
    this.conversations.set(conversation.id, conversation);
    return {
      id: conversation.id,
      name: conversation.name || `Conversation ${conversation.id.slice(-6)}`,
      members: [...conversation.members],
      lastMessageAt: conversation.lastMessageAt?.getTime(),
    };
  }

  private toChatMessage(message: Message, conversationId: string): ChatMessage {
    const from = message.from ?? '';
    return {
      id: message.id ?? `unknown-${++this.localIds}`,
      conversationId,
      from,
      timestamp: message.timestamp?.getTime() ?? Date.now(),
      body: toBody(message),
      status: 'sent',
      isMine: from === this.clientId,
    };
  }
}

function toSdkMessage(body: MessageBody): TypedMessage {
  switch (body.kind) {
    case 'text':
      return new TextMessage(body.text);
    case 'image':
      return new ImageMessage({ url: body.url }, body.text);
    case 'location':
      return new LocationMessage({ latitude: body.latitude, longitude: body.longitude }, body.text);
    default:
      throw new Error('This kind of message cannot be sent from the chat.');
  }
}

function toBody(message: Message): MessageBody {
  if (message instanceof TextMessage) return { kind: 'text', text: message.getText() ?? '' };
  if (message instanceof ImageMessage) return { kind: 'image', url: message.getFile().url, text: message.getText() };
  if (message instanceof LocationMessage) {
    const { latitude, longitude } = message.getLocation();
    return { kind: 'location', latitude, longitude, text: message.getText() };
  }
  if (message instanceof TypedMessage) return { kind: 'unknown', summary: message.getText() ?? `[message of type ${message.type}]` };
  // Plain 2.x messages: a string, or a JSON object the app defined.
  const content = message.content;
  return typeof content === 'string' ? { kind: 'text', text: content } : { kind: 'unknown', summary: JSON.stringify(content) };
}

function toConnectionChange(change: StateChange): ConnectionChange {
  switch (change.current) {
    case 'connected':
      return { state: 'connected' };
    case 'reconnecting':
      return { state: 'reconnecting', retryInMs: change.retryInMs };
    case 'connecting':
      // An attempt after an outage is still part of reconnecting, for the reader.
      return { state: change.previous === 'reconnecting' ? 'reconnecting' : 'connecting' };
    case 'closed':
      return { state: 'closed', error: change.error?.message };
    default:
      return { state: 'connecting' };
  }
}
