import type { ServerConfig } from '../config/server-config';
import type { Fanout } from '../fanout/fanout';
import type { InboundFrame } from '../protocol/inbound';
import { ProtocolError } from '../protocol/protocol-error';
import type { Connection } from '../session/connection';
import type { RateLimiter } from '../session/rate-limiter';
import type { SessionRegistry } from '../session/session-registry';
import type { TransientRooms } from '../session/transient-rooms';
import type { SignatureVerifier } from '../signature/signature-verifier';
import type { Storage } from '../storage/storage';

/** What every handler may use. One instance per server. */
export interface HandlerContext {
  config: ServerConfig;
  storage: Storage;
  registry: SessionRegistry;
  rooms: TransientRooms;
  fanout: Fanout;
  signatures: SignatureVerifier;
  /** Present when the operator limits messages per minute. */
  messageRate: RateLimiter | undefined;
  now(): number;
}

export type CommandFrame = Extract<InboundFrame, { kind: 'command' }>;

/**
 * Commands of one socket run one at a time, in arrival order. A handler that has done
 * everything later commands may depend on, but still waits for something slow (a `direct`
 * waiting for its commit), returns `{ pending }`: the next command starts while `pending`
 * finishes, and a rejection of `pending` is answered like a thrown error.
 */
export type CommandHandler = (
  context: HandlerContext,
  connection: Connection,
  frame: CommandFrame,
) => Promise<void | { pending: Promise<void> }>;

/**
 * The client id a command acts as. The session's identity wins over the frame's `peerId`, but a
 * `peerId` naming someone else is refused (protocol §8.1.2).
 */
export function sessionClientId(connection: Connection, frame: CommandFrame): string {
  const clientId = connection.clientId;
  if (clientId === undefined) {
    throw new ProtocolError('SESSION_REQUIRED', 'send `session open` before any other command');
  }
  if (frame.peerId !== undefined && frame.peerId !== clientId) {
    throw new ProtocolError('SESSION_REQUIRED', `this connection has no session for peerId "${frame.peerId}"`);
  }
  return clientId;
}

/** ISO-8601 time for documents and `cdate`/`udate`. */
export function isoTime(context: HandlerContext): string {
  return new Date(context.now()).toISOString();
}
