// @realtime/browser: the promise API and the AV.realtime surface over the browser's WebSocket,
// reconnecting at once when the network comes back or the page becomes visible.
import {
  Realtime as CoreRealtime, createClientWith, createWebSocketTransport, type CreateClientOptions, type IMClient,
  type RealtimeOptions as CoreRealtimeOptions, type TransportFactory, type WebSocketConstructor,
} from '@realtime/core';
import { createLegacyRealtime, type LegacyRealtime } from '@realtime/legacy';

export * from '@realtime/core';

/**
 * Looked up when the first socket opens, not at import time, so importing this package in a
 * server-side render does not throw.
 */
export const browserTransport: TransportFactory = (url, listener) => {
  const NativeWebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!NativeWebSocket) throw new Error('No WebSocket here: use @realtime/node');
  return createWebSocketTransport(NativeWebSocket)(url, listener);
};

/** `Realtime` options; `transport` defaults to the native WebSocket. */
export type RealtimeOptions = Omit<CoreRealtimeOptions, 'transport'> & {
  transport?: TransportFactory;
  /** Retry at once on `online` and on `visibilitychange` to visible; drop sockets on `offline`. @default true */
  watchNetwork?: boolean;
};

/** `new Realtime({ appId, server | router })`, ready to use in the browser. */
export class Realtime extends CoreRealtime {
  #unwatch: (() => void) | undefined;

  // `= {}`: a missing options object gets core's coded INVALID_ARGUMENT, not a destructuring TypeError.
  constructor({ watchNetwork = true, transport = browserTransport, ...options }: RealtimeOptions = {} as RealtimeOptions) {
    super({ ...options, transport });
    if (watchNetwork) this.#unwatch = watchNetworkSignals({ onOnline: () => this.retry(), onOffline: () => this.dropConnections() });
  }

  override close(): Promise<void> {
    this.#unwatch?.();
    return super.close();
  }
}

/** What the browser reports about the network and the page. */
export interface NetworkSignalHandlers {
  /** `online`, or the page became visible again. */
  onOnline(): void;
  /** `offline`. */
  onOffline?(): void;
}

/**
 * Watches the browser's `online`/`offline` events and page visibility. Background tabs throttle
 * timers, so a page that becomes visible re-checks its heartbeat deadline and cuts any backoff wait
 * short; `online` does the same; `offline` drops sockets that would otherwise look open for minutes.
 * Returns a function that stops watching.
 */
export function watchNetworkSignals({ onOnline, onOffline }: NetworkSignalHandlers): () => void {
  const page = globalThis as Partial<typeof globalThis>;
  const { document } = page;
  const watching = new AbortController();
  const options = { signal: watching.signal };
  // Server-side renders have no window events: nothing to watch there.
  page.addEventListener?.('online', () => onOnline(), options);
  page.addEventListener?.('offline', () => onOffline?.(), options);
  document?.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && onOnline(), options);
  return () => watching.abort();
}

/**
 * One client in one call: `const client = await createClient({ appId, router, clientId })`.
 * Use `Realtime` instead when one page logs several client ids in.
 */
export function createClient(options: CreateClientOptions<RealtimeOptions>): Promise<IMClient> {
  return createClientWith((realtimeOptions: RealtimeOptions) => new Realtime(realtimeOptions), options);
}

/** `AV.realtime` (LeanCloud 2.x surface) over the native WebSocket. */
export const realtime: LegacyRealtime = /* @__PURE__ */ createLegacyRealtime({
  transport: browserTransport,
  transportFromWebSocket: (WebSocketClass) => createWebSocketTransport(WebSocketClass as WebSocketConstructor),
});
