// 2.4.0 threw from inside its socket handlers; here an app bug in a listener or callback, or a
// refused request, reaches the `error` event and the connection keeps working.
import { ourRealtime } from '../helpers/implementations';
import { routerPath, startTestServer, type RunningServer } from '../helpers/legacy-test-server';
import { Recorder, callback, pause } from '../helpers/observe';

let server: RunningServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

function open(clientId: string) {
  const realtime = ourRealtime();
  return new Promise<any>((resolve) => {
    const rt = realtime({ appId: server.appId, clientId, router: routerPath(server.routerUrl) }, () => resolve(rt));
  });
}

it('a listener that throws is reported through error; later messages still arrive and are acked', async () => {
  const alice = await open('alice');
  const bob = await open('bob');
  const bobEvents = new Recorder(bob);
  const errors: Error[] = [];
  bob.on('error', (error: Error) => errors.push(error));
  let calls = 0;
  bob.on('message', () => {
    calls++;
    if (calls === 1) throw new Error('bug in the app');
  });
  const room = await new Promise<any>((resolve) => alice.conv({ members: ['bob'] }, resolve));
  await callback((done) => room.send('first', done));
  await callback((done) => room.send('second', done));
  await bobEvents.waitFor('message', 2);
  expect(errors.map((error) => error.message)).toEqual(['bug in the app']);
  expect(calls).toBe(2);

  // Both were acked despite the throw: a fresh session of bob gets no offline redelivery.
  bob.close();
  await pause(100);
  const again = ourRealtime();
  const redelivered: unknown[] = [];
  await new Promise<void>((resolve) => {
    const rt = again({ appId: server.appId, clientId: 'bob', router: routerPath(server.routerUrl) }, () => resolve());
    rt.on('message', (frame: unknown) => redelivered.push(frame));
    setTimeout(() => rt.close(), 1000);
  });
  await pause(300);
  expect(redelivered).toEqual([]);
  alice.close();
});

it('a refused request reaches error with the server frame, and the next request works', async () => {
  const alice = await open('alice');
  const events = new Recorder(alice);
  const ghost = alice.room('0123456789abcdef01234567');
  ghost.add('bob', () => {
    throw new Error('never called: the add is refused');
  });
  const [refusal] = await events.waitFor('error');
  expect(refusal).toMatchObject({ cmd: 'error', code: 4303, reason: 'CONVERSATION_NOT_FOUND' });
  await expect(callback((done) => alice.ping('alice', done))).resolves.toEqual(['alice']);
  alice.close();
});
