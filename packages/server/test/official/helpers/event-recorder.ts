import type { RealtimeObject } from 'leancloud-realtime';

export type Frame = Record<string, any>;

export interface RecordedEvent {
  name: string;
  data: any;
}

/**
 * Everything 2.4.0 emits on its instance: the events of its public surface (protocol §7),
 * plus two raw frame events (2.4.0 emits every frame as `cmd` or `cmd-op` on the same bus):
 * `session-closed`, the only place a refused login or a server-ended session can be seen,
 * and `ack`, to check that transient messages get none.
 */
export const OFFICIAL_EVENT_NAMES = [
  'open', 'reuse', 'close', 'create', 'join', 'left', 'invited', 'kicked',
  'membersjoined', 'membersleft', 'message', 'receipt', 'error', 'session-closed', 'ack',
] as const;

export type OfficialEventName = (typeof OFFICIAL_EVENT_NAMES)[number];

type Waiter = { name: string; matches: (data: any) => boolean; resolve: (data: any) => void };

/** Records the events of one official client in arrival order and lets tests wait for them. */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  #waiters = new Set<Waiter>();

  constructor(rt: RealtimeObject) {
    for (const name of OFFICIAL_EVENT_NAMES) rt.on(name, (data: unknown) => this.#record(name, data));
  }

  /** Payloads of `name` received so far that satisfy `matches`. */
  all(name: OfficialEventName, matches: (data: any) => boolean = () => true): any[] {
    return this.events.filter((e) => e.name === name && matches(e.data)).map((e) => e.data);
  }

  /** Names of the events received so far, in order (handy for asserting ordering). */
  names(): string[] {
    return this.events.map((e) => e.name);
  }

  /** Resolves with the first payload of `name` matching `matches`, whether already received or not. */
  waitFor(name: OfficialEventName, matches: (data: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const seen = this.events.find((e) => e.name === name && matches(e.data));
    if (seen) return Promise.resolve(seen.data);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        name,
        matches,
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`no "${name}" event matching the condition within ${timeoutMs} ms; got: ${this.names().join(', ')}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Resolves once `count` payloads of `name` match, with all of them in arrival order. */
  async waitForCount(name: OfficialEventName, count: number, matches: (data: any) => boolean = () => true, timeoutMs = 5000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all(name, matches);
      if (found.length >= count) return found;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        throw new Error(`expected ${count} "${name}" events, got ${found.length} within ${timeoutMs} ms`);
      }
      // Any newer matching event moves the count; wait for the next one.
      await this.waitFor(name, (data) => matches(data) && !found.includes(data), remainingMs);
    }
  }

  #record(name: string, data: unknown): void {
    this.events.push({ name, data });
    for (const waiter of this.#waiters) {
      if (waiter.name === name && waiter.matches(data)) {
        this.#waiters.delete(waiter);
        waiter.resolve(data);
      }
    }
  }
}
