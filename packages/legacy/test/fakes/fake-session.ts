import type { ConnectionPhase } from '../../src/event-names';
import type { Frame, SessionPort, SessionPortListener, SessionPortOptions } from '../../src/session-port';

interface PendingRequest {
  command: Frame;
  resolve(frame: Frame): void;
  reject(error: unknown): void;
}

/**
 * Stands in for core's session layer: the test decides when the session opens, what each
 * request gets back and which pushes arrive, then asserts on what the legacy layer sent.
 */
export class FakeSessionPort implements SessionPort {
  phase: ConnectionPhase = 'idle';
  readonly requests: PendingRequest[] = [];
  readonly sent: Frame[] = [];
  openCalls = 0;
  closeCalls = 0;

  constructor(
    readonly options: SessionPortOptions,
    private readonly listener: SessionPortListener,
  ) {}

  open(): void {
    this.openCalls++;
    this.move('connecting');
  }

  close(): void {
    this.closeCalls++;
    this.move('closed', { closeInfo: { code: 1000, reason: 'closed by the app' } });
  }

  request(command: Frame): Promise<Frame> {
    return new Promise((resolve, reject) => this.requests.push({ command, resolve, reject }));
  }

  send(command: Frame): void {
    this.sent.push(command);
  }

  // ─── test controls ───
  connect(openedFrame: Frame = { cmd: 'session', op: 'opened', peerId: this.options.clientId, i: 2016 }): void {
    this.move('connected', { openedFrame });
  }

  drop(closeInfo = { code: 1006, reason: '' }): void {
    this.move('reconnecting', { closeInfo });
  }

  /** Core gave up: a fatal cause (bad app id, refused login) closed the connection. */
  failFatally(error: unknown): void {
    this.move('closed', { error } as never);
  }

  push(frame: Frame): void {
    this.listener.push(frame);
  }

  /** Answers the oldest unanswered request, checking its command first. */
  reply(check: (command: Frame) => void, reply: Frame): void {
    const next = this.requests.shift();
    if (!next) throw new Error('no pending request');
    check(next.command);
    next.resolve(reply);
  }

  fail(error: unknown): void {
    const next = this.requests.shift();
    if (!next) throw new Error('no pending request');
    next.reject(error);
  }

  private move(current: ConnectionPhase, extra: { openedFrame?: Frame; closeInfo?: { code: number; reason: string }; error?: unknown } = {}): void {
    const previous = this.phase;
    this.phase = current;
    this.listener.phase({ previous, current, ...extra });
  }
}
