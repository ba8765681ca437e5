// What 2.4.0 got wrong about reconnecting, fixed behind the same events: after the server goes
// away the app sees `close`, then `reuse`, then `open` once the server is back (core's backoff,
// not a fixed 5 s loop), and the same realtime object keeps working.
import { startServer } from '@realtime/server';
import { ourRealtime } from '../helpers/implementations';
import { routerPath, startTestServer, type RunningServer } from '../helpers/legacy-test-server';
import { Recorder, callback } from '../helpers/observe';

jest.setTimeout(30_000);

let server: RunningServer;
afterEach(async () => {
  await server?.close();
});

it('emits close, reuse, then open after a server restart, and keeps working', async () => {
  server = await startTestServer();
  const port = server.port;
  const realtime = ourRealtime();
  const open = (clientId: string) =>
    new Promise<any>((resolve) => {
      const rt = realtime({ appId: server.appId, clientId, router: routerPath(server.routerUrl) }, () => resolve(rt));
    });
  const alice = await open('alice');
  const events = new Recorder(alice);

  await server.close();
  await events.waitFor('reuse');
  server = await startServer({ port, host: '127.0.0.1', dataDir: ':memory:' });
  await events.waitFor('open', 1, 20_000);
  expect(events.names().filter((name) => name !== 'error')).toEqual(['close', 'reuse', 'open']);
  expect(events.all('close')[0]).toMatchObject({ code: expect.any(Number) });
  expect(events.all('open')[0]).toMatchObject({ cmd: 'session', op: 'opened', peerId: 'alice' });

  const bob = await open('bob');
  const room = await new Promise<any>((done) => alice.conv({ members: ['bob'] }, done));
  const received = new Promise<any>((resolve) => bob.on('message', resolve));
  await callback((done) => room.send('after the restart', done));
  expect(await received).toMatchObject({ cid: room.id, msg: 'after the restart' });
  alice.close();
  bob.close();
});

it('keeps calls made while the server is away and sends them once it is back', async () => {
  server = await startTestServer();
  const port = server.port;
  const realtime = ourRealtime();
  const alice = await new Promise<any>((resolve) => {
    const rt = realtime({ appId: server.appId, clientId: 'alice', router: routerPath(server.routerUrl) }, () => resolve(rt));
  });
  const events = new Recorder(alice);
  await server.close();
  await events.waitFor('reuse');
  // Asked while offline: answered after the reconnect instead of being lost.
  const online = callback<string[]>((done) => alice.ping('alice', done), 'ping', 20_000);
  server = await startServer({ port, host: '127.0.0.1', dataDir: ':memory:' });
  expect(await online).toEqual(['alice']);
  alice.close();
});
