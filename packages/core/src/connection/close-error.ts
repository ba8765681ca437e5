import { RealtimeError } from '../errors/realtime-error';
import { wireCodeToErrorCode } from '../protocol/wire-codes';
import type { CloseInfo } from '../transport/transport';

/** The error a socket close stands for: a coded one for 4xxx codes (fatal or not, per the table), else a retryable CONNECT_FAILED. */
export function closeError(info: CloseInfo): RealtimeError {
  const codeAndReason = `${info.code}${info.reason ? ` ${info.reason}` : ''}`;
  if (info.code >= 4000) {
    const { code, fatal } = wireCodeToErrorCode(info.code);
    return new RealtimeError(code, `Server closed the socket with ${codeAndReason}`, { wireCode: info.code, retryable: !fatal });
  }
  return new RealtimeError('CONNECT_FAILED', `Socket closed with ${codeAndReason}; retrying`, { retryable: true });
}
