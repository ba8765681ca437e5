import type { ImportedMessage } from '../storage/storage';
import { QUERY_KEY } from './history-walker';
import { toMillis } from './to-millis';

/** What to do with `bin: true` bodies, which the v2 JSON protocol can only carry as text. */
export type BinaryPolicy = 'base64' | 'skip';

export type MessageMapping =
  | { ok: true; cid: string; isChatRoom: boolean; message: ImportedMessage; notes: MessageNote[] }
  | { ok: false; skip: 'malformed' | 'binary'; reason: string };

export type MessageNote = 'reserialized-body' | 'binary-as-base64' | 'recalled' | 'cid-from-to' | 'cid-from-conv-id';

/**
 * A REST history record (`msg-id`, `timestamp`, `from`, `data`, `conv-id`, `to`, …) → a message
 * to import with its original id, sender, body and time (export doc §3.3).
 *
 * The conversation is, in order: the id the fetcher asked for (`_q.cid`); `to` for a
 * conversation message; `conv-id` without the `00000000` padding; `conv-id` as is. `conv-id`
 * alone is not the conversation id (§4.1), which is why it comes last.
 */
export function mapHistoryRecord(record: unknown, binary: BinaryPolicy): MessageMapping {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { ok: false, skip: 'malformed', reason: 'not a JSON object' };
  const r = record as Record<string, unknown>;
  const id = pick(r, 'msg-id', 'msgId');
  if (typeof id !== 'string' || id.length === 0) return { ok: false, skip: 'malformed', reason: 'no msg-id' };
  const from = r.from;
  if (typeof from !== 'string') return { ok: false, skip: 'malformed', reason: `message ${id} has no sender` };
  const timestamp = toMillis(r.timestamp);
  if (timestamp === undefined) return { ok: false, skip: 'malformed', reason: `message ${id} has no usable timestamp` };

  const notes: MessageNote[] = [];
  const query = r[QUERY_KEY] as { cid?: unknown; endpoint?: unknown } | undefined;
  let cid: string | undefined = typeof query?.cid === 'string' ? query.cid : undefined;
  const to = r.to;
  const convId = pick(r, 'conv-id', 'convId');
  if (!cid && typeof to === 'string' && to.length > 0 && r['is-conv'] !== false) {
    cid = to;
    notes.push('cid-from-to');
  }
  if (!cid && typeof convId === 'string' && convId.length > 0) {
    cid = /^[0-9a-f]{24}0{8}$/.test(convId) ? convId.slice(0, 24) : convId;
    notes.push('cid-from-conv-id');
  }
  if (!cid) return { ok: false, skip: 'malformed', reason: `message ${id} names no conversation` };

  let data: string;
  if (typeof r.data === 'string') data = r.data;
  else if (r.data !== undefined && r.data !== null) {
    // A tool parsed the body; the best we can do is its JSON text. Reported, not hidden.
    data = JSON.stringify(r.data);
    notes.push('reserialized-body');
  } else return { ok: false, skip: 'malformed', reason: `message ${id} has no data` };

  if (r.bin === true) {
    if (binary === 'skip') return { ok: false, skip: 'binary', reason: `message ${id} has a binary body` };
    notes.push('binary-as-base64');
  }
  if (isRecalled(data)) notes.push('recalled');

  const message: ImportedMessage = { id, from, data, timestamp };
  const ackAt = toMillis(pick(r, 'ack-at', 'ackAt'));
  if (ackAt !== undefined) message.ackAt = ackAt;
  const isChatRoom = query?.endpoint === 'chatrooms';
  return { ok: true, cid, isChatRoom, message, notes };
}

function pick(r: Record<string, unknown>, hyphenated: string, camel: string): unknown {
  return r[hyphenated] ?? r[camel];
}

/** SDKs show `_lctype: -127` as a recalled message (export doc §3.3). */
function isRecalled(data: string): boolean {
  if (!data.startsWith('{')) return false;
  try {
    return (JSON.parse(data) as { _lctype?: unknown })._lctype === -127;
  } catch {
    return false;
  }
}
