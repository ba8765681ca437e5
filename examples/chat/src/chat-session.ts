import type { ChatConversation, ChatMessage, ConnectionView, MessageBody } from './chat-model';

export interface ConnectionChange {
  state: ConnectionView;
  /** Entering `reconnecting`: time until the next attempt. Unit: ms. */
  retryInMs?: number;
  /** Why the connection closed for good, when it did. */
  error?: string;
}

export interface ChatSessionEvents {
  connection: (change: ConnectionChange) => void;
  /** A message from someone else, live or delivered after an absence. */
  message: (message: ChatMessage) => void;
  /** A message this client sent reached a recipient. */
  receipt: (conversationId: string, messageId: string) => void;
  /** Members joined or left a conversation, or this client was added to one. */
  membership: (conversationId: string) => void;
}

/**
 * What the views need from the SDK. The views only see this interface, so the UI can be
 * read without knowing the SDK, and the SDK's objects are mapped in exactly one place.
 */
export interface ChatSession {
  readonly clientId: string;
  /** The connection as it is now; later changes arrive as `connection` events. */
  readonly connection: ConnectionChange;
  on<E extends keyof ChatSessionEvents>(event: E, listener: ChatSessionEvents[E]): () => void;
  /** Conversations this client is a member of, most recent first. */
  listConversations(): Promise<ChatConversation[]>;
  createConversation(name: string, members: string[]): Promise<ChatConversation>;
  /** Adds this client to an existing conversation. */
  joinConversation(id: string): Promise<ChatConversation>;
  getConversation(id: string): Promise<ChatConversation | undefined>;
  /** Removes this client from a conversation. */
  leaveConversation(id: string): Promise<void>;
  /** Up to `limit` messages older than `before` (or the newest), oldest first. */
  loadHistory(conversationId: string, limit: number, before?: ChatMessage): Promise<ChatMessage[]>;
  /**
   * Sends with a delivery receipt requested. `onUpdate` sees the message while sending,
   * once acknowledged (with its server id) and if it fails.
   */
  send(conversationId: string, body: MessageBody, onUpdate: (message: ChatMessage) => void): Promise<void>;
  /** Which of `clientIds` have an open session now. */
  whoIsOnline(clientIds: string[]): Promise<string[]>;
  close(): Promise<void>;
}

/** A small typed listener registry for the adapter. */
export class ChatSessionListeners {
  private readonly listeners = new Map<keyof ChatSessionEvents, Set<(...args: never[]) => void>>();

  on<E extends keyof ChatSessionEvents>(event: E, listener: ChatSessionEvents[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (...args: never[]) => void);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  emit<E extends keyof ChatSessionEvents>(event: E, ...args: Parameters<ChatSessionEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as unknown as (...a: Parameters<ChatSessionEvents[E]>) => void)(...args);
    }
  }
}
