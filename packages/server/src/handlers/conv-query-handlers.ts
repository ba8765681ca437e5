import { decodeConvId, decodeConvQuery } from '../protocol/inbound';
import { reply } from '../protocol/outbound';
import { ProtocolError } from '../protocol/protocol-error';
import { compileSort } from '../query/conversation-sort';
import { compileWhere, InvalidWhereError, type Predicate } from '../query/where-matcher';
import type { ConversationCandidates } from '../storage/storage';
import type { CommandHandler } from './handler-context';
import { sessionClientId } from './handler-context';

const compactFlag = 1;
const withLastMessageFlag = 2;

/**
 * `conv query` (protocol §2.6): `where` evaluated by the matcher over the candidates the member
 * and id indexes allow, then `sort`, `skip`, `limit`, and the `flag` bits. Any client may query
 * any conversation. `results` is always an array.
 */
export const handleConvQuery: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const query = decodeConvQuery(frame.body);
  let matches: Predicate;
  try {
    matches = compileWhere(query.where);
  } catch (error) {
    if (error instanceof InvalidWhereError) throw new ProtocolError('CONVERSATION_QUERY_FAILED', error.message);
    throw error;
  }
  const docs = (await context.storage.findConversations(candidatesOf(query.where))).filter((doc) => matches(doc));
  const comparator = compileSort(query.sort);
  if (comparator) docs.sort(comparator);
  const page = docs.slice(query.skip, query.skip + query.limit);

  const results: Record<string, unknown>[] = [];
  for (const doc of page) {
    const result: Record<string, unknown> = { ...doc };
    // 2.4.0's list() hands `m` to the app as-is: a transient conversation shows [] rather than nothing.
    if (doc.tr) result.m = [];
    if (query.flag & compactFlag) {
      delete result.m;
      delete result.mu;
    }
    if (query.flag & withLastMessageFlag) {
      const last = await context.storage.getLastMessage(doc.objectId);
      if (last) {
        result.msg = last.data;
        result.msg_from = last.from;
        result.msg_mid = last.id;
        result.msg_timestamp = last.timestamp;
      }
    }
    results.push(result);
  }
  connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'results', results }));
};

/** `conv count`: members of a normal conversation, present clients of a transient one. */
export const handleConvCount: CommandHandler = async (context, connection, frame) => {
  const clientId = sessionClientId(connection, frame);
  const { cid } = decodeConvId(frame.body);
  const conversation = await context.storage.getConversationSummary(cid);
  if (!conversation) throw new ProtocolError('CONVERSATION_NOT_FOUND', `conversation ${cid} does not exist`);
  const count = conversation.isTransient ? context.rooms.countClients(cid) : conversation.members.length;
  connection.send(reply(frame.i, clientId, { cmd: 'conv', op: 'result', count }));
};

/**
 * Narrows the scan with the indexes the 2.4.0 query shapes use: `m` (a member, or `$all`)
 * and `objectId` (an id, or `$in`). Anything else scans every conversation.
 */
function candidatesOf(where: Record<string, unknown>): ConversationCandidates {
  const candidates: ConversationCandidates = {};
  const m = where.m;
  if (typeof m === 'string') candidates.withMembers = [m];
  else if (isObject(m) && Array.isArray(m.$all) && m.$all.every((id) => typeof id === 'string') && m.$all.length > 0) {
    candidates.withMembers = m.$all as string[];
  }
  const id = where.objectId;
  if (typeof id === 'string') candidates.ids = [id];
  else if (isObject(id) && Array.isArray(id.$in)) candidates.ids = id.$in.filter((v): v is string => typeof v === 'string');
  return candidates;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

