/**
 * Wire error codes of the v2 JSON protocol (protocol.md §4), the one table every handler and
 * close path takes its numbers from. The reason strings are the symbolic names clients log.
 */
export const errorCodes = {
  APP_NOT_AVAILABLE: 4100,
  SIGNATURE_FAILED: 4102,
  INVALID_LOGIN: 4103,
  SESSION_REQUIRED: 4105,
  READ_TIMEOUT: 4107,
  LOGIN_TIMEOUT: 4108,
  FRAME_TOO_LONG: 4109,
  SESSION_CONFLICT: 4111,
  UNPARSEABLE_RAW_MESSAGE: 4114,
  MESSAGE_SENT_QUOTA_EXCEEDED: 4116,
  INTERNAL_ERROR: 4200,
  CONVERSATION_INTERNAL_ERROR: 4300,
  CONVERSATION_SIGNATURE_FAILED: 4302,
  CONVERSATION_NOT_FOUND: 4303,
  CONVERSATION_FULL: 4304,
  CONVERSATION_UPDATE_FAILED: 4306,
  CONVERSATION_READ_ONLY: 4307,
  CONVERSATION_NOT_ALLOWED: 4308,
  CONVERSATION_UPDATE_REJECTED: 4309,
  CONVERSATION_QUERY_FAILED: 4310,
  CONVERSATION_LOG_REJECTED: 4312,
  INVALID_MESSAGING_TARGET: 4401,
} as const;

export type ErrorReason = keyof typeof errorCodes;
export type ErrorCode = (typeof errorCodes)[ErrorReason];

/** WebSocket close code for a normal server shutdown ("going away"). */
export const goingAwayCloseCode = 1001;
