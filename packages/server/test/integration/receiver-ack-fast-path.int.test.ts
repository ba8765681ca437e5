import { startConversation, send } from '../helpers/conversations';
import { TestServer } from '../helpers/test-server';

// Receiver acks usually take a synchronous path (handlers/receiver-ack-fast-path.ts); these check
// that it and the general path it falls back to agree on the unusual cases.
describe('receiver ack fast path', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await TestServer.start();
  });
  afterEach(() => t.stop());

  it('ignores acks naming another client or with malformed ids, and keeps the socket', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(alice, ['bob']);
    const ack = await send(alice, cid, 'confirm', { r: 1 });
    const direct = await bob.next((f) => f.cmd === 'direct');
    bob.send({ cmd: 'ack', cid, mid: direct.id, peerId: 'alice' });
    bob.send({ cmd: 'ack', cid, mid: 42, peerId: 'bob' });
    bob.send({ cmd: 'ack', cid: '', mid: direct.id });
    bob.send({ cmd: 'ack', op: 'weird', cid, mid: direct.id });
    expect(await alice.collect(150, (f) => f.cmd === 'rcp')).toEqual([]);
    // Only the unknown op gets an answer (as any unknown command does); bad acks are silent.
    const errors = await bob.collect(50, (f) => f.cmd === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 4114, detail: 'unknown command "ack" op "weird"' })]);
    bob.send({ cmd: 'ack', cid, mid: direct.id });
    expect(await alice.next((f) => f.cmd === 'rcp')).toMatchObject({ cid, id: ack.uid, from: 'bob' });
  });

  it('handles an ack queued behind an unfinished command, after it', async () => {
    const alice = await t.open('alice');
    const bob = await t.open('bob');
    const cid = await startConversation(alice, ['bob']);
    const ack = await send(alice, cid, 'confirm', { r: 1 });
    const direct = await bob.next((f) => f.cmd === 'direct');
    const i = bob.nextI();
    bob.send({ cmd: 'logs', cid, limit: 20, i, peerId: 'bob' });
    bob.send({ cmd: 'ack', cid, mid: direct.id, peerId: 'bob' });
    const logs = await bob.next((f) => f.i === i);
    expect(logs.logs.map((item: { msgId: string }) => item.msgId)).toEqual([ack.uid]);
    expect(logs.logs[0].ackAt).toBeUndefined();
    const rcp = await alice.next((f) => f.cmd === 'rcp');
    expect(rcp).toMatchObject({ cid, id: ack.uid, from: 'bob' });
    const later = await alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' });
    expect(later.logs[0].ackAt).toBe(rcp.t);
  });
});
