import { createWebSocketTransport } from '@realtime/core';
import { createLegacyRealtime, type LegacyRealtime } from '@realtime/legacy';
import { realtime as nodeRealtime } from '@realtime/node';
import { routerPath, type RunningServer } from './legacy-test-server';

/** A realtime object of either implementation: the same documented surface, loosely typed. */
export type AnyRealtimeObject = any;

export interface Implementation {
  readonly name: 'official 2.4.0' | 'ours';
  /**
   * `AV.realtime(options)` against `server`; resolves once the open callback ran. `onCreated`
   * runs right after `AV.realtime()` returns, where an app adds its listeners.
   */
  open(
    server: RunningServer,
    options: Record<string, unknown>,
    onCreated?: (rt: AnyRealtimeObject) => void,
  ): Promise<{ rt: AnyRealtimeObject; opened: any }>;
  /** Stops every client this implementation started (timers and sockets). */
  disposeAll(): void;
}

// ws@8 for our client (the version @realtime/node ships), resolved from the node package.
export const ws8 = require(require.resolve('ws', { paths: [require.resolve('@realtime/node/package.json')] }));

/**
 * A fresh AV.realtime for Node, built as `@realtime/node` builds its `realtime` (the `ws`
 * transport injected); fresh so that each test's `config()` stays its own.
 */
export function ourRealtime(): LegacyRealtime {
  return createLegacyRealtime({
    transport: createWebSocketTransport(ws8),
    transportFromWebSocket: (WebSocketClass) => createWebSocketTransport(WebSocketClass as never),
  });
}

export function ours(): Implementation {
  const live = new Set<AnyRealtimeObject>();
  return {
    name: 'ours',
    open(server, options, onCreated) {
      // The function Node apps get: require('@realtime/node').realtime (the `ws` transport).
      const realtime = nodeRealtime;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('ours: no open within 5 s')), 5000);
        const rt = realtime({ appId: server.appId, router: routerPath(server.routerUrl), ...options } as never, (opened) => {
          clearTimeout(timer);
          resolve({ rt, opened });
        });
        live.add(rt);
        onCreated?.(rt);
      });
    },
    disposeAll() {
      for (const rt of live) rt.close();
      live.clear();
    },
  };
}

/**
 * The unmodified official client, pointed at our router through the seam the server's test
 * harness already maintains (`_engine.getServer` replaced, sockets and timers kept in a zone
 * so that they can be stopped; see packages/server/test/official/helpers).
 */
export function official(): Implementation {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { officialRealtime, bundledWebSocket } = require('../../../server/test/official/helpers/official-realtime');
  const { ClientZone } = require('../../../server/test/official/helpers/client-zone');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const zones = new Set<{ dispose(): void }>();
  return {
    name: 'official 2.4.0',
    open(server, options, onCreated) {
      const realtime = officialRealtime();
      const zone = new ClientZone(routerPath(server.routerUrl), bundledWebSocket);
      zones.add(zone);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('official: no open within 5 s')), 5000);
        const rt = zone.run(() =>
          realtime({ appId: server.appId, secure: false, ...options }, (opened: unknown) => {
            clearTimeout(timer);
            resolve({ rt, opened });
          }),
        );
        onCreated?.(rt);
      });
    },
    disposeAll() {
      for (const zone of zones) zone.dispose();
      zones.clear();
    },
  };
}

