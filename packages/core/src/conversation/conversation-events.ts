import type { Message } from '../message/message';

export interface MembersJoinedPayload { members: string[]; invitedBy?: string }
export interface MembersLeftPayload { members: string[]; kickedBy?: string }
export interface InvitedPayload { invitedBy?: string }
export interface KickedPayload { kickedBy?: string }
export interface ReceiptPayload { messageId: string; deliveredAt: Date; from?: string }

/** Events of one conversation. The client emits the same ones with the conversation appended. */
export interface ConversationEvents {
  message: [Message];
  membersjoined: [MembersJoinedPayload];
  membersleft: [MembersLeftPayload];
  invited: [InvitedPayload];
  kicked: [KickedPayload];
  /** A receiver acknowledged a message sent with `receipt: true`. */
  receipt: [ReceiptPayload];
}
