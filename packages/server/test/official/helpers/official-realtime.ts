import { dirname } from 'node:path';
import realtime, { type EngineCache, type Frame } from 'leancloud-realtime';
import { ClientZone } from './client-zone';
import { ZoneWebSocket, type WebSocketClass } from './zoned-web-socket';

/**
 * The `ws@0.8` that 2.4.0 depends on and uses by default in Node. Resolved from the client's
 * own folder because this package depends on `ws@8` under the same name.
 */
export const bundledWebSocket: WebSocketClass = require(
  require.resolve('ws', { paths: [dirname(require.resolve('leancloud-realtime'))] }),
);

/** How long the retrying lookup waits after a failure: 2.4.0's own reconnect delay. */
const routerRetryDelayMs = 5000;

let isPatched = false;

/**
 * The unmodified 2.4.0 module, pointed at our router. Two seams, nothing else:
 *
 * - `realtime._engine.getServer` – 2.4.0 builds `http://router-g0-push.leancloud.cn/v1/route`
 *   itself. The replacement asks the router of the zone that is running (ours) instead, with
 *   the same query (`_t`, `appId`, `secure=1`), then does what the original does with the
 *   answer: `expires` from `ttl`, cached on the instance, `error` event when there is none.
 *   Two variants, both in docs/official-client.md:
 *   - `client-ajax`: through the client's own `ajax` (npm `xmlhttprequest`), like the
 *     original. On a failed lookup 2.4.0 stops reconnecting, and its ajax throws
 *     `Network error.` from the request's error handler – in Node an uncaught exception.
 *   - `fetch-with-retry`: through `fetch`, retrying every 5 s until the router answers or
 *     the app closes the instance, so a server outage longer than 5 s is survived.
 * - `realtime.config({WebSocket})` – see `zoned-web-socket.ts`.
 */
export function officialRealtime(): typeof realtime {
  if (isPatched) return realtime;
  isPatched = true;
  realtime.config({ WebSocket: ZoneWebSocket });
  realtime._engine.getServer = (cache, options, callback) => {
    const zone = ClientZone.current;
    if (!zone) throw new Error('The official client looked up its router outside a harness zone; start it with OfficialClient.open');
    const url = () => {
      let url = `${zone.routerUrl}?_t=${Date.now()}&appId=${encodeURIComponent(options.appId)}`;
      if (options.secure) url += '&secure=1';
      return url;
    };
    const answered = (data: Frame) => {
      data.expires = Date.now() + data.ttl * 1000;
      cache.server = data as EngineCache['server'];
      callback(data);
    };
    if (zone.routerLookup === 'client-ajax') {
      realtime._tool.ajax(url(), (error, data) => {
        if (zone.isDisposed) return;
        zone.run(() => (data ? answered(data) : cache.ec.emit('error', error)));
      });
      return;
    }
    const lookup = () => {
      fetch(url())
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`router answered ${response.status}`))))
        .then(
          (data: Frame) => {
            if (!zone.isDisposed && !cache.closeFlag) zone.run(() => answered(data));
          },
          (error: unknown) => {
            if (zone.isDisposed || cache.closeFlag) return;
            zone.run(() => {
              cache.ec.emit('error', error);
              setTimeout(lookup, routerRetryDelayMs);
            });
          },
        );
    };
    lookup();
  };
  return realtime;
}
