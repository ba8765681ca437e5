import type { ChatMessage, MessageStatus } from './chat-model';
import { h } from './dom';
import { icon } from './icons';

const statusLabels: Record<MessageStatus, string> = {
  sending: '…',
  sent: '✓',
  delivered: '✓✓',
  failed: '!',
};
const statusTitles: Record<MessageStatus, string> = {
  sending: 'Sending',
  sent: 'Reached the server',
  delivered: 'Delivered to a recipient',
  failed: 'Not sent',
};

/** One message bubble. Content goes in as text nodes and attributes only, never as HTML. */
export function renderMessage(message: ChatMessage): HTMLElement {
  return h(
    'li',
    {
      class: `message${message.isMine ? ' mine' : ''}`,
      'data-id': message.id,
      'data-from': message.from,
      'data-kind': message.body.kind,
    },
    !message.isMine && h('span', { class: 'message-from' }, message.from),
    h('div', { class: 'bubble' }, renderBody(message)),
    h(
      'span',
      { class: 'message-meta' },
      h('time', { datetime: new Date(message.timestamp).toISOString() }, formatTime(message.timestamp)),
      message.isMine && renderStatus(message.status),
    ),
  );
}

export function renderStatus(status: MessageStatus): HTMLElement {
  return h('span', { class: 'status', 'data-status': status, title: statusTitles[status] }, statusLabels[status]);
}

function renderBody(message: ChatMessage): Node {
  const body = message.body;
  switch (body.kind) {
    case 'text':
      return h('p', { class: 'text' }, body.text);
    case 'image':
      return h(
        'figure',
        {},
        h('img', { src: safeUrl(body.url), alt: body.text || `Image from ${message.from}`, loading: 'lazy' }),
        body.text && h('figcaption', {}, body.text),
      );
    case 'location': {
      const where = `${body.latitude.toFixed(5)}, ${body.longitude.toFixed(5)}`;
      const map = `https://www.openstreetmap.org/?mlat=${body.latitude}&mlon=${body.longitude}#map=15/${body.latitude}/${body.longitude}`;
      return h(
        'a',
        { class: 'location', href: map, target: '_blank', rel: 'noopener noreferrer' },
        icon('pin', 26),
        h('span', {}, body.text || 'Location', h('br'), h('small', {}, where)),
      );
    }
    default:
      return h('p', { class: 'text muted' }, body.summary);
  }
}

/** Only http(s) and inline images: a `javascript:` URL from a peer must not end up in a link or image. */
export function safeUrl(url: string, base: string = location.href): string {
  try {
    const parsed = new URL(url, base);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.toString();
    if (parsed.protocol === 'data:' && /^data:image\/(png|jpe?g|gif|webp|svg\+xml)[;,]/i.test(url)) return url;
  } catch {
    // fall through: not a URL
  }
  return 'data:,';
}

function formatTime(ms: number): string {
  const date = new Date(ms);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
