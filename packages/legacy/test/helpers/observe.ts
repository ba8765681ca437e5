/** Loose frame type: these tests assert on shapes the apps read. */
export type Frame = Record<string, any>;

/** Anything with the AV.realtime event surface (ours or the official 2.4.0 object). */
export interface EventSource {
  on(name: string, listener: (data: any) => void): unknown;
  off(name: string, listener: (data: any) => void): unknown;
}

/** Every event name of the documented surface, plus 2.3.0's additions. */
export const LEGACY_EVENT_NAMES = [
  'open', 'close', 'reuse', 'create', 'join', 'left', 'invited', 'kicked',
  'membersjoined', 'membersleft', 'message', 'receipt', 'error',
] as const;

interface Waiter {
  name: string;
  count: number;
  resolve: () => void;
}

/** Records the events of one realtime object in arrival order; tests wait on counts. */
export class Recorder {
  readonly events: Array<{ name: string; data: any }> = [];
  private waiters = new Set<Waiter>();

  constructor(source: EventSource) {
    for (const name of LEGACY_EVENT_NAMES) {
      source.on(name, (data: unknown) => {
        this.events.push({ name, data: snapshot(data) });
        for (const waiter of this.waiters) {
          if (this.all(waiter.name).length >= waiter.count) {
            this.waiters.delete(waiter);
            waiter.resolve();
          }
        }
      });
    }
  }

  all(name: string): any[] {
    return this.events.filter((e) => e.name === name).map((e) => e.data);
  }

  names(): string[] {
    return this.events.map((e) => e.name);
  }

  /** Resolves once `count` events called `name` have arrived. */
  waitFor(name: string, count = 1, timeoutMs = 5000): Promise<any[]> {
    if (this.all(name).length >= count) return Promise.resolve(this.all(name));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`expected ${count} "${name}" events within ${timeoutMs} ms; got ${this.names().join(', ')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        name,
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.all(name));
        },
      };
      this.waiters.add(waiter);
    });
  }
}

/** Turns a 2.x callback call into a promise, failing after `timeoutMs` instead of hanging. */
export function callback<T = any>(start: (done: (value: T) => void) => void, label = 'callback', timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: no callback within ${timeoutMs} ms`)), timeoutMs);
    start((value) => {
      clearTimeout(timer);
      resolve(snapshot(value));
    });
  });
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A deep copy of what a callback or event received, taken at once (2.4.0 hands out objects
 * it later mutates). Functions and room objects become their data fields.
 */
export function snapshot<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(
    JSON.stringify(value, (key, inner) => {
      if (inner && typeof inner === 'object' && typeof inner.send === 'function' && 'id' in inner) {
        return { id: inner.id, name: inner.name, attr: inner.attr };
      }
      return inner;
    }),
  );
}

/** Keys whose values are server-assigned ids: compared by position, not value. */
const ID_KEYS = new Set(['i', 'cid', 'id', 'uid', 'msgId', 'mid', 'objectId', 'msg_mid']);
/** Keys whose values are times: only their type is compared (two runs never share a clock). */
const TIME_KEYS = new Set(['t', 'timestamp', 'iso', 'cdate', 'udate', 'createdAt', 'updatedAt', 'lm', 'ackAt', 'msg_timestamp']);

/**
 * Replaces ids with placeholders numbered by first appearance (so two runs compare field by
 * field and still show whether the same id came back in the same places) and times by their type.
 */
export function normalize(value: unknown): unknown {
  const seen = new Map<string, string>();
  const visit = (inner: unknown, key?: string): unknown => {
    if (Array.isArray(inner)) return inner.map((item) => visit(item, key));
    if (inner && typeof inner === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(inner)) out[k] = visit(v, k);
      return out;
    }
    if (key !== undefined && TIME_KEYS.has(key) && inner !== undefined && inner !== null) return `<time:${typeof inner}>`;
    if (key !== undefined && ID_KEYS.has(key) && inner !== undefined && inner !== null) {
      const token = `${typeof inner}:${String(inner)}`;
      if (!seen.has(token)) seen.set(token, `<${key === 'id' || key === 'cid' || key === 'objectId' ? 'id' : key}#${seen.size}>`);
      return seen.get(token);
    }
    return inner;
  };
  return visit(value);
}
