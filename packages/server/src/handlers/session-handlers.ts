import { randomBytes } from 'node:crypto';
import { errorCodes } from '../protocol/error-codes';
import { decodeSessionOpen, decodeSessionQuery } from '../protocol/inbound';
import { limits } from '../protocol/limits';
import { directBody, PushFrame, reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import type { CommandHandler } from './handler-context';
import { sessionClientId } from './handler-context';

/**
 * `session open` (protocol §2.1):
 *
 *   client                      server
 *     │ session open ──────────►│ check appId (close 4100), id (close 4103), signature (4102)
 *     │◄────────── session opened│ session registered; live pushes held back from here
 *     │◄── direct offline:true ×N│ every stored message after the client's cursors, in order
 *     │◄──────── held live pushes│ minus those already sent from storage
 */
export const handleSessionOpen: CommandHandler = async (context, connection, frame) => {
  const command = decodeSessionOpen(frame.body);
  if (command.appId !== context.config.appId) {
    connection.close(errorCodes.APP_NOT_AVAILABLE, 'APP_NOT_AVAILABLE');
    return;
  }
  // 2.4.0 omits peerId when the app gave no client id; the 2.x source says the server makes one up.
  const clientId = command.peerId ?? randomBytes(12).toString('base64url');
  if (clientId === '' || clientId.length > limits.maxClientIdLength) {
    connection.close(errorCodes.INVALID_LOGIN, 'INVALID_LOGIN');
    return;
  }
  if (connection.clientId !== undefined) {
    if (connection.clientId !== clientId) {
      throw new ProtocolError('INVALID_LOGIN', `this connection is already logged in as "${connection.clientId}"`);
    }
    connection.send(reply(frame.i, clientId, { cmd: 'session', op: 'opened', appId: context.config.appId }));
    return;
  }
  if (context.config.requireSignature) {
    const problem = context.signatures.check({ kind: 'login', clientId }, command.signature);
    if (problem) throw new ProtocolError('SIGNATURE_FAILED', `login signature ${problem}`);
  }

  context.registry.openSession(connection, clientId);
  connection.beginCatchUp();
  connection.send(reply(frame.i, clientId, { cmd: 'session', op: 'opened', appId: context.config.appId }));

  const now = context.now();
  const rejoin = context.rooms.takeRecent(clientId, now, limits.transientRejoinWindowMs);
  if (rejoin !== undefined && (await context.storage.getConversationSummary(rejoin))?.isTransient) {
    context.rooms.join(connection, rejoin);
  }

  const delivered = new Map<string, number>();
  try {
    const backlog = await context.storage.getUndelivered(clientId);
    for (let index = 0; index < backlog.length; index++) {
      const message = backlog[index];
      connection.sendText(new PushFrame(directBody(message, { isOffline: true })).textFor(clientId));
      delivered.set(message.cid, message.seq);
      if (index % 256 === 255) await connection.drain();
    }
  } finally {
    connection.endCatchUp(delivered);
  }
};

/** `session query` (presence): which of the first 20 ids have a session now. */
export const handleSessionQuery: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const { sessionPeerIds } = decodeSessionQuery(frame.body);
  const onlineSessionPeerIds = [...new Set(sessionPeerIds)].filter((id) => context.registry.isOnline(id));
  connection.send(reply(frame.i, clientId, { cmd: 'session', op: 'query-result', onlineSessionPeerIds }));
};

/**
 * `session close` (only 2.0.0 and newer clients send it): the client is offline from now on, the
 * socket stays open and may log in again.
 */
export const handleSessionClose: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  context.rooms.leave(connection);
  context.registry.endSession(connection);
  connection.awaitingLoginSinceMs = context.now();
  if (frame.i !== undefined) connection.send(reply(frame.i, clientId, { cmd: 'session', op: 'closed' }));
};
