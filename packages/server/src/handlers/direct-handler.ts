import { newMessageId } from '../storage/ids';
import { decodeDirect, decodeReceiverAck } from '../protocol/inbound';
import { limits } from '../protocol/limits';
import { directBody, PushFrame, receiptBody, reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import type { AckResult } from '../storage/storage';
import type { CommandHandler, HandlerContext } from './handler-context';
import { sessionClientId } from './handler-context';

/**
 * `direct` (protocol §2.7). Normal message in a normal conversation:
 *
 *   sender ── direct ──► check membership (ack 4401) ─► store, commit ─► push to every online
 *   session of every member but the sending socket (the sender's other devices included) ─► ack
 *
 * The push and the ack follow the commit, so an acked message is durable and a member that
 * logs in meanwhile gets it from storage (its catch-up drops the duplicate live push).
 * Transient messages are neither stored nor acked; transient conversations keep no history
 * (decided for this project) but still ack non-transient messages.
 */
export const handleDirect: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const command = decodeDirect(frame.body);
  if (context.messageRate && !context.messageRate.take(clientId)) {
    throw new ProtocolError(
      'MESSAGE_SENT_QUOTA_EXCEEDED',
      `more than ${context.config.maxMessagesPerMinute} messages in a minute; send this one later`,
    );
  }
  if (Buffer.byteLength(command.msg, 'utf8') > limits.maxMessageBytes) {
    throw new ProtocolError('FRAME_TOO_LONG', `a message body is at most ${limits.maxMessageBytes} bytes`);
  }
  const conversation = await context.storage.getConversationSummary(command.cid);
  if (!conversation) {
    throw new ProtocolError('INVALID_MESSAGING_TARGET', `conversation ${command.cid} does not exist`);
  }
  if (conversation.isSystem) {
    throw new ProtocolError('CONVERSATION_NOT_ALLOWED', 'sending to system conversations is not supported');
  }

  if (conversation.isTransient) {
    const message = { cid: command.cid, id: newMessageId(), from: clientId, timestamp: context.now(), data: command.msg };
    const push = new PushFrame(directBody(message, { isTransient: command.isTransient }));
    context.fanout.toTransientRoom(command.cid, push, connection);
    if (!command.isTransient) {
      connection.send(reply(frame.i, clientId, { cmd: 'ack', uid: message.id, t: message.timestamp }));
    }
    return;
  }

  if (!conversation.members.includes(clientId)) {
    throw new ProtocolError('INVALID_MESSAGING_TARGET', `you are not a member of conversation ${command.cid}`);
  }
  if (command.isTransient) {
    const message = { cid: command.cid, id: newMessageId(), from: clientId, timestamp: context.now(), data: command.msg };
    context.fanout.toClients(conversation.members, new PushFrame(directBody(message, { isTransient: true })), connection);
    return;
  }
  // Queued writes commit in order, so the message's place is fixed now: the socket's next
  // command may start while this one waits for the commit (one fsync for a pipelined burst).
  const committed = context.storage.appendMessage(command.cid, {
    from: clientId,
    data: command.msg,
    wantsReceipt: command.wantsReceipt,
  });
  const members = conversation.members;
  return {
    pending: committed.then((stored) => {
      const push = new PushFrame(directBody(stored), { cid: stored.cid, seq: stored.seq });
      context.fanout.toClients(members, push, connection);
      connection.send(reply(frame.i, clientId, { cmd: 'ack', uid: stored.id, t: stored.timestamp }));
    }),
  };
};

/**
 * The receiver's `ack` (protocol §2.8): no reply. Moves the client's delivery cursor and, on
 * its first ack of a message sent with `r`, sends the sender an `rcp` (one per receiver).
 * Invalid acks are ignored: there is no `i` to answer.
 */
export const handleReceiverAck: CommandHandler = async (context, connection, frame) => {
  if (connection.clientId === undefined) return;
  const clientId = sessionClientId(connection, frame);
  const { cid, mid } = decodeReceiverAck(frame.body);
  // Transient conversations store nothing, so an ack there has nothing to mark: skip the lookup.
  if ((await context.storage.getConversationSummary(cid))?.isTransient !== false) return;
  const ackAt = context.now();
  // Like a send, an ack's place in the write queue is fixed now; do not hold the socket's next
  // command until it commits (a busy receiver acks every message).
  const recorded = context.storage.acknowledge(clientId, cid, mid, ackAt);
  return {
    pending: recorded.then((result) => sendReceiptIfDue(context, clientId, result, ackAt)),
  };
};

/**
 * After a receiver's ack is recorded: on its first ack of a message sent with `r`, an `rcp` to
 * the sender (protocol §2.9, one per receiver). Shared by both ack paths.
 */
export function sendReceiptIfDue(context: HandlerContext, receiverId: string, result: AckResult | undefined, ackAt: number): void {
  if (!result || !result.isFirstAck) return;
  const { message } = result;
  if (message.wantsReceipt && message.from !== receiverId) {
    context.fanout.toClients([message.from], new PushFrame(receiptBody(message.cid, message.id, ackAt, receiverId)));
  }
}
