import { h, replaceChildren } from './dom';

/** The right column: who is in the conversation and who has a session open right now. */
export class MemberList {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'member-list', 'aria-label': 'Members' });
  private readonly heading = h('h2', {}, 'Members');

  constructor(private readonly selfId: string) {
    this.element = h('aside', { class: 'members' }, this.heading, this.list);
  }

  render(members: string[], online: ReadonlySet<string>): void {
    const sorted = [...members].sort((a, b) => Number(online.has(b)) - Number(online.has(a)) || a.localeCompare(b));
    this.heading.textContent = `Members · ${online.size} online`;
    replaceChildren(
      this.list,
      ...sorted.map((id) =>
        h(
          'li',
          { 'data-id': id, 'data-online': online.has(id) ? 'true' : 'false' },
          h('span', { class: 'presence', 'aria-hidden': 'true' }),
          h('span', { class: 'member-name' }, id),
          id === this.selfId && h('span', { class: 'muted' }, ' (you)'),
          h('span', { class: 'visually-hidden' }, online.has(id) ? ' online' : ' offline'),
        ),
      ),
    );
  }

  clear(): void {
    this.heading.textContent = 'Members';
    replaceChildren(this.list);
  }
}
