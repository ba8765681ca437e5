import { startServer, type RunningServer, type ServerOptions } from '../../src/index';
import { WsClient } from './ws-client';

/** A server on port 0 with an in-memory database, and clients that are all closed afterwards. */
export class TestServer {
  readonly clients: WsClient[] = [];
  private constructor(readonly server: RunningServer) {}

  static async start(options: ServerOptions = {}): Promise<TestServer> {
    return new TestServer(await startServer({ port: 0, host: '127.0.0.1', ...options }));
  }

  async open(clientId: string, extra = {}): Promise<WsClient> {
    const client = await WsClient.open(this.server.wsUrl, this.server.appId, clientId, extra);
    this.clients.push(client);
    return client;
  }

  async connect(): Promise<WsClient> {
    const client = await WsClient.connect(this.server.wsUrl);
    this.clients.push(client);
    return client;
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await this.server.close();
  }
}
