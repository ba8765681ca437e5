// The entry of dist/AV.realtime.js and AV.realtime.min.js for old pages. The only file of this
// package that touches globals: a <script> tag gets `AV.realtime` (an existing `window.AV` is
// extended, never replaced); CommonJS `require()` gets the function itself, as with 2.4.0.
// An .mts file, so the bundler reads it as an ES module although this package is CommonJS,
// and `module` below stays the real run-time CommonJS module instead of a bundler stand-in.
import { createWebSocketTransport, type TransportFactory, type WebSocketConstructor } from '@realtime/core';
import { createLegacyRealtime } from './realtime';

declare const module: { exports: unknown } | undefined;
declare const define: ((id: string, deps: string[], factory: () => unknown) => void) & { amd?: unknown };

const scope = globalThis as unknown as { WebSocket?: WebSocketConstructor; AV?: Record<string, unknown> };

// Looked up per socket, so a WebSocket polyfill loaded after this script still counts.
const nativeTransport: TransportFactory = (url, listener) => {
  if (!scope.WebSocket) throw new Error('No WebSocket: call AV.realtime.config({ WebSocket })');
  return createWebSocketTransport(scope.WebSocket)(url, listener);
};

const realtime = createLegacyRealtime({
  transport: nativeTransport,
  transportFromWebSocket: createWebSocketTransport as (WebSocketClass: unknown) => TransportFactory,
});

if (typeof module === 'object' && module?.exports) {
  (realtime as unknown as { realtime: unknown }).realtime = realtime;
  module.exports = realtime;
} else {
  const AV = (scope.AV = scope.AV || {});
  AV.realtime = realtime;
  if (typeof define === 'function' && define.amd) define('AV/realtime', [], () => realtime);
}
