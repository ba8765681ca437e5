export interface HeartbeatOptions {
  intervalMs: number;
  deadlineMs: number;
  /** Sends one heartbeat `{}`. */
  ping(): void;
  /** Called once when no frame arrived for `deadlineMs`. */
  dead(silentForMs: number): void;
}

/**
 * Sends `{}` every `intervalMs` (protocol §8.3: a fixed interval, not "after the last frame" as 2.x
 * does) and declares the connection dead when nothing arrived for `deadlineMs`.
 */
export class Heartbeat {
  #options: HeartbeatOptions;
  #lastFrameAt = 0;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
  }

  get isRunning(): boolean {
    return this.#pingTimer !== undefined;
  }

  start(): void {
    this.stop();
    this.#lastFrameAt = Date.now();
    this.#pingTimer = setInterval(() => {
      if (this.check()) this.#options.ping();
    }, this.#options.intervalMs);
    this.#armDeadline();
  }

  stop(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadlineTimer);
    this.#pingTimer = undefined;
    this.#deadlineTimer = undefined;
  }

  /** Every inbound frame pushes the deadline back. */
  frameReceived(): void {
    if (!this.isRunning) return;
    this.#lastFrameAt = Date.now();
    this.#armDeadline();
  }

  /**
   * Compares the wall clock with the deadline and reports death if it passed. Background tabs throttle
   * timers, so a timer may fire minutes late; checking `Date.now()` (here, on every tick and when the
   * page becomes visible again) still catches a dead socket. Returns true while alive.
   */
  check(): boolean {
    if (!this.isRunning) return false;
    const silentForMs = Date.now() - this.#lastFrameAt;
    if (silentForMs >= this.#options.deadlineMs) {
      this.stop();
      this.#options.dead(silentForMs);
      return false;
    }
    return true;
  }

  #armDeadline(): void {
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = setTimeout(() => this.check(), this.#options.deadlineMs);
  }
}
