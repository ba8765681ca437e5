/** An event map: event name → the listener's argument tuple. */
export type EventMap<Events> = { [K in keyof Events]: unknown[] };

type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * A small typed event emitter (`on`/`once`/`off`/`emit`), in place of eventemitter3 for two reasons:
 * it keeps the browser bundle under its 12 KB budget (eventemitter3 costs 1.3 KB gzip), and a
 * listener that throws cannot break the caller. Events are emitted from socket handlers; the 2.x SDK
 * let an app's exception escape there and lose the rest of the frame's work. Here the exception is
 * rethrown on a fresh task, so it still surfaces (window.onerror, uncaughtException), and the
 * connection carries on.
 */
export class TypedEmitter<Events extends EventMap<Events>> {
  #listeners = new Map<keyof Events, { fn: Listener<never>; isOnce: boolean }[]>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    return this.#add(event, listener, false);
  }

  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    return this.#add(event, listener, true);
  }

  /** Removes `listener`, or every listener of `event` when none is given. */
  off<K extends keyof Events>(event: K, listener?: Listener<Events[K]>): this {
    const entries = this.#listeners.get(event);
    if (!entries) return this;
    const kept = listener ? entries.filter((entry) => entry.fn !== listener) : [];
    if (kept.length > 0) this.#listeners.set(event, kept);
    else this.#listeners.delete(event);
    return this;
  }

  /** Removes every listener of `event`, or of every event. */
  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls each listener in order; returns whether there were any. */
  emit<K extends keyof Events>(event: K, ...args: Events[K]): boolean {
    const entries = this.#listeners.get(event);
    if (!entries) return false;
    for (const entry of [...entries]) {
      if (entry.isOnce) this.off(event, entry.fn as Listener<Events[K]>);
      try {
        (entry.fn as Listener<Events[K]>).apply(this, args);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
    return true;
  }

  #add<K extends keyof Events>(event: K, listener: Listener<Events[K]>, isOnce: boolean): this {
    if (typeof listener !== 'function') throw new TypeError('A listener must be a function');
    const entries = this.#listeners.get(event) ?? [];
    entries.push({ fn: listener as Listener<never>, isOnce });
    this.#listeners.set(event, entries);
    return this;
  }
}
