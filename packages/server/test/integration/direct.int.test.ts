import { startConversation, send } from '../helpers/conversations';
import { TestServer } from '../helpers/test-server';
import type { Frame } from '../helpers/ws-client';

describe('direct, receipts and logs', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  it('sends a receipt to the sender when a receiver acks a message sent with r, once', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(alice, ['bob']);
    const ack = await send(alice, cid, 'please confirm', { r: 1 });
    const direct = await bob.next((f) => f.cmd === 'direct');
    bob.send({ cmd: 'ack', cid, mid: direct.id, peerId: 'bob' });
    const rcp = await alice.next((f) => f.cmd === 'rcp');
    expect(rcp).toMatchObject({ cmd: 'rcp', cid, id: ack.uid, from: 'bob', peerId: 'alice' });
    expect(rcp.t).toBeGreaterThanOrEqual(ack.t);
    expect(rcp.i).toBeUndefined();
    bob.send({ cmd: 'ack', cid, mid: direct.id, peerId: 'bob' });
    expect(await alice.collect(100, (f) => f.cmd === 'rcp')).toEqual([]);
    const logs = await alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' });
    expect(logs.logs[0].ackAt).toBe(rcp.t);

    const noReceipt = await send(alice, cid, 'no receipt wanted');
    const second = await bob.next((f) => f.cmd === 'direct' && f.id === noReceipt.uid);
    bob.send({ cmd: 'ack', cid, mid: second.id, peerId: 'bob' });
    expect(await alice.collect(100, (f) => f.cmd === 'rcp')).toEqual([]);
  });

  it('does not ack, store or hold transient messages', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(alice, ['bob', 'carol']);
    const i = alice.nextI();
    alice.send({ cmd: 'direct', cid, msg: 'typing…', r: false, transient: true, i, peerId: 'alice' });
    const pushed = await bob.next((f) => f.cmd === 'direct');
    expect(pushed).toMatchObject({ cid, msg: 'typing…', transient: true, fromPeerId: 'alice' });
    expect(await alice.collect(100, (f) => f.i === i)).toEqual([]);
    expect((await alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' })).logs).toEqual([]);
    const carol = await t.open('carol');
    expect(await carol.collect(100, (f) => f.cmd === 'direct')).toEqual([]);
  });

  it('refuses sends from non-members and to missing conversations with an ack carrying 4401', async () => {
    const alice = await t.open('alice');
    const mallory = await t.open('mallory');
    const cid = await startConversation(alice, ['bob']);
    expect(await send(mallory, cid, 'let me in')).toMatchObject({ cmd: 'ack', code: 4401, reason: 'INVALID_MESSAGING_TARGET' });
    expect(await send(alice, 'ffffffffffffffffffffffff', 'void')).toMatchObject({ cmd: 'ack', code: 4401 });
    const logs = await mallory.request({ cmd: 'logs', cid, limit: 20, peerId: 'mallory' });
    expect(logs).toMatchObject({ cmd: 'error', code: 4312, reason: 'CONVERSATION_LOG_REJECTED' });
  });

  it('limits message bodies to 5 KB of UTF-8 and refuses a missing msg', async () => {
    const alice = await t.open('alice');
    const cid = await startConversation(alice, []);
    expect((await send(alice, cid, 'x'.repeat(5120))).uid).toBeDefined();
    expect(await send(alice, cid, 'é'.repeat(2561))).toMatchObject({ cmd: 'ack', code: 4109 });
    const noMsg = await alice.request({ cmd: 'direct', cid, r: false, transient: false, peerId: 'alice' });
    expect(noMsg).toMatchObject({ cmd: 'ack', code: 4114 });
    const objectMsg = await alice.request({ cmd: 'direct', cid, msg: { text: 'old client' }, r: false, transient: false, peerId: 'alice' });
    expect(objectMsg.uid).toBeDefined();
    const logs = await alice.request({ cmd: 'logs', cid, limit: 1, peerId: 'alice' });
    expect(logs.logs[0].data).toBe('{"text":"old client"}');
  });

  it('pages logs newest-first windows returned oldest first, with t (number or string) and mid', async () => {
    const alice = await t.open('alice');
    const cid = await startConversation(alice, []);
    const acks: Frame[] = [];
    for (let n = 0; n < 25; n++) acks.push(await send(alice, cid, `m${n}`));
    const first = await alice.request({ cmd: 'logs', cid, limit: 10, peerId: 'alice' });
    expect(first.logs.map((l: Frame) => l.data)).toEqual(Array.from({ length: 10 }, (_, n) => `m${n + 15}`));
    const oldest = first.logs[0];
    const second = await alice.request({ cmd: 'logs', cid, t: oldest.timestamp, mid: oldest.msgId, limit: 10, peerId: 'alice' });
    expect(second.logs.map((l: Frame) => l.data)).toEqual(Array.from({ length: 10 }, (_, n) => `m${n + 5}`));
    const third = await alice.request({ cmd: 'logs', cid, t: String(second.logs[0].timestamp), mid: second.logs[0].msgId, limit: 10, peerId: 'alice' });
    expect(third.logs.map((l: Frame) => l.data)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const byDefault = await alice.request({ cmd: 'logs', cid, peerId: 'alice' });
    expect(byDefault.logs.length).toBe(20);
    const withL = await alice.request({ cmd: 'logs', cid, l: 3, peerId: 'alice' });
    expect(withL.logs.map((l: Frame) => l.msgId)).toEqual(acks.slice(22).map((a) => a.uid));
  });
});

