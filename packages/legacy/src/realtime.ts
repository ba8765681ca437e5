import type { FetchLike, TransportFactory } from '@realtime/core';
import { createCoreSessionPortFactory } from './core-session-port';
import { LegacyError } from './legacy-error';
import { normalizeOptions, type LegacyConfig, type LegacyRealtimeOptions } from './legacy-options';
import { RealtimeObject } from './realtime-object';
import type { Frame, SessionPortFactory } from './session-port';

/** Reported as `AV.realtime.version` and sent as `ua: js/<version>` in `session open`. */
export const legacyVersion = '0.1.0';

/** `AV.realtime`: a function with `version` and `config`, as in 2.4.0. */
export interface LegacyRealtime {
  (options: LegacyRealtimeOptions, callback?: (openedFrame: Frame) => void): RealtimeObject;
  readonly version: string;
  /** Sets `server`, `router` or `WebSocket` once for every realtime object made afterwards. */
  config(settings: LegacyConfig): void;
}

/**
 * Builds `AV.realtime` over a session layer. `makePortFactory` receives the page-wide config
 * at each `AV.realtime()` call, so `AV.realtime.config({ WebSocket })` swaps the transport.
 */
export function createLegacyRealtimeWith(makePortFactory: (config: LegacyConfig) => SessionPortFactory): LegacyRealtime {
  const config: LegacyConfig = {};
  const realtime = ((options: LegacyRealtimeOptions, callback?: (openedFrame: Frame) => void) => {
    const normalized = normalizeOptions(options, config);
    const realtimeObject = new RealtimeObject(normalized, makePortFactory({ ...config }), `js/${legacyVersion}`);
    return realtimeObject.open(callback);
  }) as LegacyRealtime;
  Object.defineProperty(realtime, 'version', { value: legacyVersion, enumerable: true });
  realtime.config = (settings: LegacyConfig) => {
    if (settings && typeof settings === 'object') Object.assign(config, settings);
  };
  return realtime;
}

/** How a platform package opens sockets for AV.realtime. */
export interface LegacyPlatform {
  /** The default transport (the browser's WebSocket, or `ws` in Node). */
  transport?: TransportFactory;
  /** Builds a transport from the class given to `AV.realtime.config({ WebSocket })`. */
  transportFromWebSocket?: (WebSocketClass: unknown) => TransportFactory;
  /** HTTP GET for the router lookup. @default globalThis.fetch */
  fetch?: FetchLike;
}

/**
 * Builds `AV.realtime` for a platform: `@realtime/node` passes the `ws` transport,
 * `@realtime/browser` and the IIFE bundle the native WebSocket.
 */
export function createLegacyRealtime(platform: LegacyPlatform): LegacyRealtime {
  return createLegacyRealtimeWith((config) => {
    const transport =
      config.WebSocket && platform.transportFromWebSocket ? platform.transportFromWebSocket(config.WebSocket) : platform.transport;
    if (!transport) {
      throw new LegacyError('NO_TRANSPORT', 'No WebSocket: call AV.realtime.config({ WebSocket }) or use @realtime/browser / @realtime/node');
    }
    return createCoreSessionPortFactory(transport, platform.fetch);
  });
}
