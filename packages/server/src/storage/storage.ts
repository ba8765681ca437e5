/**
 * The storage seam. Everything the server persists goes through this interface, so a
 * networked backend (PostgreSQL) can replace SQLite later. Every method is async even though
 * the SQLite implementation is synchronous underneath.
 *
 * Vocabulary (see docs/protocol.md):
 * - a conversation is an open JSON document (§2.13, `_Conversation`): known keys below plus any
 *   other top-level keys the app or an import wrote;
 * - a message belongs to one conversation and has a stable 22-character id (§1.4), a server
 *   timestamp in ms and a per-conversation sequence number `seq` (1, 2, 3, … in insertion order);
 * - a member's delivery cursor is the highest `seq` of that conversation it has acknowledged
 *   (or that predates its joining). Offline catch-up = every message after the cursor.
 */

/** A LeanCloud storage Date as it appears in `_Conversation` JSON (`lm`). */
export interface StorageDate {
  __type: 'Date';
  iso: string;
}

/** The `_Conversation` document, protocol §2.13. Unknown top-level keys are kept verbatim. */
export interface ConversationDoc {
  /** 24 lowercase hex characters. */
  objectId: string;
  name?: string;
  attr?: Record<string, unknown>;
  /** Creator's client id. */
  c?: string;
  /** Members of a normal conversation; `[]` for a transient one. */
  m?: string[];
  /** Members who muted the conversation. */
  mu?: string[];
  /** Transient conversation (chat room). */
  tr?: boolean;
  /** System conversation. */
  sys?: boolean;
  /** Created with `unique: true`. */
  unique?: boolean;
  /** Time of the last stored message. */
  lm?: StorageDate;
  /** ISO-8601 strings, as in LeanCloud exports. */
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** Fields of a conversation that the hot path (send, fan-out) needs, without the whole document. */
export interface ConversationSummary {
  objectId: string;
  isTransient: boolean;
  isSystem: boolean;
  members: readonly string[];
}

/** A message as stored in history. */
export interface StoredMessage {
  /** 22-character id (base64url alphabet for ids we create; imported ids are kept as given). */
  id: string;
  cid: string;
  /** Sender's client id. */
  from: string;
  /** Body, an opaque string (protocol §5). */
  data: string;
  /** Server timestamp, ms since the epoch. */
  timestamp: number;
  /** Position within the conversation, starting at 1. */
  seq: number;
  /** Whether the sender asked for a delivery receipt (`r`). */
  wantsReceipt: boolean;
  /** When a receiver first acknowledged it, ms. */
  ackAt?: number;
}

/** A new message to append. The storage assigns `id` (unless given), `timestamp` and `seq`. */
export interface NewMessage {
  from: string;
  data: string;
  wantsReceipt: boolean;
}

/** A message to import with its original identity. `seq` is assigned by the storage. */
export interface ImportedMessage {
  id: string;
  from: string;
  data: string;
  timestamp: number;
  ackAt?: number;
  wantsReceipt?: boolean;
}

/** Exclusive upper bound for history paging (protocol §2.10 `t` + `mid`). */
export interface HistoryCursor {
  /** Messages strictly older than this time, ms. */
  beforeTimestamp: number;
  /** With the same timestamp, only messages stored before this id are older. */
  beforeId?: string;
}

/** Which conversations a query may possibly match; the caller applies the full `where`. */
export interface ConversationCandidates {
  /** Only conversations whose members include all of these client ids. */
  withMembers?: string[];
  /** Only conversations with one of these ids. */
  ids?: string[];
}

/** What an acknowledgement changed, so the server can send a receipt. */
export interface AckResult {
  message: StoredMessage;
  /** True when this ack moved the cursor (first acknowledgement by this client). */
  isFirstAck: boolean;
}

export interface Storage {
  /**
   * Creates a conversation. `doc.objectId`, `createdAt` and `updatedAt` are required. Members
   * (`doc.m`) start with a delivery cursor at the conversation's current end, so they receive
   * messages from now on. Rejects if the id exists.
   */
  createConversation(doc: ConversationDoc): Promise<void>;

