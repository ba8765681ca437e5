import { createWebSocketTransport, type TransportListener, type WebSocketLike } from '@realtime/core';

class FakeWebSocket implements WebSocketLike {
  static last: FakeWebSocket;
  binaryType = 'blob';
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  sent: unknown[] = [];
  closeCalls: unknown[][] = [];
  constructor(readonly url: string) {
    FakeWebSocket.last = this;
  }
  send(data: string | Uint8Array) {
    this.sent.push(data);
  }
  close(...args: unknown[]) {
    this.closeCalls.push(args);
  }
}

function listener() {
  const calls: unknown[][] = [];
  const l: TransportListener = {
    open: () => calls.push(['open']),
    frame: (data) => calls.push(['frame', data]),
    close: (info) => calls.push(['close', info]),
  };
  return { l, calls };
}

describe('createWebSocketTransport', () => {
  it('reports open, text and binary frames, and close exactly once', () => {
    const { l, calls } = listener();
    const transport = createWebSocketTransport(FakeWebSocket)('ws://x/', l);
    const socket = FakeWebSocket.last;
    expect(socket.url).toBe('ws://x/');
    expect(socket.binaryType).toBe('arraybuffer');
    socket.readyState = 1;
    socket.onopen!({});
    socket.onmessage!({ data: '{}' });
    socket.onmessage!({ data: new TextEncoder().encode('{"a":1}').buffer });
    socket.onerror!({});
    socket.onclose!({ code: 1006, reason: '' });
    transport.close();
    expect(calls).toEqual([['open'], ['frame', '{}'], ['frame', new TextEncoder().encode('{"a":1}')], ['close', { code: 1006, reason: '' }]]);
  });

  it('sends only while open, and close() reports at once without waiting for the handshake', () => {
    const { l, calls } = listener();
    const transport = createWebSocketTransport(FakeWebSocket)('ws://x/', l);
    const socket = FakeWebSocket.last;
    transport.send('early');
    socket.readyState = 1;
    transport.send('ok');
    transport.close(1000, 'bye');
    transport.send('late');
    expect(socket.sent).toEqual(['ok']);
    expect(socket.closeCalls).toEqual([[1000, 'bye']]);
    expect(calls).toEqual([['close', { code: 1000, reason: 'bye' }]]);
  });

  it('keeps an error handler after closing, so a late error event cannot go unhandled', () => {
    const { l } = listener();
    const transport = createWebSocketTransport(FakeWebSocket)('ws://x/', l);
    transport.close();
    expect(typeof FakeWebSocket.last.onerror).toBe('function');
    expect(FakeWebSocket.last.onmessage).toBeNull();
  });
});
