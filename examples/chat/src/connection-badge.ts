import type { ConnectionChange } from './chat-session';
import { h } from './dom';

const labels: Record<ConnectionChange['state'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

/**
 * The connection state pill in the header, plus a banner over the messages while the
 * connection is down: people should see at once that what they type will wait.
 */
export class ConnectionBadge {
  readonly badge = h('span', { class: 'connection', 'data-state': 'connecting', role: 'status' }, labels.connecting);
  readonly banner = h('div', { class: 'connection-banner', hidden: true, role: 'alert' });
  private countdown?: ReturnType<typeof setInterval>;

  update(change: ConnectionChange): void {
    clearInterval(this.countdown);
    this.badge.dataset.state = change.state;
    this.badge.textContent = labels[change.state];
    this.banner.hidden = change.state === 'connected' || change.state === 'connecting';
    if (change.state === 'closed') {
      this.banner.textContent = `Disconnected${change.error ? `: ${change.error}` : ''}. Reload the page to try again.`;
      return;
    }
    if (change.state !== 'reconnecting') return;
    const retryAt = Date.now() + (change.retryInMs ?? 0);
    const render = () => {
      const seconds = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
      this.banner.textContent =
        seconds > 0
          ? `Reconnecting… next try in ${seconds} s. Messages you send now are queued.`
          : 'Reconnecting… Messages you send now are queued.';
    };
    render();
    this.countdown = setInterval(render, 1000);
  }
}
