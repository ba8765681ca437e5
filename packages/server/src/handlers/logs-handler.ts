import { decodeLogs } from '../protocol/inbound';
import { logItem, reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import type { CommandHandler } from './handler-context';
import { sessionClientId } from './handler-context';

/**
 * `logs` (protocol §2.10): the `limit` newest messages before (`t`, `mid`), oldest first.
 * Members only (4312). Transient conversations keep no history: always `[]`.
 */
export const handleLogs: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const command = decodeLogs(frame.body);
  const conversation = await context.storage.getConversationSummary(command.cid);
  if (!conversation) throw new ProtocolError('CONVERSATION_NOT_FOUND', `conversation ${command.cid} does not exist`);
  let logs: Record<string, unknown>[] = [];
  if (!conversation.isTransient) {
    if (!conversation.isSystem && !conversation.members.includes(clientId)) {
      throw new ProtocolError('CONVERSATION_LOG_REJECTED', `you are not a member of conversation ${command.cid}`);
    }
    const cursor =
      command.beforeTimestamp === undefined
        ? undefined
        : { beforeTimestamp: command.beforeTimestamp, beforeId: command.beforeId };
    logs = (await context.storage.getHistory(command.cid, command.limit, cursor)).map(logItem);
  }
  connection.send(reply(frame.i, clientId, { cmd: 'logs', logs }));
};
