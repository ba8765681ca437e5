import { TestServer } from '../helpers/test-server';
import type { WsClient } from '../helpers/ws-client';

async function startConversation(creator: WsClient, members: string[], extra = {}) {
  const started = await creator.request({ cmd: 'conv', op: 'start', m: members, attr: { name: 'room', attr: {} }, transient: false, unique: false, peerId: creator.clientId, ...extra });
  return started;
}

describe('messaging', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  it('opens a session, starts a conversation, sends, delivers, acks and lists logs', async () => {
    const a = await t.open('alice');
    const b = await t.open('bob');
    const started = await a.request({ cmd: 'conv', op: 'start', m: ['bob'], attr: { name: 'room', attr: { x: 1 } }, transient: false, peerId: 'alice' });
    expect(started).toMatchObject({ cmd: 'conv', op: 'started', peerId: 'alice' });
    expect(started.cid).toMatch(/^[0-9a-f]{24}$/);
    const joined = await b.next((f) => f.op === 'joined');
    expect(joined).toMatchObject({ cid: started.cid, initBy: 'alice', peerId: 'bob' });
    expect(joined.i).toBeUndefined();
    const membersJoined = await b.next((f) => f.op === 'members-joined');
    expect(membersJoined.m).toEqual(['alice', 'bob']);

    const ack = await a.request({ cmd: 'direct', cid: started.cid, msg: 'hello', r: false, transient: false, peerId: 'alice' });
    expect(ack).toMatchObject({ cmd: 'ack', peerId: 'alice' });
    expect(ack.uid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const direct = await b.next((f) => f.cmd === 'direct');
    expect(direct).toMatchObject({ cid: started.cid, id: ack.uid, fromPeerId: 'alice', msg: 'hello', timestamp: ack.t, peerId: 'bob' });
    const logs = await b.request({ cmd: 'logs', cid: started.cid, limit: 20, peerId: 'bob' });
    expect(logs.logs).toEqual([{ from: 'alice', data: 'hello', timestamp: ack.t, msgId: ack.uid }]);
  });

  it('answers the heartbeat {} with {}', async () => {
    const a = await t.open('alice');
    a.sendRaw('{}');
    expect(await a.next()).toEqual({});
  });
});
