import type { StoredMessage } from './storage';

/** A member's delivery cursor as cached here; `isPending` while its write is not committed. */
export interface CursorEntry {
  readonly cid: string;
  readonly clientId: string;
  seq: number;
  isPending: boolean;
}

/** A message's first `ackAt` that has not been committed yet. */
export interface PendingAckAt {
  cid: string;
  seq: number;
  ackAt: number;
}

/**
 * Receiver acks (protocol §2.8) held in memory and written lazily.
 *
 * They are the most frequent write by far (one per delivery, where a send is one per message),
 * yet nothing waits on their durability: no reply goes back to the receiver, and a cursor
 * update lost in a crash only means a message is delivered again (at-least-once; clients
 * de-duplicate by id). So cursors are answered from memory, and their writes are coalesced —
 * one UPDATE per member per commit however many messages it acked — and ride along with the
 * next commit of appended messages (or a short timer when nothing else commits).
 */
export class DeliveryAcks {
  /** cid → clientId → cursor, loaded from storage on first use. */
  readonly #cursors = new Map<string, Map<string, CursorEntry>>();
  /** Entries, not string keys: an ack then costs no string building or hashing. */
  #pendingCursors: CursorEntry[] = [];
  #pendingAckAts: PendingAckAt[] = [];
  /** Recently appended messages by id, so acking a live delivery needs no read. */
  readonly #recent = new Map<string, StoredMessage>();

  constructor(private readonly maxRecentMessages = 8192) {}

  get hasPending(): boolean {
    return this.#pendingCursors.length > 0 || this.#pendingAckAts.length > 0;
  }

  rememberAppended(message: StoredMessage): void {
    if (this.#recent.size >= this.maxRecentMessages) this.#recent.delete(this.#recent.keys().next().value as string);
    this.#recent.set(message.id, message);
  }

  recentMessage(cid: string, mid: string): StoredMessage | undefined {
    const message = this.#recent.get(mid);
    return message && message.cid === cid ? message : undefined;
  }

  /** The member's cursor, or `undefined` when the client is not a member. */
  cursorOf(cid: string, clientId: string, load: () => number | undefined): CursorEntry | undefined {
    let members = this.#cursors.get(cid);
    let entry = members?.get(clientId);
    if (entry) return entry;
    const seq = load();
    if (seq === undefined) return undefined;
    if (!members) this.#cursors.set(cid, (members = new Map()));
    entry = { cid, clientId, seq, isPending: false };
    members.set(clientId, entry);
    return entry;
  }

  /** Moves a cursor forward (callers check it is forward) and queues its write. */
  advance(entry: CursorEntry, seq: number): void {
    entry.seq = seq;
    if (!entry.isPending) {
      entry.isPending = true;
      this.#pendingCursors.push(entry);
    }
  }

  recordFirstAck(cid: string, seq: number, ackAt: number): void {
    this.#pendingAckAts.push({ cid, seq, ackAt });
  }

  /** Hands over the pending writes; the caller commits them synchronously (seq is read then). */
  takePending(): { cursors: readonly CursorEntry[]; ackAts: readonly PendingAckAt[] } {
    const taken = { cursors: this.#pendingCursors, ackAts: this.#pendingAckAts };
    for (const entry of taken.cursors) entry.isPending = false;
    this.#pendingCursors = [];
    this.#pendingAckAts = [];
    return taken;
  }

  /** Drops cached cursors of a conversation whose members changed in storage (flush first). */
  forgetConversation(cid: string): void {
    this.#cursors.delete(cid);
  }
}
