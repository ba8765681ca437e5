import { dirname } from 'node:path';
import realtime from 'leancloud-realtime';
import { ClientZone } from './client-zone';
import { ZoneWebSocket, type WebSocketClass } from './zoned-web-socket';

/**
 * The `ws@0.8` that 2.4.0 depends on and uses by default in Node. Resolved from the client's
 * own folder because this package depends on `ws@8` under the same name.
 */
export const bundledWebSocket: WebSocketClass = require(
  require.resolve('ws', { paths: [dirname(require.resolve('leancloud-realtime'))] }),
);

let isPatched = false;

/**
 * The unmodified 2.4.0 module, pointed at our router. Two documented seams, nothing else:
 *
 * - `realtime._engine.getServer` – 2.4.0 builds `http://router-g0-push.leancloud.cn/v1/route`
 *   itself. The replacement asks the router of the zone that is running (ours) instead, with
 *   the same query (`_t`, `appId`, `secure=1`) and through the client's own `ajax` (npm
 *   `xmlhttprequest`), then does what the original does with the answer: `expires` from
 *   `ttl`, cached on the instance, `error` event when there is no answer.
 * - `realtime.config({WebSocket})` – see `zoned-web-socket.ts`.
 */
export function officialRealtime(): typeof realtime {
  if (isPatched) return realtime;
  isPatched = true;
  realtime.config({ WebSocket: ZoneWebSocket });
  realtime._engine.getServer = (cache, options, callback) => {
    const zone = ClientZone.current;
    if (!zone) throw new Error('The official client looked up its router outside a harness zone; start it with OfficialClient.open');
    let url = `${zone.routerUrl}?_t=${Date.now()}&appId=${encodeURIComponent(options.appId)}`;
    if (options.secure) url += '&secure=1';
    realtime._tool.ajax(url, (error, data) => {
      if (zone.isDisposed) return;
      zone.run(() => {
        if (data) {
          data.expires = Date.now() + data.ttl * 1000;
          cache.server = data as typeof cache.server;
          callback(data);
        } else {
          cache.ec.emit('error', error);
        }
      });
    });
  };
  return realtime;
}
