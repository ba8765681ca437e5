import { ClientZone } from './client-zone';

/** Both `ws@0.8` (bundled with 2.4.0) and `ws@8` offer this browser-style surface. */
export interface BrowserStyleWebSocket {
  addEventListener(type: string, listener: (event: unknown) => void): void;
  close(): void;
  terminate(): void;
}
export type WebSocketClass = new (url: string) => BrowserStyleWebSocket;

/**
 * Returns a subclass of `Base` to hand to `realtime.config({WebSocket})`: each socket joins
 * the zone that created it (the client creates sockets from inside a zone, see
 * `official-realtime.ts`), and every event it delivers to the client runs in that zone. Once
 * the zone is disposed, events are no longer delivered: 2.4.0 rethrows socket errors from its
 * listener, and a torn-down test must not see that.
 */
export function zonedWebSocket(Base: WebSocketClass): WebSocketClass {
  return class ZonedWebSocket extends Base {
    readonly #zone: ClientZone | undefined;

    constructor(url: string) {
      super(url);
      this.#zone = ClientZone.current;
      this.#zone?.sockets.add(this);
    }

    override addEventListener(type: string, listener: (event: unknown) => void): void {
      const zone = this.#zone;
      super.addEventListener(type, function (this: unknown, event: unknown) {
        if (!zone) return listener.call(this, event);
        if (zone.isDisposed) return;
        zone.run(() => listener.call(this, event));
      });
    }
  };
}

const zonedSubclasses = new WeakMap<WebSocketClass, WebSocketClass>();

/**
 * The one class given to `realtime.config({WebSocket})`. That setting is global to the
 * module, yet tests pick a WebSocket implementation per client, so this constructor builds
 * the socket class of the zone that is creating the socket.
 */
export const ZoneWebSocket = function ZoneWebSocket(url: string): BrowserStyleWebSocket {
  const zone = ClientZone.current;
  if (!zone) throw new Error('The official client created a socket outside a harness zone; start it with OfficialClient.open');
  const Base = zone.webSocketClass as unknown as WebSocketClass;
  let Zoned = zonedSubclasses.get(Base);
  if (!Zoned) {
    Zoned = zonedWebSocket(Base);
    zonedSubclasses.set(Base, Zoned);
  }
  return new Zoned(url);
} as unknown as WebSocketClass;
