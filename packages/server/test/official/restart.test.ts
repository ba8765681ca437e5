// The official 2.4.0 client against the real server restarted on the same port and data
// directory: 2.4.0 emits `reuse`, reconnects on its own 5 s later (new router lookup, new
// socket, new session open), and nothing that was acked before the restart is lost.
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();
// 2.4.0 waits a fixed 5 s before reconnecting.
const RECONNECT_MS = 12_000;

describe('official 2.4.0 client: server restart', () => {
  it('reconnects by itself after a restart (reuse, then open) and loses nothing', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    const conv = await alice.conv({ name: 'durable', members: ['bob', 'carol'] });
    const bobConv = (await bob.room(conv.id))!;
    const before = [await conv.send('before 1'), await conv.send('before 2')];
    await bobConv.waitForMessages(2);

    await fixture.server.restart();

    for (const client of [alice, bob]) {
      await client.events.waitFor('reuse', () => true, RECONNECT_MS);
      await client.events.waitForCount('open', 2, () => true, RECONNECT_MS);
    }
    // The reuse came from the socket closing, then the second open from the new session.
    expect(alice.events.names().filter((n) => ['open', 'close', 'reuse'].includes(n))).toEqual(['open', 'close', 'reuse', 'open']);

    // The same room objects keep working on the new connection.
    const after = await conv.send('after');
    const received = await bobConv.waitForMessages(3);
    expect(received.map((m) => m.id)).toEqual([...before, after].map((a) => a.uid));

    // History and the conversation document survived.
    const logs = await conv.log();
    expect(logs.map((m) => m.msgId)).toEqual([...before, after].map((a) => a.uid));
    const found = await bob.room(conv.id);
    expect(found?.room.name).toBe('durable');
    expect([...(await conv.list())].sort()).toEqual(['alice', 'bob', 'carol']);

    // carol was offline throughout: her backlog from before and after the restart is intact.
    const carol = await fixture.open('carol');
    const delivered = await carol.events.waitForCount('message', 3);
    expect(delivered.map((m) => m.id)).toEqual([...before, after].map((a) => a.uid));
  }, 40_000);

  it('with the retrying router lookup of the docs, survives an outage longer than its 5 s retry', async () => {
    const alice = await fixture.open('alice', { routerLookup: 'fetch-with-retry' });
    const bob = await fixture.open('bob', { routerLookup: 'fetch-with-retry' });
    const conv = await alice.conv({ members: ['bob'] });
    const bobConv = (await bob.room(conv.id))!;
    const before = await conv.send('before the outage');

    await fixture.server.stop();
    await alice.events.waitFor('reuse');
    // 5 s after the drop the reconnect finds no router: an `error` event, no crash, and a retry.
    await alice.events.waitFor('error', () => true, RECONNECT_MS);
    await fixture.server.restart();

    for (const client of [alice, bob]) await client.events.waitForCount('open', 2, () => true, RECONNECT_MS);
    const after = await conv.send('after the outage');
    const received = await bobConv.waitForMessages(2);
    expect(received.map((m) => m.id)).toEqual([before.uid, after.uid]);
  }, 40_000);
});
