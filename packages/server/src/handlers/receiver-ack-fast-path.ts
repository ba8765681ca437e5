import type { Logger } from '../config/server-config';
import type { Connection } from '../session/connection';
import { sendReceiptIfDue } from './direct-handler';
import type { HandlerContext } from './handler-context';

/** Every receiver ack 2.4.0 and our SDK send contains this; other frames rarely do. */
const ackMarker = '"cmd":"ack"';

/**
 * The receiver's `ack` (protocol §2.8), handled synchronously when nothing is unusual about it.
 *
 * Under fan-out it is the most frequent inbound frame (one per delivery), and it has no reply.
 * The general path (`dispatchFrame` → `handleReceiverAck`) costs a decoded-frame object, a table
 * lookup and four promises per ack; here it is one `JSON.parse` and two Map lookups. The caller
 * uses this only when none of the socket's earlier commands is still running, so the ack keeps
 * its place in the socket's order.
 *
 * Returns `false`, having done nothing, for anything this path does not decide on its own
 * (not an ack, malformed, no session, a `peerId` naming someone else, a conversation whose
 * summary is not cached); the caller then sends the frame down the general path, which gives
 * exactly the same result for a plain ack and the right refusal or silence for the rest.
 */
export function handleReceiverAckNow(context: HandlerContext, connection: Connection, text: string, logger: Logger): boolean {
  const clientId = connection.clientId;
  if (clientId === undefined || !text.includes(ackMarker)) return false;
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof frame !== 'object' || frame === null) return false;
  const { cmd, op, cid, mid, peerId } = frame as Record<string, unknown>;
  if (cmd !== 'ack' || op !== undefined || (peerId !== undefined && peerId !== clientId)) return false;
  if (typeof cid !== 'string' || cid === '' || typeof mid !== 'string' || mid === '') return false;
  const conversation = context.storage.cachedConversationSummary(cid);
  if (conversation === undefined) return false;
  // Transient conversations store nothing, so an ack there has nothing to mark.
  if (conversation.isTransient) return true;
  const ackAt = context.now();
  try {
    sendReceiptIfDue(context, clientId, context.storage.acknowledgeNow(clientId, cid, mid, ackAt), ackAt);
  } catch (error) {
    // No reply exists for an ack; like the general path, a failure is only logged.
    logger.error(`command failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
  return true;
}
