import type { Logger } from '../config/server-config';
import { decodeFrame, requestIdOf } from '../protocol/inbound';
import { errorAckFrame, errorFrame, sessionClosedFrame } from '../protocol/outbound';
import { isProtocolError, ProtocolError } from '../protocol/protocol-error';
import type { Connection } from '../session/connection';
import { commandTable, type ErrorShape } from './command-table';
import type { HandlerContext } from './handler-context';

const heartbeat = '{}';

/**
 * Runs one inbound text frame. Never throws and never rejects: whatever goes wrong becomes a
 * protocol reply in the command's error shape (protocol §2.11), so no frame can crash the server.
 * Resolves when the next command of the same socket may start (see `CommandHandler`).
 */
export async function dispatchFrame(
  context: HandlerContext,
  connection: Connection,
  text: string,
  logger: Logger,
): Promise<void> {
  // The 2.4.0 heartbeat is the literal `{}`; answer without parsing (protocol §1.6).
  if (text === heartbeat) {
    connection.sendText(heartbeat);
    return;
  }
  let shape: ErrorShape = 'error';
  let i: ReturnType<typeof requestIdOf>;
  try {
    const frame = decodeFrame(text);
    if (frame.kind === 'heartbeat') {
      connection.sendText(heartbeat);
      return;
    }
    i = frame.i;
    const name = frame.op === undefined ? frame.cmd : `${frame.cmd}-${frame.op}`;
    const entry = commandTable.get(name);
    if (!entry) {
      throw new ProtocolError('UNPARSEABLE_RAW_MESSAGE', `unknown command "${frame.cmd}"${frame.op ? ` op "${frame.op}"` : ''}`);
    }
    shape = entry.errorShape;
    const result = await entry.handle(context, connection, frame);
    if (result) {
      const refusalShape = shape;
      const requestId = i;
      void result.pending.catch((error: unknown) => refuse(connection, refusalShape, requestId, error, logger));
    }
  } catch (error) {
    // A frame refused before its `i` was read still gets a correlated reply when it had one.
    refuse(connection, shape, i ?? requestIdFromText(text), error, logger);
  }
}

function refuse(connection: Connection, shape: ErrorShape, i: ReturnType<typeof requestIdOf>, error: unknown, logger: Logger): void {
  const refusal = isProtocolError(error)
    ? error
    : new ProtocolError('INTERNAL_ERROR', 'the server failed to handle this command; retry later');
  if (!isProtocolError(error)) logger.error(`command failed: ${error instanceof Error ? error.stack : String(error)}`);
  sendRefusal(connection, shape, i, refusal);
}

function requestIdFromText(text: string): ReturnType<typeof requestIdOf> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? requestIdOf(value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sendRefusal(connection: Connection, shape: ErrorShape, i: ReturnType<typeof requestIdOf>, error: ProtocolError): void {
  const peerId = connection.clientId;
  switch (shape) {
    case 'session-closed':
      connection.send(sessionClosedFrame(i, peerId, error));
      return;
    case 'ack':
      connection.send(errorAckFrame(i, peerId, error));
      return;
    case 'error':
      connection.send(errorFrame(i, peerId, error));
      return;
    case 'none':
      return;
  }
}
