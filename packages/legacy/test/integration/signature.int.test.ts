// The `auth` option (and `authFun`, the document's name for it) against a server that requires
// signatures: login, create, invite and kick are signed with the 2.x parameters; a self-leave
// is not signed and still accepted.
import { ourRealtime } from '../helpers/implementations';
import { appSigner } from '../helpers/app-signer';
import { routerPath, startTestServer, type RunningServer } from '../helpers/legacy-test-server';
import { Recorder, callback, pause } from '../helpers/observe';

let server: RunningServer;
beforeEach(async () => {
  server = await startTestServer({ requireSignature: true });
});
afterEach(async () => {
  await server.close();
});

function open(clientId: string, options: Record<string, unknown>) {
  const realtime = ourRealtime();
  return new Promise<any>((resolve) => {
    const rt = realtime({ appId: server.appId, clientId, router: routerPath(server.routerUrl), ...options }, () => resolve(rt));
  });
}

it('signs every operation that needs it, with a callback-style authFun', async () => {
  const signer = appSigner(server);
  const asked: unknown[] = [];
  const authFun = (params: any, done: (result: unknown) => void) => {
    asked.push(params);
    setTimeout(() => done(signer(params)), 5); // an app asks its own server: answers come later
  };
  const alice = await open('alice', { authFun });
  const events = new Recorder(alice);
  const room = await new Promise<any>((done) => alice.conv({ members: ['bob'] }, done));
  await callback((done) => room.add(['carol'], done));
  await callback((done) => room.remove('bob', done));
  await callback((done) => room.leave(done));
  await pause(50);
  expect(events.all('error')).toEqual([]);
  expect(asked).toEqual([
    { clientId: 'alice' },
    { clientId: 'alice', members: ['bob'] },
    { clientId: 'alice', members: ['carol'], action: 'invite', convId: room.id },
    { clientId: 'alice', members: ['bob'], action: 'kick', convId: room.id },
  ]);
  alice.close();
});

it('accepts an auth function that returns a promise', async () => {
  const signer = appSigner(server);
  const alice = await open('alice', { auth: async (params: any) => signer(params) });
  const room = await new Promise<any>((done) => alice.conv({ members: ['bob'] }, done));
  expect(room.id).toMatch(/^[0-9a-f]{24}$/);
  alice.close();
});

it('reports a login the server refuses (a wrong signature) through error, then close', async () => {
  const realtime = ourRealtime();
  const rt = realtime({
    appId: server.appId,
    clientId: 'mallory',
    router: routerPath(server.routerUrl),
    auth: (params: any, done: (result: unknown) => void) => done({ ...appSigner(server)(params), signature: 'forged' }),
  } as never);
  const events = new Recorder(rt);
  await events.waitFor('close', 1, 10_000);
  // As 2.x apps read errors: the server's frame (`session closed` with code 4102).
  expect(events.all('error')[0]).toMatchObject({ cmd: 'session', op: 'closed', code: 4102 });
  expect(events.all('open')).toEqual([]);
});

it('reports an auth function that will not sign the login, and keeps trying', async () => {
  const realtime = ourRealtime();
  let attempts = 0;
  const rt = realtime({
    appId: server.appId,
    clientId: 'alice',
    router: routerPath(server.routerUrl),
    auth: (_params: any, done: (result: unknown) => void) => {
      attempts++;
      done(null);
    },
  } as never);
  const events = new Recorder(rt);
  const [error] = await events.waitFor('error');
  expect(error).toMatchObject({ code: 'SIGNATURE_FACTORY_FAILED' });
  await events.waitFor('reuse');
  expect(attempts).toBeGreaterThanOrEqual(1);
  rt.close();
});
