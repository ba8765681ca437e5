import type { ConversationDoc, ImportedMessage, StoredMessage } from './storage';

/** Row shapes of the tables in `sqlite-migrations.ts`. */
export interface ConversationRow {
  id: string;
  doc: string;
  is_transient: number;
  is_system: number;
  last_seq: number;
  lm_ms: number | null;
}

export interface MessageRow {
  cid: string;
  seq: number;
  id: string;
  from_client: string;
  data: string;
  timestamp: number;
  wants_receipt: number;
  ack_at: number | null;
}

/** Entries kept in each in-memory cache; beyond it the oldest are dropped and re-read on demand. */
const maxCachedConversations = 10_000;

/** Map insertion order is age: evicting the first key drops the oldest entry. */
export function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= maxCachedConversations) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

export function uniqueMembers(doc: ConversationDoc): string[] {
  return doc.tr ? [] : [...new Set(doc.m ?? [])];
}

export function uniqueKeyOf(members: readonly string[]): string {
  return [...new Set(members)].sort().join('\n');
}

export function toDoc(row: ConversationRow): ConversationDoc {
  const doc = JSON.parse(row.doc) as ConversationDoc;
  if (row.lm_ms !== null) doc.lm = { __type: 'Date', iso: new Date(row.lm_ms).toISOString() };
  return doc;
}

export function toMessage(row: MessageRow): StoredMessage {
  const message: StoredMessage = {
    id: row.id,
    cid: row.cid,
    from: row.from_client,
    data: row.data,
    timestamp: row.timestamp,
    seq: row.seq,
    wantsReceipt: row.wants_receipt === 1,
  };
  if (row.ack_at !== null) message.ackAt = row.ack_at;
  return message;
}

export function messageParams(message: StoredMessage | (ImportedMessage & { cid: string; seq: number; wantsReceipt: boolean })) {
  return {
    cid: message.cid,
    seq: message.seq,
    id: message.id,
    from: message.from,
    data: message.data,
    timestamp: message.timestamp,
    wantsReceipt: message.wantsReceipt ? 1 : 0,
    ackAt: message.ackAt ?? null,
  };
}
