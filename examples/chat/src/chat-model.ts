/** What the views draw. The SDK's objects are mapped to these in chat-session.ts. */

export type ConnectionView = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'failed';

export type MessageBody =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string; text?: string }
  | { kind: 'location'; latitude: number; longitude: number; text?: string }
  | { kind: 'unknown'; summary: string };

export interface ChatMessage {
  /** Server message id; a local id while sending. */
  id: string;
  conversationId: string;
  from: string;
  /** Unit: ms since the epoch. */
  timestamp: number;
  body: MessageBody;
  status: MessageStatus;
  isMine: boolean;
}

export interface ChatConversation {
  id: string;
  name: string;
  members: string[];
  /** Unit: ms since the epoch. */
  lastMessageAt?: number;
}
