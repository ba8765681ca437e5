// @realtime/browser: the promise API and the AV.realtime surface over the browser's WebSocket,
// reconnecting at once when the network comes back or the page becomes visible.
import {
  Realtime as CoreRealtime, createWebSocketTransport, type CreateIMClientOptions, type IMClient,
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
  if (!NativeWebSocket) throw new Error('No WebSocket in this environment: use @realtime/node on servers');
  return createWebSocketTransport(NativeWebSocket)(url, listener);
};

/** `Realtime` options; `transport` defaults to the native WebSocket. */
export type RealtimeOptions = Omit<CoreRealtimeOptions, 'transport'> & {
  transport?: TransportFactory;
  /** Retry at once on `online` and check the connection on `visibilitychange`. @default true */
  watchNetwork?: boolean;
};

/** `new Realtime({ appId, server | router })`, ready to use in the browser. */
export class Realtime extends CoreRealtime {
  #unwatch: (() => void) | undefined;

  constructor(options: RealtimeOptions) {
    const { watchNetwork = true, ...rest } = options ?? ({} as RealtimeOptions);
    super({ ...rest, transport: rest.transport ?? browserTransport });
    if (watchNetwork) this.#unwatch = watchNetworkSignals(() => this.retry());
  }

  override async close(): Promise<void> {
    this.#unwatch?.();
    this.#unwatch = undefined;
    await super.close();
  }
}

/**
 * Calls `onSignal` when the browser reports the network back (`online`) or the page visible again.
 * Background tabs throttle timers, so a visible page re-checks its heartbeat deadline and any backoff
 * wait is cut short. Returns a function that stops watching.
 */
export function watchNetworkSignals(onSignal: () => void): () => void {
  const target = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>> & { document?: Document };
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const onVisibility = () => {
    if (target.document?.visibilityState === 'visible') onSignal();
  };
  target.addEventListener('online', onSignal);
  target.document?.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener?.('online', onSignal);
    target.document?.removeEventListener('visibilitychange', onVisibility);
  };
}

/**
 * One client in one call: `const client = await createClient({ appId, router, clientId })`.
 * Use `Realtime` instead when one page or process logs several client ids in.
 */
export function createClient(options: RealtimeOptions & CreateIMClientOptions & { clientId: string }): Promise<IMClient> {
  const { clientId, signatureFactory, conversationSignatureFactory, ...realtimeOptions } = options;
  return new Realtime(realtimeOptions).createIMClient(clientId, { signatureFactory, conversationSignatureFactory });
}

/** `AV.realtime` (LeanCloud 2.x surface) over the native WebSocket. */
export const realtime: LegacyRealtime = /* @__PURE__ */ createLegacyRealtime({
  transport: browserTransport,
  transportFromWebSocket: (WebSocketClass) => createWebSocketTransport(WebSocketClass as WebSocketConstructor),
});
