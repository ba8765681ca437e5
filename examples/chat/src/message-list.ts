import type { ChatMessage } from './chat-model';
import { h, replaceChildren } from './dom';
import { renderMessage, renderStatus } from './message-view';

/**
 * The scrolling message column. Scrolling to the top (or the button there) asks for older
 * messages; new ones keep the view pinned to the bottom only if the reader was already there.
 */
export class MessageList {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'messages', 'aria-live': 'polite' });
  private readonly olderButton = h('button', { class: 'load-older', type: 'button' }, 'Load earlier messages');
  private readonly scroller: HTMLElement;
  private isLoadingOlder = false;
  private hasOlder = true;

  constructor(private readonly loadOlder: () => Promise<boolean>) {
    this.olderButton.addEventListener('click', () => void this.requestOlder());
    this.scroller = h('div', { class: 'message-scroller' }, this.olderButton, this.list);
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < 40) void this.requestOlder();
    });
    this.element = this.scroller;
  }

  /** Shows a conversation's first page; `hasOlder` says whether history goes further back. */
  reset(messages: ChatMessage[], hasOlder: boolean): void {
    replaceChildren(this.list, ...messages.map(renderMessage));
    this.setHasOlder(hasOlder);
    this.scrollToBottom();
  }

  prepend(messages: ChatMessage[], hasOlder: boolean): void {
    // Keep what the reader was looking at in place while older messages appear above it.
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    const fresh = messages.filter((m) => !this.find(m.id));
    this.list.prepend(...fresh.map(renderMessage));
    this.setHasOlder(hasOlder);
    this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
  }

  /** Adds or replaces a message (a sending message is replaced once the server gives it an id). */
  upsert(message: ChatMessage, replacesId?: string): void {
    const existing = this.find(replacesId ?? message.id) ?? this.find(message.id);
    const element = renderMessage(message);
    if (existing) {
      existing.replaceWith(element);
      return;
    }
    const isAtBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80;
    this.list.append(element);
    if (isAtBottom || message.isMine) this.scrollToBottom();
  }

  markDelivered(messageId: string): boolean {
    const element = this.find(messageId);
    const status = element?.querySelector('.status');
    if (!status) return false;
    status.replaceWith(renderStatus('delivered'));
    return true;
  }

  private setHasOlder(hasOlder: boolean): void {
    this.hasOlder = hasOlder;
    this.olderButton.hidden = !hasOlder;
  }

  private async requestOlder(): Promise<void> {
    if (this.isLoadingOlder || !this.hasOlder) return;
    this.isLoadingOlder = true;
    this.olderButton.textContent = 'Loading…';
    try {
      this.setHasOlder(await this.loadOlder());
    } finally {
      this.isLoadingOlder = false;
      this.olderButton.textContent = 'Load earlier messages';
    }
  }

  private find(id: string): HTMLElement | null {
    return this.list.querySelector(`li[data-id="${CSS.escape(id)}"]`);
  }

  private scrollToBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
