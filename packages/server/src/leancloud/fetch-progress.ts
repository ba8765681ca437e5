/**
 * What the fetcher shows while it runs. On a terminal: one line redrawn in place
 * (conversations done / total, messages, rate, ETA). Otherwise (CI, `| tee log`): a plain
 * line every `logIntervalMs`, so logs stay readable.
 */
export interface FetchProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** @default 10000 */
  logIntervalMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export class FetchProgress {
  readonly #stream: FetchProgressOptions['stream'];
  readonly #isTTY: boolean;
  readonly #logIntervalMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;
  #timer: NodeJS.Timeout | undefined;
  #lastDrawn = '';
  conversationsTotal = 0;
  conversationsDone = 0;
  messagesFetched = 0;
  retries = 0;
  phase = 'starting';

  constructor(options: FetchProgressOptions) {
    this.#stream = options.stream;
    this.#isTTY = options.stream.isTTY === true;
    this.#logIntervalMs = options.logIntervalMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
  }

  start(): void {
    this.#timer = setInterval(() => this.draw(), this.#isTTY ? 250 : this.#logIntervalMs);
    this.#timer.unref();
  }

  /** A line that must stay in the output (phase changes, warnings). */
  log(line: string): void {
    if (this.#isTTY && this.#lastDrawn) this.#stream.write('\r\x1b[K');
    this.#stream.write(`${line}\n`);
    this.#lastDrawn = '';
  }

  draw(): void {
    const line = this.summary();
    if (this.#isTTY) {
      this.#stream.write(`\r\x1b[K${line}`);
      this.#lastDrawn = line;
    } else {
      this.#stream.write(`${line}\n`);
    }
  }

  summary(): string {
    const elapsedS = Math.max(0.001, (this.#now() - this.#startedAt) / 1000);
    const rate = this.messagesFetched / elapsedS;
    const parts = [
      `[${this.phase}]`,
      `conversations ${this.conversationsDone}/${this.conversationsTotal}`,
      `messages ${this.messagesFetched.toLocaleString('en-US')}`,
      `${Math.round(rate).toLocaleString('en-US')} msg/s`,
    ];
    if (this.conversationsDone > 0 && this.conversationsTotal > this.conversationsDone) {
      const etaS = (elapsedS / this.conversationsDone) * (this.conversationsTotal - this.conversationsDone);
      parts.push(`ETA ${formatDuration(etaS)}`);
    }
    if (this.retries > 0) parts.push(`retries ${this.retries}`);
    return parts.join(' · ');
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#isTTY && this.#lastDrawn) this.#stream.write('\n');
    this.#lastDrawn = '';
  }
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
