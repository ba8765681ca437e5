import { decodeConvUpdate } from '../protocol/inbound';
import { reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import { protectedConversationFields } from './conversation-fields';
import type { CommandHandler } from './handler-context';
import { isoTime, sessionClientId } from './handler-context';

/**
 * `conv update` (2.4.0, protocol §2.6): `attr` keys become top-level document fields. Members
 * only (4309); server-owned fields are refused (4306); nobody else is notified.
 */
export const handleConvUpdate: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const { cid, attributes } = decodeConvUpdate(frame.body);
  const conversation = await context.storage.getConversationSummary(cid);
  if (!conversation) throw new ProtocolError('CONVERSATION_NOT_FOUND', `conversation ${cid} does not exist`);
  if (conversation.isSystem) throw new ProtocolError('CONVERSATION_READ_ONLY', 'system conversations are read-only');
  if (!conversation.isTransient && !conversation.members.includes(clientId)) {
    throw new ProtocolError('CONVERSATION_UPDATE_REJECTED', 'only members may update a conversation');
  }
  const refused = Object.keys(attributes).filter((key) => protectedConversationFields.has(key) || key.startsWith('_'));
  if (refused.length > 0) {
    throw new ProtocolError('CONVERSATION_UPDATE_FAILED', `these fields cannot be updated: ${refused.join(', ')}`);
  }
  const udate = isoTime(context);
  const updated = await context.storage.updateConversation(cid, attributes, udate);
  if (!updated) throw new ProtocolError('CONVERSATION_NOT_FOUND', `conversation ${cid} does not exist`);
  connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'updated', cid, udate }));
};
