import { OfficialClient, type OfficialClientOptions } from './official-client';
import { TestServer } from './test-server';

type ServerOptions = Parameters<typeof TestServer.start>[0];
type ClientExtras = Partial<Omit<OfficialClientOptions, 'clientId'>>;

export interface TestServerFixture {
  readonly server: TestServer;
  /** Opens an official 2.4.0 client against the current server. */
  open(clientId: string, extras?: ClientExtras): Promise<OfficialClient>;
  /** Starts one without waiting for its session (for refused logins). */
  start(clientId: string, extras?: ClientExtras): OfficialClient;
}

/**
 * Registers `beforeEach`/`afterEach` that give each test its own server on port 0 (and its
 * own data directory), and dispose every official client the test left behind.
 */
export function useTestServer(options?: ServerOptions): TestServerFixture {
  let current: TestServer | undefined;
  beforeEach(async () => {
    current = await TestServer.start(options);
  });
  afterEach(async () => {
    OfficialClient.disposeAll();
    await current?.close();
    current = undefined;
  });
  const server = (): TestServer => {
    if (!current) throw new Error('useTestServer: no server outside a test');
    return current;
  };
  return {
    get server() {
      return server();
    },
    open: (clientId, extras) => OfficialClient.open({ ...server().endpoint, clientId, ...extras }),
    start: (clientId, extras) => OfficialClient.start({ ...server().endpoint, clientId, ...extras }),
  };
}
