import type { ConnectionObserver, ConnectionState, StateChange } from '@realtime/core';
import type { Frame, LegacySession, SessionOptions } from '../../src/legacy-session';

interface PendingRequest {
  command: Frame;
  resolve(frame: Frame): void;
  reject(error: unknown): void;
}

/**
 * Stands in for core's `Connection`, reporting to the same observer in the same order (a state
 * change, then `open` with the `session opened` frame): the test decides when the session opens,
 * what each request gets back and which pushes arrive, then asserts on what the legacy layer sent.
 */
export class FakeSession implements LegacySession {
  state: ConnectionState = 'idle';
  readonly requests: PendingRequest[] = [];
  readonly sent: Frame[] = [];
  openCalls = 0;
  closeCalls = 0;

  constructor(
    readonly options: SessionOptions,
    private readonly observer: ConnectionObserver,
  ) {}

  connect(): Promise<unknown> {
    this.openCalls++;
    this.move('connecting');
    return new Promise(() => undefined);
  }

  close(): Promise<void> {
    this.closeCalls++;
    this.move('closed', { closeInfo: { code: 1000, reason: 'closed by the app' } });
    return Promise.resolve();
  }

  request(command: Frame): Promise<Frame> {
    return new Promise((resolve, reject) => this.requests.push({ command, resolve, reject }));
  }

  send(command: Frame): Promise<void> {
    this.sent.push(command);
    return Promise.resolve();
  }

  // ─── test controls ───
  /** The session opened (core reports the state change first, then `open`). */
  opened(openedFrame: Frame = { cmd: 'session', op: 'opened', peerId: this.options.clientId, i: 2016 }): void {
    this.move('connected');
    this.observer.open?.(openedFrame as never);
  }

  drop(closeInfo = { code: 1006, reason: '' }): void {
    this.move('reconnecting', { closeInfo });
  }

  /** Core gave up: a fatal cause (bad app id, refused login) closed the connection. */
  failFatally(error: unknown): void {
    this.move('closed', { error } as never);
  }

  push(frame: Frame): void {
    this.observer.push?.(frame as never);
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

  move(current: ConnectionState, extra: Partial<StateChange> = {}): void {
    const previous = this.state;
    this.state = current;
    this.observer.statechange?.({ previous, current, reason: 'connect', ...extra });
  }
}
