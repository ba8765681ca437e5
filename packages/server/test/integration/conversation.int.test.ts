import { startConversation, send } from '../helpers/conversations';
import { TestServer } from '../helpers/test-server';
import type { Frame, WsClient } from '../helpers/ws-client';

function query(client: WsClient, where: Frame, extra: Frame = {}) {
  return client.request({ cmd: 'conv', op: 'query', where, sort: '-lm', limit: 10, skip: 0, flag: 0, peerId: client.clientId, ...extra });
}

describe('conversations', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  it('start: every member gets joined then members-joined before the creator’s started', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const i = alice.nextI();
    alice.send({ cmd: 'conv', op: 'start', m: ['bob', 'bob'], attr: { name: 'Room', attr: { topic: 't' } }, transient: false, i, peerId: 'alice' });
    const aliceFrames = [await alice.next(), await alice.next(), await alice.next()];
    expect(aliceFrames.map((f) => f.op)).toEqual(['joined', 'members-joined', 'started']);
    const [joined, membersJoined, started] = aliceFrames;
    expect(joined).toEqual({ cmd: 'conv', op: 'joined', cid: started.cid, initBy: 'alice', peerId: 'alice' });
    expect(membersJoined).toEqual({ cmd: 'conv', op: 'members-joined', cid: started.cid, initBy: 'alice', m: ['alice', 'bob'], peerId: 'alice' });
    expect(started).toMatchObject({ i, cid: expect.stringMatching(/^[0-9a-f]{24}$/), peerId: 'alice' });
    expect(new Date(started.cdate).toISOString()).toBe(started.cdate);
    expect((await bob.next()).op).toBe('joined');
    expect((await bob.next()).op).toBe('members-joined');

    const [doc] = (await query(alice, { objectId: started.cid })).results;
    expect(doc).toMatchObject({ objectId: started.cid, name: 'Room', attr: { topic: 't' }, c: 'alice', m: ['alice', 'bob'], mu: [], tr: false, unique: false });
    expect(doc.createdAt).toBe(started.cdate);
  });

  it('unique: returns the existing conversation with the same member set, without notifications', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const first = await startConversation(alice, ['bob'], { unique: true });
    await bob.next((f) => f.op === 'members-joined');
    const again = await startConversation(bob, ['alice'], { unique: true });
    expect(again).toBe(first);
    const notUnique = await startConversation(alice, ['bob']);
    expect(notUnique).not.toBe(first);
    // only the original creation notified alice about `first`
    expect(await alice.collect(100, (f) => f.op === 'joined' && f.cid === first)).toHaveLength(1);
    expect(await bob.collect(0, (f) => f.op === 'joined' && f.cid === first)).toHaveLength(1);
  });

  it('refuses more than 500 members with 4304', async () => {
    const alice = await t.open('alice');
    const members = Array.from({ length: 500 }, (_, n) => `member-${n}`);
    const tooMany = await alice.request({ cmd: 'conv', op: 'start', m: members, attr: {}, transient: false, peerId: 'alice' });
    expect(tooMany).toMatchObject({ cmd: 'error', code: 4304, reason: 'CONVERSATION_FULL' });
    const cid = await startConversation(alice, members.slice(0, 499));
    const full = await alice.request({ cmd: 'conv', op: 'add', cid, m: ['one-more'], peerId: 'alice' });
    expect(full).toMatchObject({ cmd: 'error', code: 4304 });
    expect((await alice.request({ cmd: 'conv', op: 'count', cid, peerId: 'alice' })).count).toBe(500);
  });

  it('add: joined to the added, members-joined to everyone after the change, then added', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const carol = await t.open('carol');
    const cid = await startConversation(alice, ['bob']);
    await bob.next((f) => f.op === 'members-joined');
    await alice.collect(50);
    await bob.collect(0);
    const added = await alice.request({ cmd: 'conv', op: 'add', cid, m: ['carol'], peerId: 'alice' });
    expect(added).toMatchObject({ cmd: 'conv', op: 'added', cid });
    expect(await carol.next()).toEqual({ cmd: 'conv', op: 'joined', cid, initBy: 'alice', peerId: 'carol' });
    expect(await carol.next()).toEqual({ cmd: 'conv', op: 'members-joined', cid, initBy: 'alice', m: ['carol'], peerId: 'carol' });
    expect(await bob.next()).toMatchObject({ op: 'members-joined', m: ['carol'], peerId: 'bob' });
    expect(await alice.next()).toMatchObject({ op: 'members-joined', m: ['carol'], peerId: 'alice' });
    expect(await alice.collect(50, (f) => f.op === 'joined')).toEqual([]);
  });

  it('join: a non-member adds itself; adding others needs membership', async () => {
    const alice = await t.open('alice');
    const dave = await t.open('dave');
    const cid = await startConversation(alice, []);
    const refused = await dave.request({ cmd: 'conv', op: 'add', cid, m: ['eve'], peerId: 'dave' });
    expect(refused).toMatchObject({ cmd: 'error', code: 4401 });
    const joined = await dave.request({ cmd: 'conv', op: 'add', cid, m: ['dave'], peerId: 'dave' });
    expect(joined.op).toBe('added');
    expect(await dave.next((f) => f.op === 'joined')).toMatchObject({ initBy: 'dave', peerId: 'dave' });
    expect(await dave.next((f) => f.op === 'members-joined')).toMatchObject({ m: ['dave'] });
    expect(await alice.next((f) => f.op === 'members-joined' && f.m[0] === 'dave')).toMatchObject({ initBy: 'dave' });
  });

  it('remove: left to the removed, members-left to the rest only; leave is the same with initBy self', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const carol = await t.open('carol');
    const cid = await startConversation(alice, ['bob', 'carol']);
    for (const c of [alice, bob, carol]) await c.next((f) => f.op === 'members-joined');
    for (const c of [alice, bob, carol]) await c.collect(0);
    const removed = await alice.request({ cmd: 'conv', op: 'remove', cid, m: ['bob'], peerId: 'alice' });
    expect(removed).toMatchObject({ cmd: 'conv', op: 'removed', cid });
    expect(await bob.next()).toEqual({ cmd: 'conv', op: 'left', cid, initBy: 'alice', peerId: 'bob' });
    expect(await bob.collect(50, (f) => f.op === 'members-left')).toEqual([]);
    expect(await carol.next()).toEqual({ cmd: 'conv', op: 'members-left', cid, initBy: 'alice', m: ['bob'], peerId: 'carol' });

    const left = await carol.request({ cmd: 'conv', op: 'remove', cid, m: ['carol'], peerId: 'carol' });
    expect(left.op).toBe('removed');
    expect(await carol.next()).toMatchObject({ op: 'left', initBy: 'carol' });
    expect(await alice.next((f) => f.op === 'members-left' && f.m[0] === 'carol')).toMatchObject({ initBy: 'carol' });
    const [doc] = (await query(alice, { objectId: cid })).results;
    expect(doc.m).toEqual(['alice']);
    const notMember = await bob.request({ cmd: 'conv', op: 'remove', cid, m: ['alice'], peerId: 'bob' });
    expect(notMember).toMatchObject({ cmd: 'error', code: 4401 });
  });

  it('runs one socket’s commands in order: a pipelined query sees the add before it', async () => {
    const alice = await t.open('alice');
    const cid = await startConversation(alice, []);
    const [added, listed, sent, logs] = await Promise.all([
      alice.request({ cmd: 'conv', op: 'add', cid, m: ['bob'], peerId: 'alice' }),
      query(alice, { objectId: cid }),
      send(alice, cid, 'pipelined'),
      alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' }),
    ]);
    expect(added.op).toBe('added');
    expect(listed.results[0].m).toEqual(['alice', 'bob']);
    expect(sent.uid).toBeDefined();
    expect(logs.cmd).toBe('logs');
  });

  it('answers 4303 for add, remove, count and update of a conversation that does not exist', async () => {
    const alice = await t.open('alice');
    const cid = '0123456789abcdef01234567';
    for (const frame of [
      { cmd: 'conv', op: 'add', cid, m: ['x'] },
      { cmd: 'conv', op: 'remove', cid, m: ['x'] },
      { cmd: 'conv', op: 'count', cid },
      { cmd: 'conv', op: 'update', cid, attr: { name: 'x' } },
      { cmd: 'logs', cid, limit: 20 },
    ]) {
      expect(await alice.request({ ...frame, peerId: 'alice' })).toMatchObject({ cmd: 'error', code: 4303, reason: 'CONVERSATION_NOT_FOUND' });
    }
  });

  it('query: m, $all, objectId, $in, name, attr fields, sort, limit, skip, and invalid ids give []', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await startConversation(alice, n % 2 === 0 ? ['bob'] : ['carol'], { attr: { name: `room-${n}`, attr: { level: n } } }));
    // give room-3 the latest message so -lm puts it first
    await send(alice, ids[1], 'older');
    await new Promise((r) => setTimeout(r, 5)); // lm has ms resolution
    await send(alice, ids[3], 'newest');

    const mine = await query(alice, { m: 'alice' });
    expect(mine).toMatchObject({ cmd: 'conv', op: 'results' });
    expect(mine.results.length).toBe(5);
    expect(mine.results[0].objectId).toBe(ids[3]);
    expect(mine.results[1].objectId).toBe(ids[1]);
    expect((await query(bob, { m: 'bob' })).results.map((r: Frame) => r.name).sort()).toEqual(['room-0', 'room-2', 'room-4']);
    expect((await query(alice, { m: { $all: ['alice', 'carol'] } })).results.map((r: Frame) => r.objectId).sort()).toEqual([ids[1], ids[3]].sort());
    expect((await query(alice, { objectId: ids[2] })).results.map((r: Frame) => r.name)).toEqual(['room-2']);
    expect((await query(alice, { objectId: { $in: [ids[0], ids[4], 'junk'] } })).results.length).toBe(2);
    expect((await query(alice, { objectId: 'noneexistingroomid' })).results).toEqual([]);
    expect((await query(alice, { name: 'room-4' })).results.map((r: Frame) => r.objectId)).toEqual([ids[4]]);
    expect((await query(alice, { 'attr.level': { $gte: 3 } }, { sort: 'attr.level' })).results.map((r: Frame) => r.name)).toEqual(['room-3', 'room-4']);
    expect((await query(alice, { name: { $regex: '^ROOM-[12]$', $options: 'i' } }, { sort: '-name' })).results.map((r: Frame) => r.name)).toEqual(['room-2', 'room-1']);
    const paged = await query(alice, { m: 'alice' }, { sort: 'name', limit: 2, skip: 1 });
    expect(paged.results.map((r: Frame) => r.name)).toEqual(['room-1', 'room-2']);
    const created = await query(alice, { m: 'alice' }, { sort: '-createdAt,name' });
    expect(created.results.length).toBe(5);
    const bad = await query(alice, { name: { $bogus: 1 } });
    expect(bad).toMatchObject({ cmd: 'error', code: 4310 });
  });

  it('query flags: 1 drops m and mu, 2 adds the last message', async () => {
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const ack = await send(alice, cid, 'last words');
    const compact = (await query(alice, { objectId: cid }, { flag: 1 })).results[0];
    expect(compact.m).toBeUndefined();
    expect(compact.mu).toBeUndefined();
    expect(compact.msg).toBeUndefined();
    const withLast = (await query(alice, { objectId: cid }, { flag: 2 })).results[0];
    expect(withLast).toMatchObject({ m: ['alice', 'bob'], msg: 'last words', msg_from: 'alice', msg_mid: ack.uid, msg_timestamp: ack.t });
    expect(withLast.lm).toEqual({ __type: 'Date', iso: new Date(ack.t).toISOString() });
    const both = (await query(alice, { objectId: cid }, { flag: 3 })).results[0];
    expect(both.m).toBeUndefined();
    expect(both.msg).toBe('last words');
    const listStyle = await alice.request({ cmd: 'conv', op: 'query', where: { objectId: cid }, sort: '-lm', limit: 10, skip: 0, peerId: 'alice' });
    expect(listStyle.results[0].m).toEqual(['alice', 'bob']);
  });

  it('count and update', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(alice, ['bob', 'carol']);
    expect(await alice.request({ cmd: 'conv', op: 'count', cid, peerId: 'alice' })).toMatchObject({ cmd: 'conv', op: 'result', count: 3 });
    const updated = await alice.request({ cmd: 'conv', op: 'update', cid, attr: { name: 'renamed', attr: { a: 1 }, extra: true }, peerId: 'alice' });
    expect(updated).toMatchObject({ cmd: 'conv', op: 'updated', cid });
    const [doc] = (await query(bob, { objectId: cid })).results;
    expect(doc).toMatchObject({ name: 'renamed', attr: { a: 1 }, extra: true, updatedAt: updated.udate });
    const protectedField = await alice.request({ cmd: 'conv', op: 'update', cid, attr: { m: ['x'] }, peerId: 'alice' });
    expect(protectedField).toMatchObject({ cmd: 'error', code: 4306 });
    const dave = await t.open('dave');
    const outsider = await dave.request({ cmd: 'conv', op: 'update', cid, attr: { name: 'hijack' }, peerId: 'dave' });
    expect(outsider).toMatchObject({ cmd: 'error', code: 4309 });
  });
});
