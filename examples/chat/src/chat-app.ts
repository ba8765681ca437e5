import type { ChatConversation, ChatMessage, MessageBody } from './chat-model';
import type { ChatSession } from './chat-session';
import { ConnectionBadge } from './connection-badge';
import { ConversationList, describeError } from './conversation-list';
import { Composer } from './composer';
import { h, replaceChildren } from './dom';
import { MemberList } from './member-list';
import { MessageList } from './message-list';

const pageSize = 20;
/** Presence has no push in this protocol dialect, so the open conversation's members are polled. */
const presencePollMs = 10_000;

/**
 * The signed-in screen. Holds the little state the views share (which conversation is open,
 * unread counts, receipts seen) and turns session events into view updates.
 */
export class ChatApp {
  readonly element: HTMLElement;
  private readonly conversations = new Map<string, ChatConversation>();
  private readonly unread = new Map<string, number>();
  /** Receipts can arrive before the ack that names the message, or for a closed conversation. */
  private readonly delivered = new Set<string>();
  private activeId?: string;
  private oldestShown?: ChatMessage;
  private presenceTimer?: ReturnType<typeof setInterval>;

  private readonly badge = new ConnectionBadge();
  private readonly sidebar: ConversationList;
  private readonly messages = new MessageList(() => this.loadOlder());
  private readonly composer = new Composer((body) => this.send(body));
  private readonly memberList: MemberList;
  private readonly title = h('h2', { class: 'conversation-title' }, 'No conversation open');
  private readonly subtitle = h('p', { class: 'muted conversation-id' });
  private readonly pane: HTMLElement;
  private readonly notice = h('p', { class: 'form-error', role: 'alert' });
  private readonly leaveButton = h('button', { type: 'button', class: 'link leave', hidden: true }, 'Leave conversation');

  constructor(
    private readonly session: ChatSession,
    private readonly onSignOut: () => void,
  ) {
    this.sidebar = new ConversationList({
      open: (id) => void this.open(id),
      create: async (name, members) => {
        const conversation = await session.createConversation(name, members);
        this.remember(conversation);
        await this.open(conversation.id);
      },
      join: async (id) => {
        const conversation = await session.joinConversation(id);
        this.remember(conversation);
        await this.open(conversation.id);
      },
    });
    this.memberList = new MemberList(session.clientId);
    this.pane = h(
      'section',
      { class: 'pane', 'data-open': 'false' },
      h('header', { class: 'pane-header' }, h('div', {}, this.title, this.subtitle), this.leaveButton),
      this.badge.banner,
      this.messages.element,
      this.notice,
      this.composer.element,
    );
    this.element = h(
      'div',
      { class: 'shell' },
      h(
        'header',
        { class: 'topbar' },
        h('strong', { class: 'brand' }, 'realtime chat'),
        h('span', { class: 'spacer' }),
        h('span', { class: 'self' }, 'Signed in as ', h('b', { 'data-testid': 'self' }, session.clientId)),
        this.badge.badge,
        h('button', { type: 'button', class: 'link', onClick: () => this.signOut() }, 'Sign out'),
      ),
      this.sidebar.element,
      this.pane,
      this.memberList.element,
    );
    this.leaveButton.addEventListener('click', () => void this.leave());
    this.badge.update(session.connection);
    this.listen();
  }

  /** Loads the conversation list and reopens the conversation named in the URL, if any. */
  async start(initialConversationId?: string): Promise<void> {
    await this.refreshConversations();
    if (initialConversationId) await this.open(initialConversationId);
  }

  private listen(): void {
    this.session.on('connection', (change) => {
      this.badge.update(change);
      // Back after an outage: missed messages arrive as pushes; membership may have changed.
      if (change.state === 'connected') void this.refreshConversations().catch(() => undefined);
    });
    this.session.on('message', (message) => void this.receive(message));
    this.session.on('receipt', (conversationId, messageId) => {
      this.delivered.add(messageId);
      if (conversationId === this.activeId) this.messages.markDelivered(messageId);
    });
    this.session.on('membership', (conversationId) => void this.refreshConversation(conversationId));
  }

  private async receive(message: ChatMessage): Promise<void> {
    if (!this.conversations.has(message.conversationId)) await this.refreshConversation(message.conversationId);
    const conversation = this.conversations.get(message.conversationId);
    if (conversation) conversation.lastMessageAt = Math.max(conversation.lastMessageAt ?? 0, message.timestamp);
    if (message.conversationId === this.activeId) this.messages.upsert(message);
    else this.unread.set(message.conversationId, (this.unread.get(message.conversationId) ?? 0) + 1);
    this.renderSidebar();
  }

