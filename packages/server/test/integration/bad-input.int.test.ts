import { startConversation, send } from '../helpers/conversations';
import { TestServer } from '../helpers/test-server';

describe('bad input never crashes the server', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  it('answers invalid JSON, non-objects, binary frames and unknown commands with error 4114, keeping the socket', async () => {
    const alice = await t.open('alice');
    for (const text of ['{not json', '[1,2]', '42', '"str"', 'null']) {
      alice.sendRaw(text);
      expect(await alice.next()).toMatchObject({ cmd: 'error', code: 4114, reason: 'UNPARSEABLE_RAW_MESSAGE' });
    }
    alice.sendRaw(Buffer.from([1, 2, 3]));
    expect(await alice.next()).toMatchObject({ cmd: 'error', code: 4114 });
    expect(await alice.request({ cmd: 'bogus', peerId: 'alice' })).toMatchObject({ cmd: 'error', code: 4114 });
    expect(await alice.request({ cmd: 'conv', op: 'explode', peerId: 'alice' })).toMatchObject({ cmd: 'error', code: 4114 });
    expect(await alice.request({ cmd: 42 })).toMatchObject({ cmd: 'error', code: 4114 });
    alice.sendRaw('{}');
    expect(await alice.next()).toEqual({});
    alice.sendRaw('{"ua":"only"}');
    expect(await alice.next()).toEqual({});
  });

  it('answers wrong field types in the family’s error shape', async () => {
    const alice = await t.open('alice');
    const cid = await startConversation(alice, ['bob']);
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ cmd: 'conv', op: 'start', m: 'bob', attr: {}, transient: false }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'start', m: [1, 2], attr: {}, transient: false }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'start', m: ['x'.repeat(65)], attr: {}, transient: false }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'start', m: [], attr: 'name', transient: false }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'start', m: [], attr: {}, transient: 'yes' }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'add', cid, m: [] }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'add', cid: 5, m: ['x'] }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'query', where: 'not json', sort: '-lm', limit: 10, skip: 0 }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'query', where: {}, limit: 'ten' }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'conv', op: 'query', where: { $or: 'x' } }, { cmd: 'error', code: 4310 }],
      [{ cmd: 'conv', op: 'update', cid, attr: [] }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'direct', cid: ['x'], msg: 'hi' }, { cmd: 'ack', code: 4114 }],
      [{ cmd: 'direct', cid, msg: 12 }, { cmd: 'ack', code: 4114 }],
      [{ cmd: 'logs', cid, t: 'yesterday', limit: 20 }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'logs', cid, limit: -1 }, { cmd: 'error', code: 4114 }],
      [{ cmd: 'session', op: 'query', sessionPeerIds: 'bob' }, { cmd: 'error', code: 4114 }],
    ];
    for (const [frame, expected] of cases) {
      const reply = await alice.request({ ...frame, peerId: 'alice' });
      expect({ frame, reply }).toMatchObject({ frame, reply: expected });
    }
    // a receiver ack that makes no sense is ignored silently (no i to answer)
    alice.send({ cmd: 'ack', cid, mid: 'nope', peerId: 'alice' });
    alice.send({ cmd: 'ack', cid: 1, peerId: 'alice' });
    expect(await alice.collect(100, (f) => f.cmd !== 'conv')).toEqual([]);
    expect((await send(alice, cid, 'still fine')).uid).toBeDefined();
  });

  it('closes with 4109 a frame larger than the whole-frame cap, and other clients are unaffected', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    alice.sendRaw(JSON.stringify({ cmd: 'direct', cid: 'x', msg: 'x'.repeat(70 * 1024) }));
    expect((await alice.closed).code).toBe(4109);
    const cid = await startConversation(bob, []);
    expect((await send(bob, cid, 'ok')).uid).toBeDefined();
  });

  it('accepts a 500-member conv start frame (≈34 KB)', async () => {
    const alice = await t.open('alice');
    const members = Array.from({ length: 499 }, (_, n) => `${'m'.repeat(60)}${String(n).padStart(4, '0')}`);
    const started = await alice.request({ cmd: 'conv', op: 'start', m: members, attr: {}, transient: false, peerId: 'alice' });
    expect(started.op).toBe('started');
  });
});

describe('timeouts', () => {
  let t: TestServer;
  afterEach(() => t.stop());

  it('closes a socket that does not open a session with 4108', async () => {
    t = await TestServer.start({ loginTimeoutMs: 150, readTimeoutMs: 5000 });
    const client = await t.connect();
    const started = Date.now();
    expect((await client.closed).code).toBe(4108);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('closes an idle session with 4107, and heartbeats keep it open', async () => {
    t = await TestServer.start({ loginTimeoutMs: 5000, readTimeoutMs: 500 });
    const beating = await t.open('alice');
    const idle = await t.open('bob');
    const timer = setInterval(() => beating.sendRaw('{}'), 50);
    try {
      expect((await idle.closed).code).toBe(4107);
      await new Promise((r) => setTimeout(r, 300));
      expect(beating.socket.readyState).toBe(1);
      expect(beating.closeInfo).toBeUndefined();
    } finally {
      clearInterval(timer);
    }
  });
});
