import type { Connection } from './connection';

/**
 * Who is present in each transient conversation (chat room). Presence is per session, not
 * persisted: joining makes a session present, disconnecting removes it, and a session is in
 * at most one room (protocol §2.4: joining another leaves the previous).
 */
export class TransientRooms {
  readonly #participants = new Map<string, Set<Connection>>();
  /** Per client id: the room its last session was in and when it left, for the 30 min re-join. */
  readonly #recent = new Map<string, { cid: string; leftAtMs: number }>();

  join(connection: Connection, cid: string): void {
    if (connection.transientCid === cid) return;
    this.leave(connection);
    let set = this.#participants.get(cid);
    if (!set) this.#participants.set(cid, (set = new Set()));
    set.add(connection);
    connection.transientCid = cid;
  }

  /** Leaves the session's room. `atMs` marks a disconnect, remembered for the re-join window. */
  leave(connection: Connection, atMs?: number): void {
    const cid = connection.transientCid;
    if (cid === undefined) return;
    connection.transientCid = undefined;
    const set = this.#participants.get(cid);
    set?.delete(connection);
    if (set && set.size === 0) this.#participants.delete(cid);
    if (atMs !== undefined && connection.clientId !== undefined) {
      this.#recent.set(connection.clientId, { cid, leftAtMs: atMs });
    } else if (connection.clientId !== undefined) {
      this.#recent.delete(connection.clientId);
    }
  }

  participants(cid: string): ReadonlySet<Connection> {
    return this.#participants.get(cid) ?? emptySet;
  }

  /** Distinct client ids present (several sessions of one client count once). */
  countClients(cid: string): number {
    const ids = new Set<string>();
    for (const connection of this.participants(cid)) if (connection.clientId) ids.add(connection.clientId);
    return ids.size;
  }

  /** Forgets departures older than the re-join window, so clients that never return cost nothing. */
  pruneRecent(nowMs: number, windowMs: number): void {
    for (const [clientId, recent] of this.#recent) {
      if (nowMs - recent.leftAtMs > windowMs) this.#recent.delete(clientId);
    }
  }

  /** The room to put a newly logged-in client back into, if it left one within `windowMs`. */
  takeRecent(clientId: string, nowMs: number, windowMs: number): string | undefined {
    const recent = this.#recent.get(clientId);
    if (!recent) return undefined;
    this.#recent.delete(clientId);
    return nowMs - recent.leftAtMs <= windowMs ? recent.cid : undefined;
  }
}

const emptySet: ReadonlySet<Connection> = new Set();
