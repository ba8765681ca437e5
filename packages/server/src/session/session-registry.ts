import type { Connection } from './connection';

/**
 * Every connected socket, and the online sessions by client id. A client id may have several
 * sessions at once (multi-device, or a 2.x client whose old socket is still half-open, protocol
 * §8.1.6); each receives every push.
 */
export class SessionRegistry {
  readonly #connections = new Set<Connection>();
  readonly #byClient = new Map<string, Set<Connection>>();

  get connections(): ReadonlySet<Connection> {
    return this.#connections;
  }

  addConnection(connection: Connection): void {
    this.#connections.add(connection);
  }

  removeConnection(connection: Connection): void {
    this.#connections.delete(connection);
    this.endSession(connection);
  }

  openSession(connection: Connection, clientId: string): void {
    connection.clientId = clientId;
    let set = this.#byClient.get(clientId);
    if (!set) this.#byClient.set(clientId, (set = new Set()));
    set.add(connection);
  }

  endSession(connection: Connection): void {
    const clientId = connection.clientId;
    if (clientId === undefined) return;
    const set = this.#byClient.get(clientId);
    set?.delete(connection);
    if (set && set.size === 0) this.#byClient.delete(clientId);
    connection.clientId = undefined;
  }

  sessionsOf(clientId: string): ReadonlySet<Connection> | undefined {
    return this.#byClient.get(clientId);
  }

  isOnline(clientId: string): boolean {
    return this.#byClient.has(clientId);
  }
}
