import type { TransportFactory } from './transport';

/** The part of a WHATWG WebSocket the adapter uses. The browser's WebSocket and the `ws` package both fit. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/**
 * Any WHATWG-style WebSocket class. Typed loosely on purpose: the DOM's and `ws`'s declarations differ in
 * handler signatures, yet both behave as {@link WebSocketLike} at run time, so both are accepted without casts.
 */
export type WebSocketConstructor = new (url: string) => object;

/**
 * Adapts any WHATWG-style WebSocket constructor to a {@link TransportFactory}. The constructor is
 * passed in, so core stays free of platform code: `@realtime/browser` passes `globalThis.WebSocket`,
 * `@realtime/node` passes the `ws` package.
 */
export function createWebSocketTransport(WebSocketCtor: WebSocketConstructor): TransportFactory {
  return (url, listener) => {
    const socket = new (WebSocketCtor as new (url: string) => WebSocketLike)(url);
    let isClosed = false;
    const reportClose = (code: number, reason: string) => {
      if (isClosed) return;
      isClosed = true;
      // onerror stays: `ws` reports an abandoned handshake with an 'error' event on the next tick, and
      // an EventEmitter 'error' without a listener would throw and crash the process.
      socket.onopen = socket.onmessage = socket.onclose = null;
      listener.close({ code, reason });
    };
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => listener.open();
    // With binaryType 'arraybuffer', data is a string or an ArrayBuffer.
    socket.onmessage = ({ data }) => listener.frame(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
    socket.onclose = (event) => reportClose(event.code, event.reason);
    // Errors are always followed by close (browsers and `ws`), which is what the listener hears about.
    socket.onerror = () => undefined;
    return {
      send(data) {
        if (!isClosed && socket.readyState === 1 /* OPEN */) socket.send(data);
      },
      close(code = 1000, reason = '') {
        if (isClosed) return;
        try {
          socket.close(code, reason);
        } catch {
          // A code or reason this WebSocket refuses: close it anyway.
          socket.close();
        }
        // Report now: the connection has moved on and must not wait for the closing handshake.
        reportClose(code, reason);
      },
    };
  };
}
