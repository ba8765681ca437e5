import type { ConnectionObserver, ConnectionOptions } from '@realtime/core';

/** A frame as it travels on the wire: a flat JSON object (protocol.md §1.4). */
export type Frame = Record<string, unknown>;

/** What the app's `auth` function hands back (2.x shape). */
export interface SignatureResult {
  signature: string;
  timestamp: number | string;
  nonce: string;
}

/**
 * The part of core's `Connection` that AV.realtime stands on (the protocol, heartbeats,
 * backoff, outbox and de-duplication stay in core). Unit tests pass a fake of the same shape.
 */
export interface LegacySession {
  /** Starts connecting; core keeps the session up until `close()`. Rejects on a fatal cause. */
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  /** Sends a command that gets a reply; resolves with the raw reply frame. */
  request(command: Frame): Promise<Frame>;
  /** Sends a command that gets no reply (a transient message). */
  send(command: Frame): Promise<unknown>;
}

/** The options a realtime object gives its session; the platform adds the transport. */
export type SessionOptions = Pick<ConnectionOptions, 'appId' | 'clientId' | 'server' | 'router' | 'ua' | 'signatureFactory'>;

/** Opens one session; called again by `open()` after `close()`. */
export type SessionFactory = (options: SessionOptions, observer: ConnectionObserver) => LegacySession;
