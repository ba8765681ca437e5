import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConversation, send } from '../helpers/conversations';
import { TestServer } from '../helpers/test-server';
import { WsClient, type Frame } from '../helpers/ws-client';

/** Opens a session and collects the offline backlog that follows `opened`. */
async function openAndCollect(t: TestServer, clientId: string, expected: number): Promise<{ client: WsClient; offline: Frame[] }> {
  const client = await t.open(clientId);
  const offline: Frame[] = [];
  for (let n = 0; n < expected; n++) offline.push(await client.next((f) => f.cmd === 'direct'));
  offline.push(...(await client.collect(100, (f) => f.cmd === 'direct')));
  return { client, offline };
}

describe('offline delivery', () => {
  let t: TestServer;
  afterEach(() => t.stop());

  it('delivers every missed message (more than 20) in order, once, after session opened', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const other = await startConversation(alice, ['bob', 'carol']);
    const sent: Frame[] = [];
    for (let n = 0; n < 30; n++) sent.push(await send(alice, n % 3 === 0 ? other : cid, `missed ${n}`));

    const bob = await WsClient.connect(t.server.wsUrl);
    t.clients.push(bob);
    bob.send({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'bob', i: 1 });
    const first = await bob.next();
    expect(first).toMatchObject({ cmd: 'session', op: 'opened' });
    const offline: Frame[] = [];
    for (let n = 0; n < 30; n++) offline.push(await bob.next((f) => f.cmd === 'direct'));
    // in order within each conversation, and by time across them
    for (const conversation of [cid, other]) {
      const expectedIds = sent.filter((_, n) => (n % 3 === 0 ? other : cid) === conversation).map((a) => a.uid);
      expect(offline.filter((f) => f.cid === conversation).map((f) => f.id)).toEqual(expectedIds);
    }
    expect(offline.map((f) => f.timestamp)).toEqual([...offline.map((f) => f.timestamp)].sort((a, b) => a - b));
    expect(offline.every((f) => f.offline === true && f.peerId === 'bob' && f.fromPeerId === 'alice')).toBe(true);
    expect(offline[0]).toMatchObject({ msg: 'missed 0', cid: other, timestamp: sent[0].t });
    expect(await bob.collect(100, (f) => f.cmd === 'direct')).toEqual([]);
    for (const f of offline) bob.send({ cmd: 'ack', cid: f.cid, mid: f.id, peerId: 'bob' });
    await bob.request({ cmd: 'session', op: 'query', sessionPeerIds: [], peerId: 'bob' });
    await bob.close();

    const again = await openAndCollect(t, 'bob', 0);
    expect(again.offline).toEqual([]);
    // the sender gets none of its own messages back
    const aliceAgain = await openAndCollect(t, 'alice', 0);
    expect(aliceAgain.offline).toEqual([]);
  });

  it('re-delivers what was not acked, and only that', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const sent: Frame[] = [];
    for (let n = 0; n < 5; n++) sent.push(await send(alice, cid, `m${n}`));
    const first = await openAndCollect(t, 'bob', 5);
    first.client.send({ cmd: 'ack', cid, mid: first.offline[2].id, peerId: 'bob' });
    await first.client.request({ cmd: 'session', op: 'query', sessionPeerIds: [], peerId: 'bob' });
    await first.client.close();
    const second = await openAndCollect(t, 'bob', 2);
    expect(second.offline.map((f) => f.id)).toEqual(sent.slice(3).map((a) => a.uid));
  });

  it('starts a new member at its join: nothing from before', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, []);
    await send(alice, cid, 'before carol');
    await alice.request({ cmd: 'conv', op: 'add', cid, m: ['carol'], peerId: 'alice' });
    const after = await send(alice, cid, 'after carol');
    const carol = await openAndCollect(t, 'carol', 1);
    expect(carol.offline.map((f) => f.id)).toEqual([after.uid]);
  });

  it('never duplicates or drops messages sent while the backlog is being delivered', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const sent: Frame[] = [];
    for (let n = 0; n < 40; n++) sent.push(await send(alice, cid, `backlog ${n}`));
    const bob = await WsClient.connect(t.server.wsUrl);
    t.clients.push(bob);
    bob.send({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'bob', i: 1 });
    const live = await Promise.all(Array.from({ length: 20 }, (_, n) => send(alice, cid, `live ${n}`)));
    const all = [...sent, ...live];
    const received: Frame[] = [];
    for (let n = 0; n < all.length; n++) received.push(await bob.next((f) => f.cmd === 'direct'));
    expect(await bob.collect(150, (f) => f.cmd === 'direct')).toEqual([]);
    const seen = received.map((f) => f.id);
    expect(new Set(seen).size).toBe(all.length);
    expect([...seen].sort()).toEqual(all.map((a) => a.uid).sort());
    // the order bob sees is the conversation's order
    const logs = await alice.request({ cmd: 'logs', cid, limit: 100, peerId: 'alice' });
    expect(seen).toEqual(logs.logs.map((l: Frame) => l.msgId));
  });

  it('streams a backlog of several megabytes completely', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const body = 'x'.repeat(4000);
    const acks = await Promise.all(Array.from({ length: 1500 }, (_, n) => send(alice, cid, `${n}:${body}`)));
    const bob = await openAndCollect(t, 'bob', 1500);
    expect(bob.offline.map((f) => f.id)).toEqual(acks.map((a) => a.uid));
    expect(bob.client.socket.readyState).toBe(1);
  });

  it('keeps conversations, history and undelivered messages across a restart with a data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'realtime-restart-'));
    try {
      t = await TestServer.start({ dataDir });
      const alice = await t.open('alice');
      const cid = await startConversation(alice, ['bob'], { attr: { name: 'durable', attr: { k: 'v' } } });
      const acks: Frame[] = [];
      for (let n = 0; n < 3; n++) acks.push(await send(alice, cid, `kept ${n}`));
      await t.stop();

      t = await TestServer.start({ dataDir });
      const bob = await openAndCollect(t, 'bob', 3);
      expect(bob.offline.map((f) => f.id)).toEqual(acks.map((a) => a.uid));
      const logs = await bob.client.request({ cmd: 'logs', cid, limit: 20, peerId: 'bob' });
      expect(logs.logs.map((l: Frame) => l.data)).toEqual(['kept 0', 'kept 1', 'kept 2']);
      const results = await bob.client.request({ cmd: 'conv', op: 'query', where: { m: 'bob' }, sort: '-lm', limit: 10, skip: 0, peerId: 'bob' });
      expect(results.results).toMatchObject([{ objectId: cid, name: 'durable', attr: { k: 'v' }, m: ['alice', 'bob'] }]);
      const next = await send(bob.client, cid, 'after restart');
      expect(next.t).toBeGreaterThanOrEqual(acks[2].t);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
