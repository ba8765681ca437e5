import type { ErrorCode } from '../errors/error-codes';

interface WireCodeEntry {
  code: ErrorCode;
  /** Reconnecting cannot help: the connection stops and reports the error. */
  fatal?: boolean;
  /** Trying the same request again later may succeed. */
  retryable?: boolean;
}

/**
 * The one table from numeric wire codes (WebSocket close codes, `session closed` codes, `ack`/`error`
 * frame codes; protocol.md §4) to stable string codes.
 */
const wireCodes: ReadonlyMap<number, WireCodeEntry> = new Map<number, WireCodeEntry>([
  [4100, { code: 'APP_NOT_AVAILABLE', fatal: true }],
  [4102, { code: 'SIGNATURE_FAILED', fatal: true }],
  [4103, { code: 'INVALID_LOGIN', fatal: true }],
  [4105, { code: 'SESSION_REQUIRED', retryable: true }],
  [4106, { code: 'BLACKLISTED', fatal: true }],
  [4107, { code: 'READ_TIMEOUT', retryable: true }],
  [4108, { code: 'LOGIN_TIMEOUT', retryable: true }],
  [4109, { code: 'FRAME_TOO_LONG' }],
  [4110, { code: 'INVALID_ORIGIN', fatal: true }],
  [4111, { code: 'SESSION_CONFLICT', fatal: true }],
  [4112, { code: 'SESSION_TOKEN_EXPIRED' }],
  [4113, { code: 'QUOTA_EXCEEDED', fatal: true }],
  [4114, { code: 'UNPARSEABLE_RAW_MESSAGE' }],
  [4115, { code: 'KICKED_BY_APP', fatal: true }],
  [4116, { code: 'QUOTA_EXCEEDED', retryable: true }],
  [4200, { code: 'INTERNAL_ERROR', retryable: true }],
  [4201, { code: 'SEND_MESSAGE_TIMEOUT', retryable: true }],
  [4300, { code: 'INTERNAL_ERROR', retryable: true }],
  [4301, { code: 'INTERNAL_ERROR', retryable: true }],
  [4302, { code: 'CONVERSATION_SIGNATURE_FAILED' }],
  [4303, { code: 'CONVERSATION_NOT_FOUND' }],
  [4304, { code: 'CONVERSATION_FULL' }],
  [4305, { code: 'CONVERSATION_REJECTED_BY_APP' }],
  [4306, { code: 'CONVERSATION_UPDATE_FAILED' }],
  [4307, { code: 'CONVERSATION_READ_ONLY' }],
  [4308, { code: 'CONVERSATION_NOT_ALLOWED' }],
  [4309, { code: 'CONVERSATION_UPDATE_REJECTED' }],
  [4310, { code: 'CONVERSATION_QUERY_FAILED', retryable: true }],
  [4311, { code: 'CONVERSATION_LOG_FAILED', retryable: true }],
  [4312, { code: 'CONVERSATION_LOG_REJECTED' }],
  [4401, { code: 'INVALID_MESSAGING_TARGET' }],
  [4402, { code: 'MESSAGE_REJECTED_BY_APP' }],
]);

/** Maps a numeric wire code; unknown codes become `SERVER_ERROR` so nothing is lost. */
export function wireCodeToErrorCode(wireCode: number): { code: ErrorCode; fatal: boolean; retryable: boolean } {
  const entry = wireCodes.get(wireCode);
  if (!entry) return { code: 'SERVER_ERROR', fatal: false, retryable: false };
  return { code: entry.code, fatal: entry.fatal ?? false, retryable: entry.retryable ?? false };
}

/** WebSocket close codes after which reconnecting cannot help (v3+ treat these as fatal too). */
export function isFatalCloseCode(closeCode: number): boolean {
  return closeCode >= 4000 && wireCodeToErrorCode(closeCode).fatal;
}
