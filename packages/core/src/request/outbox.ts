import { RealtimeError } from '../errors/realtime-error';

export interface OutboxOptions {
  /** Most frames held while disconnected; more are rejected with OUTBOX_FULL. @default 1000 */
  maxSize?: number;
  /** How long a queued frame may wait for the connection before it rejects with OUTBOX_TIMEOUT. Unit: ms. @default 30000 */
  timeoutMs?: number;
}

export interface OutboxEntry {
  /** Writes the entry to the now-open connection. */
  flush(): void;
  reject(error: RealtimeError): void;
}

/**
 * Frames sent while the connection is down, kept in order and written once the session is back.
 * Bounded, and every entry gives up after `timeoutMs` instead of waiting forever.
 */
export class Outbox {
  readonly maxSize: number;
  readonly timeoutMs: number;
  #entries: { entry: OutboxEntry; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(options: OutboxOptions = {}) {
    this.maxSize = options.maxSize ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Queues an entry at the back, or at the front when `first` (requests resent after a drop). */
  push(entry: OutboxEntry, { first = false }: { first?: boolean } = {}): void {
    if (this.#entries.length >= this.maxSize) {
      entry.reject(new RealtimeError('OUTBOX_FULL', `Offline queue is full (${this.maxSize}); wait for the connection or raise outbox.maxSize`, {
        retryable: true,
      }));
      return;
    }
    const slot = {
      entry,
      timer: setTimeout(() => {
        this.#entries = this.#entries.filter((s) => s !== slot);
        entry.reject(new RealtimeError('OUTBOX_TIMEOUT', `Not connected within ${this.timeoutMs} ms; the frame was not sent`, {
          retryable: true,
        }));
      }, this.timeoutMs),
    };
    if (first) this.#entries.unshift(slot);
    else this.#entries.push(slot);
  }

  /** Writes every queued entry, oldest first. */
  flush(): void {
    const slots = this.#entries;
    this.#entries = [];
    for (const { entry, timer } of slots) {
      clearTimeout(timer);
      entry.flush();
    }
  }

  rejectAll(error: RealtimeError): void {
    const slots = this.#entries;
    this.#entries = [];
    for (const { entry, timer } of slots) {
      clearTimeout(timer);
      entry.reject(error);
    }
  }
}
