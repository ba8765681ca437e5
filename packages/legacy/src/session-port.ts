import type { ConnectionPhase } from './event-names';

/** A frame as it travels on the wire: a flat JSON object (protocol.md §1.4). */
export type Frame = Record<string, unknown>;

/** What the app's `auth` function hands back (2.x shape). */
export interface SignatureResult {
  signature: string;
  timestamp: number | string;
  nonce: string;
}

/** A state change as the legacy layer needs it (a subset of core's `StateChange`). */
export interface PhaseChange {
  previous: ConnectionPhase;
  current: ConnectionPhase;
  /** The `session opened` frame, on entering `connected`. */
  openedFrame?: Frame;
  /** The socket's close code and reason, when a socket close caused the change. */
  closeInfo?: { code: number; reason: string };
  /** What went wrong (failed attempt, fatal cause). */
  error?: unknown;
}

export interface SessionPortListener {
  phase(change: PhaseChange): void;
  /** A frame that is not a reply: `direct` (already de-duplicated and acked), `rcp`, `conv joined`, … */
  push(frame: Frame): void;
  /** A problem that does not end the connection (a malformed server frame, …). */
  error(error: unknown): void;
}

/**
 * The slice of `@realtime/core`'s session layer that AV.realtime stands on. Keeping it this
 * narrow lets the legacy surface be unit-tested with a fake, and keeps the protocol in core.
 */
export interface SessionPort {
  /** Starts connecting; core keeps the session up (heartbeats, backoff) until `close()`. */
  open(): void;
  close(): void;
  /** Sends a command that gets a reply; resolves with the raw reply frame. */
  request(command: Frame): Promise<Frame>;
  /** Sends a command that gets no reply (a transient message). */
  send(command: Frame): void;
}

export interface SessionPortOptions {
  appId: string;
  clientId?: string;
  /** WebSocket URL, skipping the router. */
  server?: string;
  /** Router URL; `?appId=` is added. */
  router?: string;
  secure: boolean;
  region: string;
  userAgent: string;
  /** Asked before every `session open`, including after a reconnect. */
  signSessionOpen?: () => Promise<SignatureResult>;
}

export type SessionPortFactory = (options: SessionPortOptions, listener: SessionPortListener) => SessionPort;
