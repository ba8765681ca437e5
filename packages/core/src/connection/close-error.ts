import { RealtimeError } from '../errors/realtime-error';
import { isFatalCloseCode, wireCodeToErrorCode } from '../protocol/wire-codes';
import type { CloseInfo } from '../transport/transport';

/** The error a socket close stands for: coded for 4xxx codes (fatal per the wire-code table), else a retryable CONNECT_FAILED. */
export function closeError({ code, reason }: CloseInfo): RealtimeError {
  const isServerCode = code >= 4000;
  return new RealtimeError(isServerCode ? wireCodeToErrorCode(code).code : 'CONNECT_FAILED', `Socket closed with ${code} ${reason}`, {
    wireCode: isServerCode ? code : undefined,
    retryable: !isFatalCloseCode(code),
  });
}
