// @realtime/node: the promise API and the AV.realtime surface, with the `ws` package as transport.
import WebSocket from 'ws';
import {
  Realtime as CoreRealtime, createClientWith, createWebSocketTransport, type CreateClientOptions, type IMClient,
  type RealtimeOptions as CoreRealtimeOptions, type TransportFactory, type WebSocketConstructor,
} from '@realtime/core';
import { createLegacyRealtime, type LegacyRealtime } from '@realtime/legacy';

export * from '@realtime/core';

/** Opens sockets with the `ws` package. */
export const nodeTransport: TransportFactory = createWebSocketTransport(WebSocket);

/** `Realtime` options; `transport` defaults to the `ws` transport. */
export type RealtimeOptions = Omit<CoreRealtimeOptions, 'transport'> & { transport?: TransportFactory };

/** `new Realtime({ appId, server | router })`, ready to use in Node. */
export class Realtime extends CoreRealtime {
  constructor(options: RealtimeOptions) {
    super({ ...options, transport: options?.transport ?? nodeTransport });
  }
}

/**
 * One client in one call: `const client = await createClient({ appId, router, clientId })`.
 * Use `Realtime` instead when one page or process logs several client ids in.
 */
export function createClient(options: CreateClientOptions<RealtimeOptions>): Promise<IMClient> {
  return createClientWith((realtimeOptions: RealtimeOptions) => new Realtime(realtimeOptions), options);
}

/** `AV.realtime` (LeanCloud 2.x surface) over `ws`: `require('@realtime/node').realtime({ appId, clientId }, cb)`. */
export const realtime: LegacyRealtime = /* @__PURE__ */ createLegacyRealtime({
  transport: nodeTransport,
  transportFromWebSocket: (WebSocketClass) => createWebSocketTransport(WebSocketClass as WebSocketConstructor),
});

export * as legacy from '@realtime/legacy';
