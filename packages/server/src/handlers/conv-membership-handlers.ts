import { decodeConvMembers } from '../protocol/inbound';
import { limits } from '../protocol/limits';
import { membershipBody, PushFrame, reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import type { ConversationSummary } from '../storage/storage';
import type { CommandHandler, HandlerContext } from './handler-context';
import { isoTime, sessionClientId } from './handler-context';

/**
 * `conv add` (invite, or join when `m` is the caller) — protocol §2.4:
 *   added members ← `joined`; everyone after the change ← `members-joined {m: added}`;
 *   caller ← `added`.
 * In a transient conversation the named clients' online sessions become present instead.
 */
export const handleConvAdd: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const command = decodeConvMembers(frame.body);
  const conversation = await requireConversation(context, command.cid);
  if (context.config.requireSignature) {
    const action = { kind: 'invite' as const, clientId, cid: command.cid, members: command.members };
    const problem = context.signatures.check(action, command.signature);
    if (problem) throw new ProtocolError('CONVERSATION_SIGNATURE_FAILED', `invite signature ${problem}`);
  }
  const requested = [...new Set(command.members)];
  const done = () => connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'added', cid: command.cid }));

  if (conversation.isTransient) {
    for (const id of requested) {
      const sessions = id === clientId ? [connection] : [...(context.registry.sessionsOf(id) ?? [])];
      for (const session of sessions) context.rooms.join(session, command.cid);
    }
    done();
    return;
  }
  const isSelfJoin = requested.length === 1 && requested[0] === clientId;
  if (!isSelfJoin && !conversation.members.includes(clientId)) {
    throw new ProtocolError('INVALID_MESSAGING_TARGET', 'only members may add others; join with m = [your id]');
  }
  const added = requested.filter((id) => !conversation.members.includes(id));
  if (conversation.members.length + added.length > limits.maxConversationMembers) {
    throw new ProtocolError('CONVERSATION_FULL', `a conversation has at most ${limits.maxConversationMembers} members`);
  }
  if (added.length > 0) {
    const members = await context.storage.addMembers(command.cid, added, isoTime(context));
    if (!members) throw notFound(command.cid);
    context.fanout.toClients(added, new PushFrame(membershipBody('joined', command.cid, clientId)));
    context.fanout.toClients(members, new PushFrame(membershipBody('members-joined', command.cid, clientId, added)));
  }
  done();
};

/**
 * `conv remove` (kick, or leave when `m` is the caller) — protocol §2.5:
 *   removed members ← `left`; remaining members ← `members-left {m: removed}`; caller ← `removed`.
 * A self-leave is unsigned even when signatures are required (2.4.0 never signs it).
 */
export const handleConvRemove: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const command = decodeConvMembers(frame.body);
  const conversation = await requireConversation(context, command.cid);
  const requested = [...new Set(command.members)];
  const isSelfLeave = requested.length === 1 && requested[0] === clientId;
  if (context.config.requireSignature && !isSelfLeave) {
    const action = { kind: 'kick' as const, clientId, cid: command.cid, members: command.members };
    const problem = context.signatures.check(action, command.signature);
    if (problem) throw new ProtocolError('CONVERSATION_SIGNATURE_FAILED', `kick signature ${problem}`);
  }
  const done = () => connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'removed', cid: command.cid }));

  if (conversation.isTransient) {
    for (const id of requested) {
      for (const session of [...(context.registry.sessionsOf(id) ?? [])]) {
        if (session.transientCid === command.cid) context.rooms.leave(session);
      }
    }
    done();
    return;
  }
  if (!isSelfLeave && !conversation.members.includes(clientId)) {
    throw new ProtocolError('INVALID_MESSAGING_TARGET', 'only members may remove others');
  }
  const removed = requested.filter((id) => conversation.members.includes(id));
  if (removed.length > 0) {
    const members = await context.storage.removeMembers(command.cid, removed, isoTime(context));
    if (!members) throw notFound(command.cid);
    context.fanout.toClients(removed, new PushFrame(membershipBody('left', command.cid, clientId)));
    context.fanout.toClients(members, new PushFrame(membershipBody('members-left', command.cid, clientId, removed)));
  }
  done();
};

async function requireConversation(context: HandlerContext, cid: string): Promise<ConversationSummary> {
  const conversation = await context.storage.getConversationSummary(cid);
  if (!conversation) throw notFound(cid);
  if (conversation.isSystem) {
    throw new ProtocolError('CONVERSATION_READ_ONLY', 'system conversations have no member list to change');
  }
  return conversation;
}

function notFound(cid: string): ProtocolError {
  return new ProtocolError('CONVERSATION_NOT_FOUND', `conversation ${cid} does not exist`);
}
