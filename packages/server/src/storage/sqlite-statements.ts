import type Database from 'better-sqlite3';

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

/** Every SQL statement of `SqliteStorage`, prepared once per database. */
export function prepareStatements(db: Database.Database) {
  return {
    getConversation: db.prepare<[string], ConversationRow>(
      'SELECT id, doc, is_transient, is_system, last_seq, lm_ms FROM conversations WHERE id = ?',
    ),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, doc, is_transient, is_system, unique_key, last_seq, lm_ms)
       VALUES (@id, @doc, @isTransient, @isSystem, @uniqueKey, 0, @lmMs)`,
    ),
    replaceConversation: db.prepare(
      `UPDATE conversations SET doc = @doc, is_transient = @isTransient, is_system = @isSystem,
         unique_key = @uniqueKey, lm_ms = COALESCE(@lmMs, lm_ms) WHERE id = @id`,
    ),
    setDoc: db.prepare('UPDATE conversations SET doc = ?, unique_key = ? WHERE id = ?'),
    findUnique: db.prepare<[string], ConversationRow>(
      `SELECT id, doc, is_transient, is_system, last_seq, lm_ms FROM conversations
       WHERE unique_key = ? AND is_transient = 0 ORDER BY id LIMIT 1`,
    ),
    allConversations: db.prepare<[], ConversationRow>(
      'SELECT id, doc, is_transient, is_system, last_seq, lm_ms FROM conversations',
    ),
    conversationsWithMember: db.prepare<[string], ConversationRow>(
      `SELECT c.id, c.doc, c.is_transient, c.is_system, c.last_seq, c.lm_ms
       FROM members mb JOIN conversations c ON c.id = mb.cid WHERE mb.client_id = ?`,
    ),
    members: db.prepare<[string], { client_id: string }>('SELECT client_id FROM members WHERE cid = ?'),
    insertMember: db.prepare(
      'INSERT OR IGNORE INTO members (cid, client_id, delivered_seq) VALUES (?, ?, ?)',
    ),
    deleteMember: db.prepare('DELETE FROM members WHERE cid = ? AND client_id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO messages (cid, seq, id, from_client, data, timestamp, wants_receipt, ack_at)
       VALUES (@cid, @seq, @id, @from, @data, @timestamp, @wantsReceipt, @ackAt)`,
    ),
    hasMessageId: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM messages WHERE id = ?'),
    setTail: db.prepare('UPDATE conversations SET last_seq = ?, lm_ms = MAX(COALESCE(lm_ms, 0), ?) WHERE id = ?'),
    advanceCaughtUpMembers: db.prepare(
      'UPDATE members SET delivered_seq = ? WHERE cid = ? AND delivered_seq >= ?',
    ),
    lastMessage: db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE cid = ? ORDER BY seq DESC LIMIT 1',
    ),
    historyNewest: db.prepare<[string, number], MessageRow>(
      'SELECT * FROM messages WHERE cid = ? ORDER BY timestamp DESC, seq DESC LIMIT ?',
    ),
    historyBefore: db.prepare<[string, number, number, number, number], MessageRow>(
      `SELECT * FROM messages WHERE cid = ? AND (timestamp < ? OR (timestamp = ? AND seq < ?))
       ORDER BY timestamp DESC, seq DESC LIMIT ?`,
    ),
    messageById: db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE cid = ? AND id = ?'),
    memberCursor: db.prepare<[string, string], { delivered_seq: number }>(
      'SELECT delivered_seq FROM members WHERE cid = ? AND client_id = ?',
    ),
    advanceCursor: db.prepare(
      'UPDATE members SET delivered_seq = ? WHERE cid = ? AND client_id = ? AND delivered_seq < ?',
    ),
    setAckAt: db.prepare('UPDATE messages SET ack_at = ? WHERE cid = ? AND seq = ? AND ack_at IS NULL'),
    undelivered: db.prepare<[string, string], MessageRow>(
      `SELECT m.* FROM members mb JOIN messages m ON m.cid = mb.cid AND m.seq > mb.delivered_seq
       WHERE mb.client_id = ? AND m.from_client <> ? ORDER BY m.timestamp, m.cid, m.seq`,
    ),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
