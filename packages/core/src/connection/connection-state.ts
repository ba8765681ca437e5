import type { RealtimeError } from '../errors/realtime-error';
import type { CloseInfo } from '../transport/transport';

/**
 * ```
 *              connect()              session opened
 *    idle  ──────────────►  connecting  ──────────────►  connected
 *                             ▲      │                       │
 *         retry due / online  │      │ attempt failed        │ socket closed or heartbeat missed
 *                             │      ▼                       │
 *                           reconnecting  ◄──────────────────┘
 *    any state ── close(), fatal error, or retries exhausted ──►  closed
 * ```
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** The one table of allowed moves. Never mutated. */
export const connectionTransitions: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = Object.freeze({
  idle: Object.freeze(['connecting', 'closed'] as const),
  connecting: Object.freeze(['connected', 'reconnecting', 'closed'] as const),
  connected: Object.freeze(['reconnecting', 'closed'] as const),
  reconnecting: Object.freeze(['connecting', 'closed'] as const),
  closed: Object.freeze([] as const),
});

export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return connectionTransitions[from].includes(to);
}

/** Why the state changed. */
export type StateChangeReason =
  | 'connect'          // connect() was called
  | 'session-opened'   // handshake completed
  | 'attempt-failed'   // a connect attempt failed (see `error`)
  | 'socket-closed'    // the socket closed while connected (see `closeInfo`)
  | 'heartbeat-missed' // nothing arrived before the dead-connection deadline
  | 'network-lost'     // the platform reported the network gone (dropConnection())
  | 'session-closed'   // the server ended the session with a `session closed` frame
  | 'retry-due'        // the backoff delay elapsed
  | 'retry-now'        // an online/visibility signal or retryNow() cut the delay short
  | 'client-closed'    // close() was called
  | 'fatal'            // a cause reconnecting cannot fix (see `error`)
  | 'retries-exhausted';

/** Payload of the single `statechange` event. */
export interface StateChange {
  previous: ConnectionState;
  current: ConnectionState;
  reason: StateChangeReason;
  /** Entering `reconnecting`: how long until the next attempt. */
  retryInMs?: number;
  /** 1-based number of the connect attempt about to start (entering `connecting`) or just failed. */
  attempt?: number;
  /** The socket's close code and reason, when a socket close caused the change. */
  closeInfo?: CloseInfo;
  /** What went wrong (failed attempt, fatal cause). */
  error?: RealtimeError;
}
