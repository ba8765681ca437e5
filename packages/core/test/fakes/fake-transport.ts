import type { CloseInfo, Transport, TransportFactory, TransportListener } from '@realtime/core';

/** One fake socket: the test decides when it opens, what arrives and when it drops. */
export class FakeSocket implements Transport {
  readonly sent: Record<string, unknown>[] = [];
  isClosed = false;
  closedWith: { code?: number; reason?: string } | undefined;

  constructor(readonly url: string, private readonly listener: TransportListener) {}

  send(data: string | Uint8Array): void {
    if (this.isClosed) throw new Error('send on a closed fake socket');
    this.sent.push(JSON.parse(String(data)));
  }

  close(code?: number, reason?: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closedWith = { code, reason };
  }

  // ─── test controls ───
  open(): void {
    this.listener.open();
  }

  receive(frame: unknown): void {
    this.listener.frame(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  drop(info: CloseInfo = { code: 1006, reason: '' }): void {
    this.isClosed = true;
    this.listener.close(info);
  }

  /** Frames sent with the given cmd (and op). */
  sentOf(cmd: string, op?: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.cmd === cmd && (op === undefined || f.op === op));
  }

  lastSent(): Record<string, unknown> {
    return this.sent[this.sent.length - 1];
  }

  /** Answers the pending `session open` with `session opened`. */
  acceptSession(): void {
    const open = this.sentOf('session', 'open').at(-1);
    if (!open) throw new Error('no session open was sent');
    this.receive({ cmd: 'session', op: 'opened', i: open.i, peerId: open.peerId });
  }
}

/** Creates fake sockets and remembers them in order. */
export class FakeTransport {
  readonly sockets: FakeSocket[] = [];
  readonly factory: TransportFactory = (url, listener) => {
    const socket = new FakeSocket(url, listener);
    this.sockets.push(socket);
    return socket;
  };

  get last(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  /** The usual way to `connected`: lets the attempt reach its socket, opens it, accepts the session. */
  async openSession(): Promise<void> {
    await flushMicrotasks();
    this.last.open();
    await flushMicrotasks();
    this.last.acceptSession();
    await flushMicrotasks();
  }
}

/** Lets pending promise callbacks (p-retry, async attempts) run under fake timers. */
export async function flushMicrotasks(rounds = 10): Promise<void> {
  for (let n = 0; n < rounds; n++) await Promise.resolve();
}
