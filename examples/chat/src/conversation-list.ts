import type { ChatConversation } from './chat-model';
import { h, replaceChildren } from './dom';

export interface ConversationListActions {
  open(id: string): void;
  create(name: string, members: string[]): Promise<void>;
  join(id: string): Promise<void>;
}

/** The sidebar: this client's conversations with unread counts, and forms to create or join one. */
export class ConversationList {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'conversation-list', 'aria-label': 'Conversations' });
  private readonly error = h('p', { class: 'form-error', role: 'alert' });

  constructor(private readonly actions: ConversationListActions) {
    const name = h('input', { name: 'name', placeholder: 'Name, e.g. lunch', 'aria-label': 'Conversation name' });
    const members = h('input', {
      name: 'members',
      placeholder: 'Members, e.g. bob, carol',
      'aria-label': 'Members (comma separated)',
    });
    const create = h(
      'form',
      { class: 'stack', 'data-form': 'create', onSubmit: (e: Event) => this.submit(e, () => actions.create(name.value.trim() || 'Untitled', splitIds(members.value)), create) },
      h('h2', {}, 'New conversation'),
      name,
      members,
      h('button', { type: 'submit' }, 'Create'),
    );
    const joinId = h('input', { name: 'conversationId', placeholder: 'Conversation id', 'aria-label': 'Conversation id', required: true });
    const join = h(
      'form',
      { class: 'stack', 'data-form': 'join', onSubmit: (e: Event) => this.submit(e, () => actions.join(joinId.value.trim()), join) },
      h('h2', {}, 'Join by id'),
      joinId,
      h('button', { type: 'submit' }, 'Join'),
    );
    this.element = h('aside', { class: 'sidebar' }, h('h2', {}, 'Conversations'), this.list, create, join, this.error);
  }

  render(conversations: ChatConversation[], activeId: string | undefined, unread: ReadonlyMap<string, number>): void {
    if (conversations.length === 0) {
      replaceChildren(this.list, h('li', { class: 'muted empty' }, 'None yet: create one below.'));
      return;
    }
    replaceChildren(
      this.list,
      ...conversations.map((conversation) => {
        const count = unread.get(conversation.id) ?? 0;
        return h(
          'li',
          {},
          h(
            'button',
            {
              class: 'conversation',
              'data-id': conversation.id,
              'aria-current': conversation.id === activeId ? 'true' : undefined,
              onClick: () => this.actions.open(conversation.id),
            },
            h('span', { class: 'conversation-name' }, conversation.name),
            count > 0 && h('span', { class: 'unread', 'aria-label': `${count} unread` }, count),
            h('span', { class: 'conversation-members muted' }, conversation.members.join(', ')),
          ),
        );
      }),
    );
  }

  private async submit(event: Event, action: () => Promise<void>, form: HTMLFormElement): Promise<void> {
    event.preventDefault();
    this.error.textContent = '';
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      await action();
      form.reset();
    } catch (error) {
      this.error.textContent = describeError(error);
    } finally {
      if (button) button.disabled = false;
    }
  }
}

export function splitIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean))];
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
