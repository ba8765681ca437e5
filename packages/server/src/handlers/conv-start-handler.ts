import { decodeConvStart } from '../protocol/inbound';
import { limits } from '../protocol/limits';
import { membershipBody, PushFrame, reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import { newConversationId } from '../storage/ids';
import type { ConversationDoc } from '../storage/storage';
import { attributeFields } from './conversation-fields';
import type { CommandHandler } from './handler-context';
import { isoTime, sessionClientId } from './handler-context';

/**
 * `conv start` (protocol §2.2). For a normal conversation every member, creator included, gets
 * `joined` then `members-joined`, and then the creator gets `started`. A transient conversation
 * keeps no member list: the creator's session becomes present in it, nobody is notified.
 * `unique: true` with an existing conversation of the same member set returns that one silently.
 */
export const handleConvStart: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const command = decodeConvStart(frame.body);
  if (context.config.requireSignature) {
    const problem = context.signatures.check({ kind: 'start', clientId, members: command.members }, command.signature);
    if (problem) throw new ProtocolError('CONVERSATION_SIGNATURE_FAILED', `conversation signature ${problem}`);
  }
  const members = [...new Set([clientId, ...command.members])];
  if (!command.isTransient && members.length > limits.maxConversationMembers) {
    throw new ProtocolError('CONVERSATION_FULL', `a conversation has at most ${limits.maxConversationMembers} members`);
  }

  if (command.isUnique && !command.isTransient) {
    const existing = await context.storage.findUniqueConversation(members);
    if (existing) {
      connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'started', cid: existing.objectId, cdate: existing.createdAt }));
      return;
    }
  }

  const now = isoTime(context);
  const doc: ConversationDoc = {
    ...attributeFields(command.attributes),
    objectId: newConversationId(context.now()),
    c: clientId,
    m: command.isTransient ? [] : members,
    mu: [],
    tr: command.isTransient,
    unique: command.isUnique && !command.isTransient,
    createdAt: now,
    updatedAt: now,
  };
  await context.storage.createConversation(doc);
  const cid = doc.objectId;

  if (command.isTransient) {
    context.rooms.join(connection, cid);
  } else {
    context.fanout.toClients(members, new PushFrame(membershipBody('joined', cid, clientId)));
    context.fanout.toClients(members, new PushFrame(membershipBody('members-joined', cid, clientId, members)));
  }
  connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'started', cid, cdate: now }));
};
