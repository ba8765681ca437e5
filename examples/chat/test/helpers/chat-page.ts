import type { Page } from 'playwright-core';

/** What a person does in the chat, in the chat's own words (labels and buttons). */
export class ChatPage {
  constructor(readonly page: Page) {}

  async signIn(clientId: string): Promise<void> {
    await this.page.getByLabel('Client id').fill(clientId);
    await this.page.getByRole('button', { name: 'Connect' }).click();
    await this.waitForConnection('connected');
  }

  async waitForConnection(state: 'connected' | 'reconnecting', timeoutMs = 15_000): Promise<void> {
    await this.page.locator(`.connection[data-state="${state}"]`).waitFor({ timeout: timeoutMs });
  }

  async createConversation(name: string, members: string[]): Promise<string> {
    await this.page.getByLabel('Conversation name').fill(name);
    await this.page.getByLabel('Members (comma separated)').fill(members.join(', '));
    await this.page.getByRole('button', { name: 'Create' }).click();
    await this.page.locator('.conversation-title', { hasText: name }).waitFor();
    return this.openConversationId();
  }

  async joinConversation(id: string): Promise<void> {
    await this.page.getByLabel('Conversation id').fill(id);
    await this.page.getByRole('button', { name: 'Join' }).click();
    await this.page.locator('.conversation-id', { hasText: id }).waitFor();
  }

  async openConversation(name: string): Promise<void> {
    await this.page.locator('.conversation', { hasText: name }).click();
    await this.page.locator('.conversation-title', { hasText: name }).waitFor();
  }

  async openConversationId(): Promise<string> {
    const text = (await this.page.locator('.conversation-id').textContent()) ?? '';
    return text.replace(/^id\s+/, '').trim();
  }

  async sendText(text: string): Promise<void> {
    await this.page.getByLabel('Message', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Send', exact: true }).click();
  }

  /** Waits for a message bubble with this text (from anyone) and returns its element. */
  message(text: string) {
    return this.page.locator('.message', { hasText: text });
  }

  async expectMessage(text: string, timeoutMs = 10_000): Promise<void> {
    await this.message(text).first().waitFor({ timeout: timeoutMs });
  }

  async messageTexts(): Promise<string[]> {
    return this.page.locator('.message .bubble').allInnerTexts();
  }

  async unreadCount(conversationName: string): Promise<number> {
    const badge = this.page.locator('.conversation', { hasText: conversationName }).locator('.unread');
    await badge.waitFor({ timeout: 10_000 });
    return Number(await badge.textContent());
  }

  /** `sent` means at least sent: a receipt may turn it into `delivered` before we look. */
  async expectStatus(text: string, status: 'sent' | 'delivered'): Promise<void> {
    const selector = status === 'sent' ? '.status[data-status="sent"], .status[data-status="delivered"]' : '.status[data-status="delivered"]';
    await this.message(text).locator(selector).waitFor({ timeout: 10_000 });
  }

  async expectOnline(clientId: string, isOnline: boolean, timeoutMs = 15_000): Promise<void> {
    await this.page.locator(`.member-list li[data-id="${clientId}"][data-online="${isOnline}"]`).waitFor({ timeout: timeoutMs });
  }
}