  /**
   * Inserts or replaces a conversation keeping its `objectId` (for imports). Members that are new
   * to it get a cursor at the conversation's current end; members no longer in `m` lose theirs.
   * Idempotent: upserting the same document twice leaves one conversation.
   */
  upsertConversation(doc: ConversationDoc): Promise<void>;

  /** The whole document, or `undefined`. */
  getConversation(cid: string): Promise<ConversationDoc | undefined>;

  /** The fields the send path needs; served from a cache where possible. */
  getConversationSummary(cid: string): Promise<ConversationSummary | undefined>;

  /**
   * The summary if it is cached, without touching the database; `undefined` otherwise (ask
   * {@link getConversationSummary}). Lets the receiver-ack fast path stay synchronous.
   */
  cachedConversationSummary(cid: string): ConversationSummary | undefined;

  /** The unique (`unique: true`, not transient) conversation whose member set is exactly `members`. */
  findUniqueConversation(members: readonly string[]): Promise<ConversationDoc | undefined>;

  /**
   * Shallow-merges `fields` into the document's top level and sets `updatedAt`. Does not touch
   * membership: use `addMembers` / `removeMembers`. Returns the new document, or `undefined`.
   */
  updateConversation(cid: string, fields: Record<string, unknown>, updatedAt: string): Promise<ConversationDoc | undefined>;

  /**
   * Adds client ids to `m` (no duplicates). New members get a cursor at the current end.
   * Returns the members after the change, or `undefined` if the conversation does not exist.
   */
  addMembers(cid: string, clientIds: readonly string[], updatedAt: string): Promise<string[] | undefined>;

  /** Removes client ids from `m` and drops their cursors. Returns the members after the change. */
  removeMembers(cid: string, clientIds: readonly string[], updatedAt: string): Promise<string[] | undefined>;

  /** Conversations that may match (narrowed by the candidates' indexes), in no particular order. */
  findConversations(candidates: ConversationCandidates): Promise<ConversationDoc[]>;

  /** The newest message of each conversation (for `conv query` flag 2). */
  getLastMessage(cid: string): Promise<StoredMessage | undefined>;

  /**
   * Appends a message: assigns id, timestamp (`now`) and the next `seq`, updates `lm`.
   * Resolves only once the message is durable (committed).
   */
  appendMessage(cid: string, message: NewMessage): Promise<StoredMessage>;

  /**
   * Imports messages keeping their ids, senders and times. Ids already stored are ignored.
   * New ones get `seq` in (timestamp, id) order after the existing ones, and count as already
   * delivered to the current members (imports are history, not news). Returns how many were new.
   */
  insertMessages(cid: string, messages: readonly ImportedMessage[]): Promise<number>;

  /** Up to `limit` newest messages before `cursor` (or all), returned oldest first. */
  getHistory(cid: string, limit: number, cursor?: HistoryCursor): Promise<StoredMessage[]>;

  /**
   * Records that `clientId` received message `mid`: moves its cursor forward to that message's
   * `seq` (never backwards) and sets `ackAt` on the first acknowledgement by someone other than
   * the sender. `undefined` when the message does not exist in `cid` or the client is not a member.
   */
  acknowledge(clientId: string, cid: string, mid: string, ackAt: number): Promise<AckResult | undefined>;

  /** {@link acknowledge}, synchronously: for the receiver-ack fast path (no promise per delivery). */
  acknowledgeNow(clientId: string, cid: string, mid: string, ackAt: number): AckResult | undefined;

  /**
   * Every message the client missed in every conversation it is a member of: `seq` after its
   * cursor, not sent by itself, ordered by conversation then `seq`. Does not move cursors (only
   * acknowledgements do), so an unacknowledged message is delivered again next time.
   */
  getUndelivered(clientId: string): Promise<StoredMessage[]>;

  /** Commits anything pending and closes. Further calls reject. */
  close(): Promise<void>;
}
