// The same single file an old page loads with <script> also works with CommonJS require():
// it returns the realtime function (2.4.0's `module.exports = realtime`) and defines no global.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ws8 } from '../helpers/implementations';
import { routerPath, startTestServer, type RunningServer } from '../helpers/legacy-test-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBundle } = require('../../scripts/bundle.cjs');

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'realtime-legacy-require-'));
  writeFileSync(join(dir, 'AV.realtime.min.js'), (await buildBundle(true)).code);
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('require() gives the realtime function, which chats once given a WebSocket class', async () => {
  const realtime = require(join(dir, 'AV.realtime.min.js'));
  expect(typeof realtime).toBe('function');
  expect(realtime.realtime).toBe(realtime);
  expect(realtime.version).toBe('0.1.0');
  expect((globalThis as any).AV).toBeUndefined();

  // Node 20 has no global WebSocket: exactly the 2.2+ way, realtime.config({ WebSocket }).
  realtime.config({ WebSocket: ws8, router: routerPath(server.routerUrl) });
  const open = (clientId: string) =>
    new Promise<any>((resolve) => {
      const rt = realtime({ appId: server.appId, clientId }, () => resolve(rt));
    });
  const alice = await open('alice');
  const bob = await open('bob');
  const received = new Promise<any>((resolve) => bob.on('message', resolve));
  const room = await new Promise<any>((resolve) => alice.conv({ members: ['bob'] }, resolve));
  await new Promise((resolve) => room.send({ hello: 'from the bundle' }, resolve));
  expect(await received).toMatchObject({ cid: room.id, fromPeerId: 'alice', msg: { hello: 'from the bundle' } });
  alice.close();
  bob.close();
});

it('reports a missing WebSocket through the error event instead of throwing', async () => {
  const isolated = mkdtempSync(join(tmpdir(), 'realtime-legacy-require-'));
  try {
    writeFileSync(join(isolated, 'b.js'), (await buildBundle(false)).code);
    const realtime = require(join(isolated, 'b.js'));
    realtime.config({ router: routerPath(server.routerUrl) });
    const errors: unknown[] = [];
    const closed = new Promise((resolve) => {
      const rt = realtime({ appId: server.appId, clientId: 'nows' });
      rt.on('error', (error: unknown) => errors.push(error)).on('close', resolve);
    });
    await closed;
    expect(String((errors[0] as any)?.cause?.message ?? (errors[0] as any)?.message)).toMatch(/WebSocket/);
  } finally {
    rmSync(isolated, { recursive: true, force: true });
  }
});
