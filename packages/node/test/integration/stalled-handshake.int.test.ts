import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Realtime } from '@realtime/node';

// A TCP server that accepts connections and never answers the WebSocket handshake: every connect
// attempt times out while the socket is still CONNECTING, the case where `ws` reports errors late.
let tcp: Server;
const sockets: Socket[] = [];

beforeEach(async () => {
  tcp = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => tcp.close(resolve));
});

it('survives connect timeouts and close() while the handshake is pending', async () => {
  const { port } = tcp.address() as AddressInfo;
  const realtime = new Realtime({
    appId: 'app', server: `ws://127.0.0.1:${port}/`, connectTimeoutMs: 100, reconnect: { baseDelayMs: 20, maxDelayMs: 50 },
  });
  const creating = realtime.createIMClient('stuck');
  const errors: string[] = [];
  // Let several attempts time out mid-handshake; an unhandled ws 'error' would fail the test run.
  await new Promise((resolve) => setTimeout(resolve, 600));
  await realtime.close();
  await creating.catch((error: { code?: string }) => errors.push(String(error.code)));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(errors).toEqual(['CONNECTION_CLOSED']);
  expect(sockets.length).toBeGreaterThanOrEqual(2);
});