  async open(id: string): Promise<void> {
    this.notice.textContent = '';
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = await this.session.getConversation(id).catch(() => undefined);
      if (!conversation) {
        this.notice.textContent = `Conversation ${id} was not found.`;
        return;
      }
      this.remember(conversation);
    }
    this.activeId = id;
    this.unread.delete(id);
    history.replaceState(null, '', `#c=${encodeURIComponent(id)}`);
    this.pane.dataset.open = 'true';
    this.leaveButton.hidden = false;
    this.title.textContent = conversation.name;
    this.subtitle.textContent = `id ${conversation.id}`;
    this.renderSidebar();
    try {
      const page = await this.session.loadHistory(id, pageSize);
      if (this.activeId !== id) return;
      this.oldestShown = page[0];
      this.messages.reset(this.withReceipts(page), page.length >= pageSize);
    } catch (error) {
      this.notice.textContent = `Could not load history: ${describeError(error)}`;
    }
    void this.refreshPresence();
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => void this.refreshPresence(), presencePollMs);
    this.composer.focus();
  }

  private async loadOlder(): Promise<boolean> {
    const id = this.activeId;
    if (!id || !this.oldestShown) return false;
    const page = await this.session.loadHistory(id, pageSize, this.oldestShown);
    if (this.activeId !== id) return false;
    const hasOlder = page.length >= pageSize;
    if (page.length > 0) this.oldestShown = page[0];
    this.messages.prepend(this.withReceipts(page), hasOlder);
    return hasOlder;
  }

  private send(body: MessageBody): void {
    const id = this.activeId;
    if (!id) return;
    let localId: string | undefined;
    this.session
      .send(id, body, (message) => {
        if (this.activeId !== id) return;
        if (this.delivered.has(message.id)) message.status = 'delivered';
        this.messages.upsert(message, localId);
        localId = message.id;
      })
      .catch((error) => {
        this.notice.textContent = `Not sent: ${describeError(error)}`;
      });
  }

  private async refreshConversations(): Promise<void> {
    for (const conversation of await this.session.listConversations()) this.remember(conversation);
    this.renderSidebar();
  }

  private async refreshConversation(id: string): Promise<void> {
    const conversation = await this.session.getConversation(id).catch(() => undefined);
    if (!conversation) return;
    if (!conversation.members.includes(this.session.clientId)) {
      // Removed by someone else (or left from another tab): it no longer belongs in the list.
      this.forget(id);
      return;
    }
    this.remember(conversation);
    this.renderSidebar();
    if (id === this.activeId) void this.refreshPresence();
  }

  private async refreshPresence(): Promise<void> {
    const conversation = this.activeId ? this.conversations.get(this.activeId) : undefined;
    if (!conversation) return;
    const online = await this.session.whoIsOnline(conversation.members).catch(() => undefined);
    if (online && conversation.id === this.activeId) this.memberList.render(conversation.members, new Set(online));
  }

  private async leave(): Promise<void> {
    const id = this.activeId;
    if (!id) return;
    this.notice.textContent = '';
    try {
      await this.session.leaveConversation(id);
      this.forget(id);
    } catch (error) {
      this.notice.textContent = `Could not leave: ${describeError(error)}`;
    }
  }

  /** Drops a conversation this client is no longer in, closing it if it was open. */
  private forget(id: string): void {
    this.conversations.delete(id);
    this.unread.delete(id);
    if (this.activeId === id) {
      this.activeId = undefined;
      this.oldestShown = undefined;
      clearInterval(this.presenceTimer);
      history.replaceState(null, '', location.pathname + location.search);
      this.pane.dataset.open = 'false';
      this.leaveButton.hidden = true;
      this.title.textContent = 'No conversation open';
      this.subtitle.textContent = '';
      this.messages.reset([], false);
      this.memberList.clear();
    }
    this.renderSidebar();
  }

  private remember(conversation: ChatConversation): void {
    const known = this.conversations.get(conversation.id);
    this.conversations.set(conversation.id, {
      ...conversation,
      lastMessageAt: Math.max(conversation.lastMessageAt ?? 0, known?.lastMessageAt ?? 0) || undefined,
    });
  }

  private renderSidebar(): void {
    const sorted = [...this.conversations.values()].sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0));
    this.sidebar.render(sorted, this.activeId, this.unread);
    // Unread messages show in the tab's title, where a background tab can still be seen.
    const unread = [...this.unread.values()].reduce((sum, count) => sum + count, 0);
    document.title = unread > 0 ? `(${unread}) realtime chat` : 'realtime chat';
  }

  private withReceipts(messages: ChatMessage[]): ChatMessage[] {
    return messages.map((m) => (m.isMine && this.delivered.has(m.id) ? { ...m, status: 'delivered' } : m));
  }

  private signOut(): void {
    clearInterval(this.presenceTimer);
    replaceChildren(this.element);
    void this.session.close().finally(this.onSignOut);
  }
}
