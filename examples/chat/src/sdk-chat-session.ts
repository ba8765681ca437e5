import type { ChatSession } from './chat-session';

/** Wired to @realtime/browser's promise API as soon as it is published in this repo. */
export async function openChatSession(_clientId: string): Promise<ChatSession> {
  throw new Error('The chat is not wired to @realtime/browser yet');
}
