import WebSocket from 'ws';

export type Frame = Record<string, any>;

/**
 * A raw protocol client for tests: sends frames, awaits replies by `i`, and queues every other
 * frame (pushes) so a test can await the next one that matches.
 */
export class WsClient {
  readonly frames: Frame[] = [];
  readonly #waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  #nextI = 2016;
  closeInfo: { code: number; reason: string } | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  /** The client id of the session this client opened, if any. */
  clientId: string | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const index = this.#waiters.findIndex((w) => w.match(frame));
      if (index >= 0) this.#waiters.splice(index, 1)[0].resolve(frame);
      else this.frames.push(frame);
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
      });
    });
  }

  static async connect(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WsClient(socket);
  }

  /** Connects and opens a session; resolves after `session opened`. */
  static async open(url: string, appId: string, clientId: string, extra: Frame = {}): Promise<WsClient> {
    const client = await WsClient.connect(url);
    const opened = await client.request({ cmd: 'session', op: 'open', appId, peerId: clientId, ua: 'js/2.4.0', ...extra });
    if (opened.op !== 'opened') throw new Error(`session open failed: ${JSON.stringify(opened)}`);
    client.clientId = clientId;
    return client;
  }

  nextI(): number {
    return ++this.#nextI;
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text);
  }

  send(frame: Frame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Sends with a fresh `i` (unless given) and resolves with the frame that carries it back. */
  request(frame: Frame, timeoutMs = 3000): Promise<Frame> {
    const i = frame.i ?? this.nextI();
    const reply = this.next((f) => f.i === i, timeoutMs, `reply to ${JSON.stringify(frame).slice(0, 120)}`);
    this.send({ ...frame, i });
    return reply;
  }

  /** The next frame (already received or future) that matches. */
  next(match: (frame: Frame) => boolean = () => true, timeoutMs = 3000, what = 'frame'): Promise<Frame> {
    const index = this.frames.findIndex(match);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (frame: Frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; queued: ${JSON.stringify(this.frames).slice(0, 500)}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Resolves with frames received in the next `ms` that match (pushes that should not come). */
  async collect(ms: number, match: (frame: Frame) => boolean = () => true): Promise<Frame[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const found = this.frames.filter(match);
    for (const frame of found) this.frames.splice(this.frames.indexOf(frame), 1);
    return found;
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    return this.closed;
  }
}
