type Listener = (data?: unknown) => void;

/**
 * The 2.x event hub that a RealtimeObject is, with 2.4.0's rules: a name string may hold several
 * names separated by spaces, listeners get one argument and the object as `this`, and `once`
 * listeners run after the `on` ones. Unlike 2.4.0, `off` also removes a `once` listener, and a
 * listener that throws does not stop the others: its exception goes to the `error` listeners.
 */
export class EventCenter {
  #registrations: Array<{ name: string; listener: Listener; isOnce: boolean }> = [];

  on<T = unknown>(eventNames: string, listener: (data: T) => void): this {
    return this.#add(eventNames, listener as Listener, false);
  }

  once<T = unknown>(eventNames: string, listener: (data: T) => void): this {
    return this.#add(eventNames, listener as Listener, true);
  }

  off<T = unknown>(eventNames: string, listener: (data: T) => void): this {
    for (const name of splitNames(eventNames)) {
      // One registration per call, like 2.4.0.
      const index = this.#registrations.findIndex((registration) => registration.name === name && registration.listener === listener);
      if (index >= 0) this.#registrations.splice(index, 1);
    }
    return this;
  }

  emit(eventName: string, data?: unknown): this {
    // 2.4.0 kept `once` listeners in a second list, run after the `on` ones (the sort is stable).
    const matching = this.#registrations.filter((registration) => registration.name === eventName).sort((a, b) => +a.isOnce - +b.isOnce);
    // `once` registrations leave before any listener runs; listeners added meanwhile are kept.
    this.#registrations = this.#registrations.filter((registration) => !(registration.isOnce && matching.includes(registration)));
    for (const { listener } of matching) {
      try {
        listener.call(this, data);
      } catch (error) {
        // A failing `error` listener must not loop back into `error`.
        if (eventName !== 'error') this.emit('error', error);
      }
    }
    return this;
  }

  #add(eventNames: string, listener: Listener, isOnce: boolean): this {
    for (const name of splitNames(eventNames)) this.#registrations.push({ name, listener, isOnce });
    return this;
  }
}

function splitNames(eventNames: string): string[] {
  return String(eventNames).split(/\s+/).filter(Boolean);
}
