import { RealtimeError } from './realtime-error';

/** A frame from the server could not be understood. The frame is dropped; the connection stays up. */
export class ProtocolError extends RealtimeError {
  override name = 'ProtocolError';
  constructor(message: string, frame?: unknown) {
    super('PROTOCOL_ERROR', message, { frame });
  }
}
