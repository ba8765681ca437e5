import Database from 'better-sqlite3';
import type {
  AckResult,
  ConversationCandidates,
  ConversationDoc,
  ConversationSummary,
  HistoryCursor,
  ImportedMessage,
  NewMessage,
  Storage,
  StoredMessage,
} from './storage';
import { newMessageId } from './ids';
import { sqliteMigrations } from './sqlite-migrations';
import {
  messageParams,
  remember,
  toDoc,
  toMessage,
  uniqueKeyOf,
  uniqueMembers,
  type ConversationRow,
  type MessageRow,
} from './sqlite-rows';
import { StorageClosedError } from './storage-closed-error';
import { DeliveryAcks } from './delivery-acks';

/**
 * How long receivers' acks gather before one commit writes them. A crash loses at most this
 * much of them, and those messages are simply delivered again (at-least-once).
 */
const ackFlushDelayMs = 1000;

export interface SqliteStorageOptions {
  /**
   * `'full'` fsyncs every commit, so an acked message survives a power loss; `'normal'` survives
   * a process crash only and is faster.
   * @default 'full'
   */
  synchronous?: 'full' | 'normal';
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

interface QueuedWrite {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite (better-sqlite3, WAL) implementation of {@link Storage}.
 *
 * Writes on the hot path (appends, acks) are queued and committed together in one transaction
 * per event-loop turn: one fsync for a burst of messages instead of one each. Their promises
 * settle after the commit, so the caller acks a message only once it is durable.
 */
export class SqliteStorage implements Storage {
  readonly #db: Database.Database;
  readonly #now: () => number;
  #queue: QueuedWrite[] = [];
  #isFlushScheduled = false;
  #isClosed = false;
  /** Last seq / timestamp per conversation, so appends need no read. */
  readonly #tails = new Map<string, { seq: number; timestamp: number }>();
  /** Conversation summaries for the send path; dropped whenever membership changes. */
  readonly #summaries = new Map<string, ConversationSummary>();
  readonly #statements;
  readonly #acks = new DeliveryAcks();
  #ackFlushTimer: NodeJS.Timeout | undefined;
  readonly #synchronous: 'FULL' | 'NORMAL';

  /** @param filename a file path, or `':memory:'` for a throwaway database (tests). */
  constructor(filename: string, options: SqliteStorageOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#db = new Database(filename);
    if (filename !== ':memory:') this.#db.pragma('journal_mode = WAL');
    this.#synchronous = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
    this.#db.pragma(`synchronous = ${this.#synchronous}`);
    this.#db.pragma('foreign_keys = ON');
    this.#migrate();
    const db = this.#db;
    this.#statements = {
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

  async createConversation(doc: ConversationDoc): Promise<void> {
    this.#assertOpen();
    this.#flushNow();
    this.#db.transaction(() => {
      this.#statements.insertConversation.run(this.#conversationParams(doc));
      for (const clientId of uniqueMembers(doc)) this.#statements.insertMember.run(doc.objectId, clientId, 0);
    })();
    this.#summaries.delete(doc.objectId);
    this.#acks.forgetConversation(doc.objectId);
  }

