import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/index';

/**
 * The real `@realtime/server` on an ephemeral port with its own data directory, which
 * survives `restart()` (same port, same files) and is removed by `close()`.
 */
export class TestServer {
  #isRunning = true;

  private constructor(
    public running: RunningServer,
    readonly dataDir: string,
    readonly options: ServerOptions,
  ) {}

  static async start(options: Partial<ServerOptions> = {}): Promise<TestServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'realtime-official-'));
    const serverOptions = { port: 0, host: '127.0.0.1', dataDir, ...options } as ServerOptions;
    return new TestServer(await startServer(serverOptions), dataDir, serverOptions);
  }

  /** What `OfficialClient.open` needs to reach this server. */
  get endpoint(): { routerUrl: string; appId: string } {
    return { routerUrl: routerPath(this.running.routerUrl), appId: this.running.appId };
  }

  get appId(): string {
    return this.running.appId;
  }

  get masterKey(): string {
    return this.running.masterKey;
  }

  /** Stops the server and starts it again on the same port and data directory. */
  async restart(): Promise<void> {
    const port = this.running.port;
    await this.stop();
    this.running = await startServer({ ...this.options, port });
    this.#isRunning = true;
  }

  async stop(): Promise<void> {
    if (!this.#isRunning) return;
    this.#isRunning = false;
    await this.running.close();
  }

  async close(): Promise<void> {
    try {
      await this.stop();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/** `routerUrl` may name the router's origin or its `/v1/route` path; 2.4.0 needs the path. */
function routerPath(routerUrl: string): string {
  const url = new URL(routerUrl);
  if (!url.pathname.endsWith('/v1/route')) url.pathname = url.pathname.replace(/\/$/, '') + '/v1/route';
  url.search = '';
  return url.toString();
}
