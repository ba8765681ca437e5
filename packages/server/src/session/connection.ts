import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Frame, PushFrame } from '../protocol/outbound';

/**
 * A client that stops reading would make the server buffer its pushes without bound. Past this
 * many unsent bytes the socket is dropped; the client reconnects and gets what it had not acked
 * from storage, so nothing is lost.
 */
export const maxBufferedBytes = 32 * 1024 * 1024;

/**
 * One WebSocket and, once `session open` succeeded, the client id it speaks for (one per socket
 * in the 2.x dialect, protocol §1.3). Kept small: the server may hold many of these.
 *
 * Offline catch-up (§2.7.4): between `session opened` and the end of the stored backlog, live
 * pushes are held back, then released without the stored messages already sent, so the client
 * sees every missed message once and in order even when new ones arrive meanwhile.
 */
export class Connection {
  clientId: string | undefined;
  lastFrameAtMs: number;
  /** The transient conversation (chat room) this session is present in, if any. */
  transientCid: string | undefined;
  #heldBack: PushFrame[] | undefined;
  #isCorked = false;

  constructor(
    private readonly socket: WebSocket,
    /** Since when the socket has had no session (connect, or a `session close`): login timeout. */
    public awaitingLoginSinceMs: number,
  ) {
    this.lastFrameAtMs = awaitingLoginSinceMs;
  }

  get isLoggedIn(): boolean {
    return this.clientId !== undefined;
  }

  get isWritable(): boolean {
    return this.socket.readyState === 1;
  }

  send(frame: Frame): void {
    this.sendText(JSON.stringify(frame));
  }

  sendText(text: string): void {
    if (!this.isWritable) return;
    if (this.socket.bufferedAmount > maxBufferedBytes) {
      this.terminate();
      return;
    }
    this.#corkUntilTicksRun();
    this.socket.send(text);
  }

  /**
   * Resolves once the socket has sent most of what is queued, so a long backlog is streamed
   * rather than buffered whole (and never trips {@link maxBufferedBytes}).
   */
  async drain(lowWaterBytes = 1024 * 1024): Promise<void> {
    while (this.isWritable && this.socket.bufferedAmount > lowWaterBytes) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Delivers a push addressed to this session's client, or holds it during catch-up. */
  push(frame: PushFrame): void {
    if (this.#heldBack) this.#heldBack.push(frame);
    else if (this.clientId !== undefined) this.sendText(frame.textFor(this.clientId));
  }

  /**
   * Pushes and acks of one commit go out in the same turn (one fan-out per stored message); a
   * socket that gets several of them (a receiver in several fan-outs, a sender that also receives)
   * would get one `writev` per frame. Corking the TCP socket until the current
   * ticks and promise callbacks have run coalesces them into one system call. `ws` has no public
   * cork, so this uses its socket when it is there and does nothing otherwise.
   */
  #corkUntilTicksRun(): void {
    if (this.#isCorked) return;
    const raw = (this.socket as unknown as { _socket?: Duplex | null })._socket;
    if (!raw || typeof raw.cork !== 'function') return;
    raw.cork();
    this.#isCorked = true;
    process.nextTick(uncorkConnection, this, raw);
  }

  /** @internal for {@link uncorkConnection} */
  uncorkNow(raw: Duplex): void {
    this.#isCorked = false;
    raw.uncork();
  }

  beginCatchUp(): void {
    this.#heldBack = [];
  }

  /** @param delivered highest seq already sent from the backlog, per conversation */
  endCatchUp(delivered: ReadonlyMap<string, number>): void {
    const held = this.#heldBack ?? [];
    this.#heldBack = undefined;
    for (const frame of held) {
      const position = frame.position;
      if (position && position.seq <= (delivered.get(position.cid) ?? 0)) continue;
      this.push(frame);
    }
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === 0 || this.socket.readyState === 1) this.socket.close(code, reason);
  }

  /** Drops the socket without a close handshake (used when it does not answer a close). */
  terminate(): void {
    this.socket.terminate();
  }
}

function uncorkConnection(connection: Connection, raw: Duplex): void {
  connection.uncorkNow(raw);
}