  async upsertConversation(doc: ConversationDoc): Promise<void> {
    this.#assertOpen();
    this.#flushNow();
    const cid = doc.objectId;
    this.#db.transaction(() => {
      const existing = this.#statements.getConversation.get(cid);
      const params = this.#conversationParams(doc);
      if (existing) this.#statements.replaceConversation.run(params);
      else this.#statements.insertConversation.run(params);
      const lastSeq = existing?.last_seq ?? 0;
      const wanted = new Set(uniqueMembers(doc));
      for (const { client_id } of this.#statements.members.all(cid)) {
        if (!wanted.delete(client_id)) this.#statements.deleteMember.run(cid, client_id);
      }
      for (const clientId of wanted) this.#statements.insertMember.run(cid, clientId, lastSeq);
    })();
    this.#summaries.delete(cid);
    this.#acks.forgetConversation(cid);
  }

  async getConversation(cid: string): Promise<ConversationDoc | undefined> {
    this.#assertOpen();
    const row = this.#statements.getConversation.get(cid);
    return row && toDoc(row);
  }

  async getConversationSummary(cid: string): Promise<ConversationSummary | undefined> {
    this.#assertOpen();
    const cached = this.#summaries.get(cid);
    if (cached) return cached;
    const row = this.#statements.getConversation.get(cid);
    if (!row) return undefined;
    const summary: ConversationSummary = {
      objectId: cid,
      isTransient: row.is_transient === 1,
      isSystem: row.is_system === 1,
      members: this.#statements.members.all(cid).map((r) => r.client_id),
    };
    remember(this.#summaries, cid, summary);
    return summary;
  }

  cachedConversationSummary(cid: string): ConversationSummary | undefined {
    return this.#summaries.get(cid);
  }

  async findUniqueConversation(members: readonly string[]): Promise<ConversationDoc | undefined> {
    this.#assertOpen();
    const row = this.#statements.findUnique.get(uniqueKeyOf(members));
    return row && toDoc(row);
  }

  async updateConversation(
    cid: string,
    fields: Record<string, unknown>,
    updatedAt: string,
  ): Promise<ConversationDoc | undefined> {
    this.#assertOpen();
    const row = this.#statements.getConversation.get(cid);
    if (!row) return undefined;
    const doc = { ...(JSON.parse(row.doc) as ConversationDoc), ...fields, updatedAt };
    delete doc.lm;
    this.#statements.setDoc.run(JSON.stringify(doc), doc.unique && !doc.tr ? uniqueKeyOf(doc.m ?? []) : null, cid);
    this.#summaries.delete(cid);
    this.#acks.forgetConversation(cid);
    return toDoc({ ...row, doc: JSON.stringify(doc) });
  }

  async addMembers(cid: string, clientIds: readonly string[], updatedAt: string): Promise<string[] | undefined> {
    return this.#changeMembers(cid, updatedAt, (members, lastSeq) => {
      for (const clientId of clientIds) {
        if (members.includes(clientId)) continue;
        members.push(clientId);
        this.#statements.insertMember.run(cid, clientId, lastSeq);
      }
    });
  }

  async removeMembers(cid: string, clientIds: readonly string[], updatedAt: string): Promise<string[] | undefined> {
    return this.#changeMembers(cid, updatedAt, (members) => {
      for (const clientId of clientIds) {
        const index = members.indexOf(clientId);
        if (index === -1) continue;
        members.splice(index, 1);
        this.#statements.deleteMember.run(cid, clientId);
      }
    });
  }

  async findConversations(candidates: ConversationCandidates): Promise<ConversationDoc[]> {
    this.#assertOpen();
    let rows: ConversationRow[];
    if (candidates.ids) {
      rows = [];
      for (const id of new Set(candidates.ids)) {
        const row = this.#statements.getConversation.get(id);
        if (row) rows.push(row);
      }
    } else if (candidates.withMembers && candidates.withMembers.length > 0) {
      const [first, ...rest] = candidates.withMembers;
      rows = this.#statements.conversationsWithMember.all(first);
      for (const other of rest) {
        const allowed = new Set(this.#statements.conversationsWithMember.all(other).map((r) => r.id));
        rows = rows.filter((r) => allowed.has(r.id));
      }
    } else {
      rows = this.#statements.allConversations.all();
    }
    if (candidates.ids && candidates.withMembers) {
      const required = candidates.withMembers;
      return rows.map(toDoc).filter((doc) => required.every((id) => doc.m?.includes(id)));
    }
    return rows.map(toDoc);
  }

  async getLastMessage(cid: string): Promise<StoredMessage | undefined> {
    this.#assertOpen();
    const row = this.#statements.lastMessage.get(cid);
    return row && toMessage(row);
  }

  appendMessage(cid: string, message: NewMessage): Promise<StoredMessage> {
    return this.#enqueue(() => {
      const tail = this.#tailOf(cid);
      // Timestamps never go backwards within a conversation, so (timestamp, seq) and seq agree.
      const timestamp = Math.max(this.#now(), tail.timestamp);
      const stored: StoredMessage = {
        id: newMessageId(),
        cid,
        from: message.from,
        data: message.data,
        timestamp,
        seq: tail.seq + 1,
        wantsReceipt: message.wantsReceipt,
      };
      this.#statements.insertMessage.run(messageParams(stored));
      this.#statements.setTail.run(stored.seq, timestamp, cid);
      tail.seq = stored.seq;
      tail.timestamp = timestamp;
      this.#acks.rememberAppended(stored);
      return stored;
    });
  }

  async insertMessages(cid: string, messages: readonly ImportedMessage[]): Promise<number> {
    this.#assertOpen();
    this.#flushNow();
    if (!this.#statements.getConversation.get(cid)) {
      throw new Error(`Conversation ${cid} does not exist: upsert it before its messages`);
    }
    const sorted = [...messages].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const insertedCount = this.#db.transaction(() => {
      const tail = this.#tailOf(cid);
      const previousSeq = tail.seq;
      let inserted = 0;
      for (const message of sorted) {
        if (this.#statements.hasMessageId.get(message.id)) continue;
        tail.seq += 1;
        inserted += 1;
        this.#statements.insertMessage.run(
          messageParams({ ...message, cid, seq: tail.seq, wantsReceipt: message.wantsReceipt ?? false }),
        );
        tail.timestamp = Math.max(tail.timestamp, message.timestamp);
      }
      if (inserted > 0) {
        this.#statements.setTail.run(tail.seq, tail.timestamp, cid);
        // Imported history is not news: members that had seen everything stay caught up.
        this.#statements.advanceCaughtUpMembers.run(tail.seq, cid, previousSeq);
      }
      return inserted;
    })();
    // Imports move members' cursors in the table (advanceCaughtUpMembers).
    this.#acks.forgetConversation(cid);
    return insertedCount;
  }

  async getHistory(cid: string, limit: number, cursor?: HistoryCursor): Promise<StoredMessage[]> {
    this.#assertOpen();
    this.#flushNow(); // history shows ackAt, which pending acks may set
    let rows: MessageRow[];
    if (!cursor) {
      rows = this.#statements.historyNewest.all(cid, limit);
    } else {
      const anchor = cursor.beforeId ? this.#statements.messageById.get(cid, cursor.beforeId) : undefined;
      // Without a usable message id, everything at exactly `t` counts as not older.
      const beforeSeq = anchor && anchor.timestamp === cursor.beforeTimestamp ? anchor.seq : 0;
      rows = this.#statements.historyBefore.all(cid, cursor.beforeTimestamp, cursor.beforeTimestamp, beforeSeq, limit);
    }
    return rows.reverse().map(toMessage);
  }

  acknowledge(clientId: string, cid: string, mid: string, ackAt: number): Promise<AckResult | undefined> {
    try {
      return Promise.resolve(this.acknowledgeNow(clientId, cid, mid, ackAt));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  acknowledgeNow(clientId: string, cid: string, mid: string, ackAt: number): AckResult | undefined {
    this.#assertOpen();
    // Answered from memory; the writes are queued in DeliveryAcks (see there for why that is safe).
    let message = this.#acks.recentMessage(cid, mid);
    if (!message) {
      const row = this.#statements.messageById.get(cid, mid);
      if (!row) return undefined;
      message = toMessage(row);
    }
    const cursor = this.#acks.cursorOf(cid, clientId, () => this.#statements.memberCursor.get(cid, clientId)?.delivered_seq);
    if (cursor === undefined) return undefined;
    const isFirstAck = cursor.seq < message.seq;
    if (isFirstAck) this.#acks.advance(cursor, message.seq);
    // The sender's other devices ack the copy they get; that is not a delivery to a receiver.
    if (message.ackAt === undefined && message.from !== clientId) {
      message.ackAt = ackAt;
      this.#acks.recordFirstAck(cid, message.seq, ackAt);
    }
    if (this.#acks.hasPending && !this.#ackFlushTimer) {
      this.#ackFlushTimer = setTimeout(() => this.#flushNow(), ackFlushDelayMs);
      this.#ackFlushTimer.unref();
    }
    return { message, isFirstAck };
  }

  async getUndelivered(clientId: string): Promise<StoredMessage[]> {
    this.#assertOpen();
    this.#flushNow(); // the query reads the cursors, so pending acks go in first
    return this.#statements.undelivered.all(clientId, clientId).map(toMessage);
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#flushNow();
    this.#isClosed = true;
    this.#db.close();
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > sqliteMigrations.length) {
      throw new Error(
        `Database schema version ${version} is newer than this server (${sqliteMigrations.length}); upgrade the server`,
      );
    }
    for (let next = version; next < sqliteMigrations.length; next++) {
      this.#db.transaction(() => {
        this.#db.exec(sqliteMigrations[next]);
        this.#db.pragma(`user_version = ${next + 1}`);
      })();
    }
  }

  #changeMembers(
    cid: string,
    updatedAt: string,
    change: (members: string[], lastSeq: number) => void,
  ): Promise<string[] | undefined> {
    this.#assertOpen();
    this.#flushNow();
    const result = this.#db.transaction(() => {
      const row = this.#statements.getConversation.get(cid);
      if (!row) return undefined;
      const doc = JSON.parse(row.doc) as ConversationDoc;
      const members = [...(doc.m ?? [])];
      change(members, row.last_seq);
      doc.m = members;
      doc.updatedAt = updatedAt;
      this.#statements.setDoc.run(JSON.stringify(doc), doc.unique && !doc.tr ? uniqueKeyOf(members) : null, cid);
      return members;
    })();
    this.#summaries.delete(cid);
    this.#acks.forgetConversation(cid);
    return Promise.resolve(result);
  }

  #tailOf(cid: string): { seq: number; timestamp: number } {
    let tail = this.#tails.get(cid);
    if (!tail) {
      const row = this.#statements.lastMessage.get(cid);
      tail = { seq: row?.seq ?? 0, timestamp: row?.timestamp ?? 0 };
      remember(this.#tails, cid, tail);
    }
    return tail;
  }

  #conversationParams(doc: ConversationDoc) {
    const { lm, ...rest } = doc;
    const lmMs = lm && typeof lm === 'object' && typeof lm.iso === 'string' ? Date.parse(lm.iso) : null;
    return {
      id: doc.objectId,
      doc: JSON.stringify(rest),
      isTransient: doc.tr ? 1 : 0,
      isSystem: doc.sys ? 1 : 0,
      uniqueKey: doc.unique && !doc.tr ? uniqueKeyOf(doc.m ?? []) : null,
      lmMs: Number.isFinite(lmMs) ? lmMs : null,
    };
  }

  #enqueue<T>(run: () => T): Promise<T> {
    if (this.#isClosed) return Promise.reject(new StorageClosedError());
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#isFlushScheduled) {
        this.#isFlushScheduled = true;
        setImmediate(() => this.#flushNow({ withAcks: false }));
      }
    });
  }

  /** Commits queued writes in one transaction, then settles their promises. */
  #flushNow({ withAcks = true } = {}): void {
    this.#isFlushScheduled = false;
    if (withAcks) {
      clearTimeout(this.#ackFlushTimer);
      this.#ackFlushTimer = undefined;
    }
    if ((this.#queue.length === 0 && !(withAcks && this.#acks.hasPending)) || this.#isClosed) return;
    const batch = this.#queue;
    this.#queue = [];
    // Ack writes wait for their timer, so a member's many acks coalesce into one UPDATE, unless a
    // caller needs the table current (catch-up, membership changes, close).
    const acks = withAcks ? this.#acks.takePending() : { cursors: [], ackAts: [] };
    const results: unknown[] = [];
    // A commit of ack writes alone skips the fsync: nothing waits on it, and the next commit of a
    // message fsyncs the log with these pages in it (WAL keeps commits in order).
    const isAcksOnly = batch.length === 0 && this.#synchronous === 'FULL';
    try {
      if (isAcksOnly) this.#db.pragma('synchronous = NORMAL');
      this.#db.transaction(() => {
        for (const write of batch) results.push(write.run());
        for (const { cid, clientId, seq } of acks.cursors) this.#statements.advanceCursor.run(seq, cid, clientId, seq);
        for (const { cid, seq, ackAt } of acks.ackAts) this.#statements.setAckAt.run(ackAt, cid, seq);
      })();
    } catch (error) {
      // The whole batch rolled back; forget cached tails that may have advanced inside it.
      this.#tails.clear();
      for (const write of batch) write.reject(error);
      return;
    } finally {
      if (isAcksOnly) this.#db.pragma('synchronous = FULL');
    }
    batch.forEach((write, index) => write.resolve(results[index]));
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new StorageClosedError();
  }
}

