type Listener = (data?: unknown) => void;

interface Registration {
  listener: Listener;
  isOnce: boolean;
}

/**
 * The RealtimeObject's local event hub with 2.4.0's rules: a name string may hold several
 * names separated by spaces, listeners get one argument, and `once` listeners run after the
 * `on` ones. Unlike 2.4.0, `off` also removes a `once` listener, and a listener that throws
 * does not stop the others: the failure goes to `onListenerError`.
 */
export class EventCenter {
  #registrations = new Map<string, Registration[]>();

  constructor(private readonly onListenerError: (error: unknown, eventName: string) => void) {}

  on(eventNames: string, listener: Listener, isOnce = false): void {
    for (const name of splitNames(eventNames)) {
      const list = this.#registrations.get(name) ?? [];
      list.push({ listener, isOnce });
      this.#registrations.set(name, list);
    }
  }

  off(eventNames: string, listener: Listener): void {
    for (const name of splitNames(eventNames)) {
      const list = this.#registrations.get(name);
      if (!list) continue;
      // Removes one registration per call, like 2.4.0.
      const index = list.findIndex((registration) => registration.listener === listener);
      if (index >= 0) list.splice(index, 1);
    }
  }

  emit(eventName: string, data?: unknown, thisArg?: unknown): void {
    const list = this.#registrations.get(eventName);
    if (!list || list.length === 0) return;
    const ordered = [...list.filter((r) => !r.isOnce), ...list.filter((r) => r.isOnce)];
    // In place, so that listeners added by a listener during this emit are kept.
    for (let i = list.length - 1; i >= 0; i--) if (list[i].isOnce) list.splice(i, 1);
    for (const registration of ordered) {
      try {
        registration.listener.call(thisArg, data);
      } catch (error) {
        this.onListenerError(error, eventName);
      }
    }
  }

  listenerCount(eventName: string): number {
    return this.#registrations.get(eventName)?.length ?? 0;
  }
}

function splitNames(eventNames: string): string[] {
  return String(eventNames).split(/\s+/).filter(Boolean);
}