describe('message rate limit (operator setting)', () => {
  let t: TestServer;
  afterEach(() => t.stop());

  it('refuses sends over the per-minute limit with an ack carrying 4116, across a client’s sessions', async () => {
    t = await TestServer.start({ maxMessagesPerMinute: 3 });
    const phone = await t.open('alice');
    const laptop = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(phone, ['bob']);
    expect((await send(phone, cid, '1')).uid).toBeDefined();
    expect((await send(laptop, cid, '2')).uid).toBeDefined();
    // a transient message counts too (it gets no ack; bob seeing it shows it was taken)
    phone.send({ cmd: 'direct', cid, msg: '3', r: false, transient: true, i: phone.nextI(), peerId: 'alice' });
    expect(await bob.next((f) => f.cmd === 'direct' && f.msg === '3')).toMatchObject({ transient: true });
    const refused = await send(laptop, cid, '4');
    expect(refused).toMatchObject({ cmd: 'ack', code: 4116, reason: 'MESSAGE_SENT_QUOTA_EXCEEDED' });
    expect(refused.uid).toBeUndefined();
    // other clients are not affected
    expect((await send(bob, cid, 'bob is fine')).uid).toBeDefined();
  });

  it('is off by default', async () => {
    t = await TestServer.start();
    const alice = await t.open('alice');
    const cid = await startConversation(alice, []);
    const acks = await Promise.all(Array.from({ length: 100 }, (_, n) => send(alice, cid, `m${n}`)));
    expect(acks.every((a) => a.uid)).toBe(true);
  });
});

describe('transient conversations (chat rooms)', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  async function startRoom(creator: Awaited<ReturnType<TestServer['open']>>) {
    const started = await creator.request({ cmd: 'conv', op: 'start', m: [], attr: { name: 'lobby' }, transient: true, peerId: creator.clientId });
    expect(started.op).toBe('started');
    return started.cid as string;
  }

  it('delivers to present participants only, keeps no history and sends no membership pushes', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const carol = await t.open('carol');
    const cid = await startRoom(alice);
    const joined = await bob.request({ cmd: 'conv', op: 'add', cid, m: ['bob'], peerId: 'bob' });
    expect(joined.op).toBe('added');
    expect(await alice.request({ cmd: 'conv', op: 'count', cid, peerId: 'alice' })).toMatchObject({ count: 2 });
    const ack = await send(alice, cid, 'hello room');
    expect(ack.uid).toBeDefined();
    expect(await bob.next((f) => f.cmd === 'direct')).toMatchObject({ cid, msg: 'hello room', fromPeerId: 'alice' });
    expect(await carol.collect(100, (f) => f.cmd === 'direct')).toEqual([]);
    // anyone may send to a room, even without being present
    expect((await send(carol, cid, 'drive-by')).uid).toBeDefined();
    expect(await bob.next((f) => f.cmd === 'direct')).toMatchObject({ msg: 'drive-by' });
    expect((await alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' })).logs).toEqual([]);
    const [doc] = (await alice.request({ cmd: 'conv', op: 'query', where: { objectId: cid }, sort: '-lm', limit: 1, skip: 0, peerId: 'alice' })).results;
    expect(doc).toMatchObject({ tr: true, m: [], name: 'lobby' });
    for (const client of [alice, bob]) expect(await client.collect(50, (f) => f.cmd === 'conv')).toEqual([]);
  });

  it('keeps one room per login: joining another leaves the previous; leaving and disconnecting remove presence', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const lobby = await startRoom(alice);
    const other = await startRoom(alice);
    expect((await alice.request({ cmd: 'conv', op: 'count', cid: lobby, peerId: 'alice' })).count).toBe(0);
    expect((await alice.request({ cmd: 'conv', op: 'count', cid: other, peerId: 'alice' })).count).toBe(1);
    await bob.request({ cmd: 'conv', op: 'add', cid: other, m: ['bob'], peerId: 'bob' });
    expect((await bob.request({ cmd: 'conv', op: 'count', cid: other, peerId: 'bob' })).count).toBe(2);
    await bob.request({ cmd: 'conv', op: 'remove', cid: other, m: ['bob'], peerId: 'bob' });
    expect((await bob.request({ cmd: 'conv', op: 'count', cid: other, peerId: 'bob' })).count).toBe(1);
    await alice.close();
    await new Promise((r) => setTimeout(r, 50));
    expect((await bob.request({ cmd: 'conv', op: 'count', cid: other, peerId: 'bob' })).count).toBe(0);
    // re-joined automatically on the next login within 30 minutes
    await t.open('alice');
    expect((await bob.request({ cmd: 'conv', op: 'count', cid: other, peerId: 'bob' })).count).toBe(1);
  });
});
