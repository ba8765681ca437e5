/**
 * Remembers the last `capacity` message ids. Delivery is at-least-once (a reconnect may resend
 * what was delivered but not yet acked), so the connection drops ids it has already seen.
 */
export class DuplicateFilter {
  #seen = new Set<string>();
  constructor(readonly capacity = 5000) {}

  /** True the first time `id` is seen; false for a repeat. */
  isFirstSighting(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > this.capacity) {
      // Sets iterate in insertion order, so the first key is the oldest.
      const oldest = this.#seen.values().next().value as string;
      this.#seen.delete(oldest);
    }
    return true;
  }
}
