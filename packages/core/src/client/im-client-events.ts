import type { StateChange } from '../connection/connection-state';
import type { Conversation } from '../conversation/conversation';
import type { InvitedPayload, KickedPayload, MembersJoinedPayload, MembersLeftPayload, ReceiptPayload } from '../conversation/conversation-events';
import type { RealtimeError } from '../errors/realtime-error';
import type { Message } from '../message/message';

/** Events of an `IMClient` (v3+ names). */
export interface IMClientEvents {
  message: [Message, Conversation];
  invited: [InvitedPayload, Conversation];
  kicked: [KickedPayload, Conversation];
  membersjoined: [MembersJoinedPayload, Conversation];
  membersleft: [MembersLeftPayload, Conversation];
  receipt: [ReceiptPayload, Conversation];
  /** The connection dropped; sends now wait in the outbox. Once per outage. */
  disconnect: [];
  /** A reconnect attempt is scheduled: attempt number (1-based) and delay in ms. */
  schedule: [number, number];
  /** A reconnect attempt starts now (attempt number). */
  retry: [number];
  /** The session is back after an outage. */
  reconnect: [];
  /** The client closed for good: `error` is set unless `close()` was called. */
  close: [{ error?: RealtimeError }];
  /** Every connection state change (the session layer's event, passed through). */
  statechange: [StateChange];
}
