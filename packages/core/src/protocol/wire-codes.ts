import type { ErrorCode } from '../errors/error-codes';

/**
 * The one table from numeric wire codes (WebSocket close codes, `session closed` codes, `ack`/`error`
 * frame codes; protocol.md §4) to stable string codes.
 */
const wireCodes: Readonly<Record<number, ErrorCode>> = {
  4100: 'APP_NOT_AVAILABLE',
  4102: 'SIGNATURE_FAILED',
  4103: 'INVALID_LOGIN',
  4105: 'SESSION_REQUIRED',
  4106: 'BLACKLISTED',
  4107: 'READ_TIMEOUT',
  4108: 'LOGIN_TIMEOUT',
  4109: 'FRAME_TOO_LONG',
  4110: 'INVALID_ORIGIN',
  4111: 'SESSION_CONFLICT',
  4112: 'SESSION_TOKEN_EXPIRED',
  4113: 'QUOTA_EXCEEDED',
  4114: 'UNPARSEABLE_RAW_MESSAGE',
  4115: 'KICKED_BY_APP',
  4116: 'QUOTA_EXCEEDED',
  4200: 'INTERNAL_ERROR',
  4201: 'SEND_MESSAGE_TIMEOUT',
  4300: 'INTERNAL_ERROR',
  4301: 'INTERNAL_ERROR',
  4302: 'CONVERSATION_SIGNATURE_FAILED',
  4303: 'CONVERSATION_NOT_FOUND',
  4304: 'CONVERSATION_FULL',
  4305: 'CONVERSATION_REJECTED_BY_APP',
  4306: 'CONVERSATION_UPDATE_FAILED',
  4307: 'CONVERSATION_READ_ONLY',
  4308: 'CONVERSATION_NOT_ALLOWED',
  4309: 'CONVERSATION_UPDATE_REJECTED',
  4310: 'CONVERSATION_QUERY_FAILED',
  4311: 'CONVERSATION_LOG_FAILED',
  4312: 'CONVERSATION_LOG_REJECTED',
  4401: 'INVALID_MESSAGING_TARGET',
  4402: 'MESSAGE_REJECTED_BY_APP',
};

/** Reconnecting cannot help: the connection stops and reports the error (v3+ agree for 4100/4103/4110). */
const fatalCodes: ReadonlySet<number> = new Set([4100, 4102, 4103, 4106, 4110, 4111, 4113, 4115]);
/** Trying the same request again later may succeed. */
const retryableCodes: ReadonlySet<number> = new Set([4105, 4107, 4108, 4116, 4200, 4201, 4300, 4301, 4310, 4311]);

/** Maps a numeric wire code; unknown codes become `SERVER_ERROR` so nothing is lost. */
export function wireCodeToErrorCode(wireCode: number): { code: ErrorCode; fatal: boolean; retryable: boolean } {
  return { code: wireCodes[wireCode] ?? 'SERVER_ERROR', fatal: fatalCodes.has(wireCode), retryable: retryableCodes.has(wireCode) };
}

/** WebSocket close codes after which reconnecting cannot help. */
export function isFatalCloseCode(closeCode: number): boolean {
  return fatalCodes.has(closeCode);
}
