import { Connection, type FetchLike, type TransportFactory } from '@realtime/core';
import { legacyVersion, normalizeOptions, type LegacyConfig, type LegacyRealtimeOptions } from './legacy-options';
import type { Frame, LegacySession, SessionFactory } from './legacy-session';
import { RealtimeObject } from './realtime-object';

export { legacyVersion };

/** `AV.realtime`: a function with `version` and `config`, as in 2.4.0. */
export interface LegacyRealtime {
  (options: LegacyRealtimeOptions, callback?: (openedFrame: Frame) => void): RealtimeObject;
  readonly version: string;
  /** Sets `server`, `router` or `WebSocket` once for every realtime object made afterwards. */
  config(settings: LegacyConfig): void;
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
 * `@realtime/browser` and the IIFE bundle the native WebSocket. Without either, core's
 * `Connection` throws `NO_TRANSPORT` at the call.
 *
 * `sessionFactoryFor` receives the page-wide config at each `AV.realtime()` call, so
 * `AV.realtime.config({ WebSocket })` swaps the transport; unit tests replace it with a fake.
 */
export function createLegacyRealtime(
  platform: LegacyPlatform,
  sessionFactoryFor = ({ WebSocket }: LegacyConfig): SessionFactory => {
    const transport = WebSocket && platform.transportFromWebSocket ? platform.transportFromWebSocket(WebSocket) : platform.transport;
    // The legacy frames are loosely typed; core checks them on the wire.
    return (options, observer) => new Connection({ ...options, transport: transport!, fetch: platform.fetch }, observer) as unknown as LegacySession;
  },
): LegacyRealtime {
  const config: LegacyConfig = {};
  return Object.assign(
    (options: LegacyRealtimeOptions, callback?: (openedFrame: Frame) => void) =>
      new RealtimeObject(normalizeOptions(options, config), sessionFactoryFor({ ...config })).open(callback),
    {
      version: legacyVersion,
      config(settings: LegacyConfig) {
        // Object.assign skips a missing argument.
        Object.assign(config, settings);
      },
    },
  );
}
