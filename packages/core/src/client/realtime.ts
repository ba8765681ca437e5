import { Connection } from '../connection/connection';
import { validateConnectionOptions, type ConnectionOptions, type SessionSignatureFactory } from '../connection/connection-options';
import type { ConversationSignatureFactory } from '../conversation/conversation';
import { MessageRegistry, type MessageClass } from '../message/message-registry';
import { IMClient } from './im-client';

/** Options shared by every client of a `Realtime`: everything of the session layer except the client id. */
export type RealtimeOptions = Omit<ConnectionOptions, 'clientId' | 'signatureFactory'>;

export interface CreateIMClientOptions {
  /** Login signature, asked for on every (re)connect. */
  signatureFactory?: SessionSignatureFactory;
  /** Signature for create/invite/kick. */
  conversationSignatureFactory?: ConversationSignatureFactory;
}

/**
 * Entry point of the promise API: `new Realtime({ appId, server | router, transport })`.
 * `@realtime/browser` and `@realtime/node` export a `Realtime` with the transport filled in.
 */
export class Realtime {
  readonly options: RealtimeOptions;
  #registry = new MessageRegistry();
  #clients = new Set<IMClient>();

  constructor(options: RealtimeOptions) {
    validateConnectionOptions(options);
    this.options = { ...options };
  }

  /** Makes incoming bodies with `cls.type` decode to `cls` (for app-defined message types). */
  register(cls: MessageClass | MessageClass[]): void {
    for (const one of [cls].flat()) this.#registry.register(one);
  }

  /**
   * Logs `clientId` in and resolves once the session is open. Network failures are retried with
   * backoff; it rejects only on a fatal cause (bad app, refused signature, invalid client id).
   */
  async createIMClient(clientId: string, { signatureFactory, conversationSignatureFactory }: CreateIMClientOptions = {}): Promise<IMClient> {
    const connection = new Connection({ ...this.options, clientId, signatureFactory });
    const client = new IMClient(connection, this.#registry, conversationSignatureFactory);
    this.#clients.add(client);
    client.once('close', () => this.#clients.delete(client));
    await connection.connect().catch(async (error: unknown) => {
      await connection.close();
      throw error;
    });
    // On the next task: the caller's code right after `await createIMClient()` attaches its listeners first.
    setTimeout(() => client.releaseHeldPushes(), 0);
    return client;
  }

  /** Skips any backoff wait in every client (platform packages call this on `online`). */
  retry(): void {
    for (const client of this.#clients) client.connection.retryNow();
  }

  /** Drops every client's socket; they reconnect with backoff (platform packages call this on `offline`). */
  dropConnections(): void {
    for (const client of this.#clients) client.connection.dropConnection();
  }

  /** Closes every client. */
  async close(): Promise<void> {
    await Promise.all([...this.#clients].map((client) => client.close()));
  }
}
