import type { LogOptions, RoomObject, SendOptions } from 'leancloud-realtime';
import type { ClientZone } from './client-zone';
import type { Frame } from './event-recorder';
import type { OfficialClient } from './official-client';

/**
 * Promise-shaped driver for one 2.4.0 conversation ("room") object. It subscribes to the
 * object's `receive` and `receipt` right away (2.4.0 filters those by the id the object has
 * at subscription time, so they must come after the id is known), and keeps what arrives.
 */
export class OfficialConversation {
  /** Every `receive` callback payload, in arrival order. */
  readonly messages: Frame[] = [];
  /** Every `receipt` callback payload, in arrival order. */
  readonly receipts: Frame[] = [];
  #arrivals: Array<() => void> = [];

  constructor(
    readonly room: RoomObject,
    private readonly client: OfficialClient,
    private readonly zone: ClientZone,
  ) {
    zone.run(() => {
      room.receive((frame) => this.#arrive(this.messages, frame));
      room.receipt((frame) => this.#arrive(this.receipts, frame));
    });
  }

  get id(): string {
    return this.room.id;
  }

  /** `send(data, [options], cb)`, resolving with the server's `ack` frame. */
  send(data: unknown, options?: Omit<SendOptions, 'transient'>): Promise<Frame> {
    return this.client.request('direct', (done) =>
      options ? this.room.send(data, { ...options }, done) : this.room.send(data, done),
    );
  }

  /**
   * `send(data, {transient: true})`: 2.4.0 expects no ack for it, so there is nothing to wait
   * for. Returns the serial id the frame carried, to check that no ack ever names it.
   */
  sendTransient(data: unknown): number {
    this.zone.run(() => this.room.send(data, { transient: true }, () => {}));
    return this.client.lastSerialId;
  }

  /** `log([options], cb)`, resolving with the decoded history array. */
  log(options?: LogOptions): Promise<Frame[]> {
    return this.client.request('logs', (done) => (options ? this.room.log({ ...options }, done) : this.room.log(done)));
  }

  add(members: string | string[]): Promise<Frame> {
    return this.client.request('conv add', (done) => this.room.add(members, done));
  }

  remove(members: string | string[]): Promise<Frame> {
    return this.client.request('conv remove', (done) => this.room.remove(members, done));
  }

  join(): Promise<Frame> {
    return this.client.request('conv add (join)', (done) => this.room.join(done));
  }

  leave(): Promise<Frame> {
    return this.client.request('conv remove (leave)', (done) => this.room.leave(done));
  }

  list(): Promise<string[]> {
    return this.client.request('conv query (list)', (done) => this.room.list(done));
  }

  count(): Promise<number> {
    return this.client.request('conv count', (done) => this.room.count(done));
  }

  update(data: Record<string, unknown>): Promise<Frame> {
    return this.client.request('conv update', (done) => this.room.update(data, done));
  }

  /** Resolves once at least `count` messages have been received, with the first `count`. */
  waitForMessages(count: number, timeoutMs = 5000): Promise<Frame[]> {
    return this.#waitFor(this.messages, count, 'messages', timeoutMs);
  }

  /** Resolves once at least `count` receipts have been received, with the first `count`. */
  waitForReceipts(count: number, timeoutMs = 5000): Promise<Frame[]> {
    return this.#waitFor(this.receipts, count, 'receipts', timeoutMs);
  }

  #arrive(list: Frame[], frame: Frame): void {
    list.push(frame);
    const arrivals = this.#arrivals;
    this.#arrivals = [];
    for (const notify of arrivals) notify();
  }

  #waitFor(list: Frame[], count: number, what: string, timeoutMs: number): Promise<Frame[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${this.client.clientId} got ${list.length} of ${count} ${what} in ${this.id} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (list.length >= count) {
          clearTimeout(timer);
          resolve(list.slice(0, count));
        } else {
          this.#arrivals.push(check);
        }
      };
      check();
    });
  }
}
