// Why this exists: 2.4.0 arms timers it never clears on close() – a 60 s heartbeat and a
// 3 min liveness guard per received frame, and a 5 s reconnect after every drop. Left alone
// they keep jest alive after the last test and, a minute later, `send('{}')` on a closed
// socket. The client cannot be changed, so every callback that enters the client (socket
// events, router answers, its own timers) runs inside its zone, where `setTimeout` is a
// recording wrapper; `dispose()` then clears those timers and terminates its sockets.
//
//   socket event / router answer / client timer ──► zone.run(cb) ──► client code
//                                                        │ setTimeout(...) recorded
//   dispose() ──► clearTimeout(all recorded), socket.terminate()

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export interface ZoneSocket {
  close(): void;
  terminate?: () => void;
}

export class ClientZone {
  /** The zone whose client code is running right now, if any. */
  static current: ClientZone | undefined;

  readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly sockets = new Set<ZoneSocket>();
  #isDisposed = false;

  /**
   * @param routerUrl where this client's router lookups go (our `/v1/route`)
   * @param webSocketClass what `new config.WebSocket(url)` builds for this client
   * @param routerLookup how the lookup is made (see `official-realtime.ts`)
   */
  constructor(
    readonly routerUrl: string,
    readonly webSocketClass: new (url: string) => ZoneSocket,
    readonly routerLookup: 'client-ajax' | 'fetch-with-retry' = 'client-ajax',
  ) {}

  get isDisposed(): boolean {
    return this.#isDisposed;
  }

  run<T>(fn: () => T): T {
    const previousZone = ClientZone.current;
    const previousSetTimeout = globalThis.setTimeout;
    ClientZone.current = this;
    globalThis.setTimeout = this.#setTimeout as typeof setTimeout;
    try {
      return fn();
    } finally {
      ClientZone.current = previousZone;
      globalThis.setTimeout = previousSetTimeout;
    }
  }

  dispose(): void {
    this.#isDisposed = true;
    for (const timer of this.timers) realClearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) {
      // `terminate` skips the closing handshake, so no late close event re-enters the client.
      if (socket.terminate) socket.terminate();
      else socket.close();
    }
    this.sockets.clear();
  }

  #setTimeout = (callback: (...args: unknown[]) => void, delayMs?: number, ...args: unknown[]) => {
    const timer = realSetTimeout(() => {
      this.timers.delete(timer);
      if (!this.#isDisposed) this.run(() => callback(...args));
    }, delayMs);
    if (this.#isDisposed) realClearTimeout(timer);
    else this.timers.add(timer);
    return timer;
  };
}
