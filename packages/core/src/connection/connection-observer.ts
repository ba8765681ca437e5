import type { RealtimeError } from '../errors/realtime-error';
import type { PushFrame, SessionOpenedFrame, UnknownFrame } from '../protocol/frames';
import type { StateChange } from './connection-state';

/**
 * What a connection reports to its one owner (IMClient, legacy's session layer, a bot), which re-emits
 * it publicly as it likes. Every member is optional. A member that throws does not break the
 * connection: the exception is rethrown on a fresh task, so it still surfaces (window.onerror,
 * uncaughtException).
 */
export interface ConnectionObserver {
  /** Every state change, exactly once each. */
  statechange?(change: StateChange): void;
  /** A session opened: on the first connect and after every reconnect. Carries the `session opened` frame. */
  open?(frame: SessionOpenedFrame): void;
  /**
   * Every server frame that is not a reply: `direct` (already de-duplicated and acked), `rcp`,
   * membership pushes, `session closed`, and kinds this version does not know.
   */
  push?(frame: PushFrame | UnknownFrame): void;
  /** Problems that do not end the connection: a malformed server frame. */
  error?(error: RealtimeError): void;
}
