import { sign } from '../helpers/signing';
import { TestServer } from '../helpers/test-server';
import { WsClient } from '../helpers/ws-client';
import { startConversation, send } from '../helpers/conversations';

describe('session', () => {
  let t: TestServer;
  afterEach(() => t.stop());

  describe('without signatures', () => {
    beforeEach(async () => {
      t = await TestServer.start();
    });

    it('answers session open with opened, echoing i with its JSON type', async () => {
      const client = await t.connect();
      const opened = await client.request({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'alice', ua: 'js/2.4.0', i: 2016 });
      expect(opened).toMatchObject({ cmd: 'session', op: 'opened', i: 2016, peerId: 'alice' });
      const again = await client.request({ cmd: 'session', op: 'query', sessionPeerIds: ['alice'], i: '77', peerId: 'alice' });
      expect(again.i).toBe('77');
    });

    it('closes with 4100 for an unknown appId and 4103 for a client id over 64 characters', async () => {
      const wrongApp = await t.connect();
      wrongApp.send({ cmd: 'session', op: 'open', appId: 'nope', peerId: 'a', i: 1 });
      expect((await wrongApp.closed).code).toBe(4100);
      const longId = await t.connect();
      longId.send({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'x'.repeat(65), i: 1 });
      expect((await longId.closed).code).toBe(4103);
      const exactly64 = await t.open('y'.repeat(64));
      expect(exactly64.socket.readyState).toBe(1);
    });

    it('makes up a client id when session open has none', async () => {
      const client = await t.connect();
      const opened = await client.request({ cmd: 'session', op: 'open', appId: t.server.appId, i: 5 });
      expect(opened.op).toBe('opened');
      expect(typeof opened.peerId).toBe('string');
      expect(opened.peerId.length).toBeGreaterThan(0);
    });

    it('refuses commands before session open with 4105 in each family’s shape', async () => {
      const client = await t.connect();
      const conv = await client.request({ cmd: 'conv', op: 'query', where: {}, sort: '-lm', limit: 10, skip: 0 });
      expect(conv).toMatchObject({ cmd: 'error', code: 4105, reason: 'SESSION_REQUIRED' });
      const direct = await client.request({ cmd: 'direct', cid: 'x', msg: 'hi', r: false, transient: false });
      expect(direct).toMatchObject({ cmd: 'ack', code: 4105 });
      const logs = await client.request({ cmd: 'logs', cid: 'x', limit: 20 });
      expect(logs).toMatchObject({ cmd: 'error', code: 4105 });
    });

    it('refuses a peerId that is not the session’s', async () => {
      const alice = await t.open('alice');
      const reply = await alice.request({ cmd: 'session', op: 'query', sessionPeerIds: ['bob'], peerId: 'mallory' });
      expect(reply).toMatchObject({ cmd: 'error', code: 4105 });
      const cid = await startConversation(alice, []);
      const ack = await send(alice, cid, 'spoof', { peerId: 'mallory' });
      expect(ack).toMatchObject({ cmd: 'ack', code: 4105 });
      const logs = await alice.request({ cmd: 'logs', cid, limit: 20, peerId: 'alice' });
      expect(logs.logs).toEqual([]);
    });

    it('refuses a second client id on the same socket with session closed', async () => {
      const alice = await t.open('alice');
      const reply = await alice.request({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'bob' });
      expect(reply).toMatchObject({ cmd: 'session', op: 'closed', code: 4103 });
      const same = await alice.request({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'alice' });
      expect(same.op).toBe('opened');
    });

    it('reports presence for the first 20 ids only, always as an array', async () => {
      const alice = await t.open('alice');
      await t.open('bob');
      const nobody = await alice.request({ cmd: 'session', op: 'query', sessionPeerIds: ['zed'], peerId: 'alice' });
      expect(nobody).toMatchObject({ cmd: 'session', op: 'query-result', onlineSessionPeerIds: [] });
      const ids = Array.from({ length: 20 }, (_, n) => `ghost${n}`);
      const beyond = await alice.request({ cmd: 'session', op: 'query', sessionPeerIds: [...ids, 'bob'], peerId: 'alice' });
      expect(beyond.onlineSessionPeerIds).toEqual([]);
      const some = await alice.request({ cmd: 'session', op: 'query', sessionPeerIds: ['bob', 'zed', 'alice'], peerId: 'alice' });
      expect(some.onlineSessionPeerIds).toEqual(['bob', 'alice']);
    });

    it('lets several sessions share a client id; each gets pushes, and the sender’s other device gets a copy', async () => {
      const phone = await t.open('alice');
      const laptop = await t.open('alice');
      const bob = await t.open('bob');
      const cid = await startConversation(bob, ['alice']);
      await phone.next((f) => f.op === 'joined');
      await laptop.next((f) => f.op === 'joined');
      const ack = await send(phone, cid, 'from phone');
      expect((await laptop.next((f) => f.cmd === 'direct')).id).toBe(ack.uid);
      expect((await bob.next((f) => f.cmd === 'direct')).id).toBe(ack.uid);
      expect(await phone.collect(100, (f) => f.cmd === 'direct')).toEqual([]);
    });

    it('ends the session on session close, keeping the socket', async () => {
      const alice = await t.open('alice');
      const bob = await t.open('bob');
      const closed = await alice.request({ cmd: 'session', op: 'close', peerId: 'alice' });
      expect(closed).toMatchObject({ cmd: 'session', op: 'closed' });
      const presence = await bob.request({ cmd: 'session', op: 'query', sessionPeerIds: ['alice'], peerId: 'bob' });
      expect(presence.onlineSessionPeerIds).toEqual([]);
      const reopened = await alice.request({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'alice' });
      expect(reopened.op).toBe('opened');
    });

    it('goes offline when the socket closes', async () => {
      const alice = await t.open('alice');
      const bob = await t.open('bob');
      await alice.close();
      await new Promise((r) => setTimeout(r, 50));
      const presence = await bob.request({ cmd: 'session', op: 'query', sessionPeerIds: ['alice'], peerId: 'bob' });
      expect(presence.onlineSessionPeerIds).toEqual([]);
    });
  });

  describe('with signatures required', () => {
    const masterKey = 'test-master-key';
    beforeEach(async () => {
      t = await TestServer.start({ requireSignature: true, masterKey, appId: 'sig-app' });
    });

    function loginFrame(clientId: string, t0: number | string, nonce = 'n0nce', key = masterKey) {
      return { cmd: 'session', op: 'open', appId: 'sig-app', peerId: clientId, t: t0, n: nonce, s: sign(key, ['sig-app', clientId, '', t0, nonce]) };
    }

    it('accepts a valid login signature with a seconds timestamp, a ms timestamp, and uppercase hex', async () => {
      const seconds = await t.connect();
      expect((await seconds.request(loginFrame('alice', Math.floor(Date.now() / 1000)))).op).toBe('opened');
      const ms = await t.connect();
      expect((await ms.request(loginFrame('bob', Date.now()))).op).toBe('opened');
      const upper = await t.connect();
      const frame = loginFrame('carol', String(Date.now()));
      expect((await upper.request({ ...frame, s: frame.s.toUpperCase() })).op).toBe('opened');
    });

    it('refuses a missing, wrong or stale login signature with session closed 4102', async () => {
      const client = await t.connect();
      const missing = await client.request({ cmd: 'session', op: 'open', appId: 'sig-app', peerId: 'alice' });
      expect(missing).toMatchObject({ cmd: 'session', op: 'closed', code: 4102, reason: 'SIGNATURE_FAILED' });
      const wrong = await client.request(loginFrame('alice', Date.now(), 'n', 'other-key'));
      expect(wrong).toMatchObject({ op: 'closed', code: 4102 });
      const stale = await client.request(loginFrame('alice', Math.floor(Date.now() / 1000) - 7 * 3600));
      expect(stale).toMatchObject({ op: 'closed', code: 4102 });
      const otherId = loginFrame('alice', Date.now());
      const swapped = await client.request({ ...otherId, peerId: 'bob' });
      expect(swapped).toMatchObject({ op: 'closed', code: 4102 });
    });

    it('checks conversation signatures for start, invite and kick, accepts both join forms and an unsigned self-leave', async () => {
      const open = async (id: string) => {
        const c = await t.connect();
        expect((await c.request(loginFrame(id, Date.now()))).op).toBe('opened');
        c.clientId = id;
        return c;
      };
      const alice = await open('alice');
      const bob = await open('bob');
      const ts = Date.now();
      const unsigned = await alice.request({ cmd: 'conv', op: 'start', m: ['bob'], attr: {}, transient: false, peerId: 'alice' });
      expect(unsigned).toMatchObject({ cmd: 'error', code: 4302, reason: 'CONVERSATION_SIGNATURE_FAILED' });
      const started = await alice.request({
        cmd: 'conv', op: 'start', m: ['bob'], attr: {}, transient: false, peerId: 'alice',
        t: ts, n: 'x', s: sign(masterKey, ['sig-app', 'alice', 'bob', ts, 'x']),
      });
      expect(started.op).toBe('started');
      const cid = started.cid;

      const badInvite = await alice.request({ cmd: 'conv', op: 'add', cid, m: ['carol'], peerId: 'alice', t: ts, n: 'x', s: 'deadbeef' });
      expect(badInvite).toMatchObject({ cmd: 'error', code: 4302 });
      const invite = await alice.request({
        cmd: 'conv', op: 'add', cid, m: ['dave', 'carol'], peerId: 'alice', t: ts, n: 'y',
        s: sign(masterKey, ['sig-app', 'alice', cid, 'carol:dave', ts, 'y', 'invite']),
      });
      expect(invite.op).toBe('added');

      const carol = await open('carol');
      // carol is already a member; joining with an empty member part in the signature is accepted too
      const emptyJoin = await carol.request({
        cmd: 'conv', op: 'add', cid, m: ['carol'], peerId: 'carol', t: ts, n: 'z',
        s: sign(masterKey, ['sig-app', 'carol', cid, '', ts, 'z', 'invite']),
      });
      expect(emptyJoin.op).toBe('added');

      const unsignedKick = await alice.request({ cmd: 'conv', op: 'remove', cid, m: ['dave'], peerId: 'alice' });
      expect(unsignedKick).toMatchObject({ cmd: 'error', code: 4302 });
      const kick = await alice.request({
        cmd: 'conv', op: 'remove', cid, m: ['dave'], peerId: 'alice', t: ts, n: 'k',
        s: sign(masterKey, ['sig-app', 'alice', cid, 'dave', ts, 'k', 'kick']),
      });
      expect(kick.op).toBe('removed');
      const leave = await bob.request({ cmd: 'conv', op: 'remove', cid, m: ['bob'], peerId: 'bob' });
      expect(leave.op).toBe('removed');
      const count = await alice.request({ cmd: 'conv', op: 'count', cid, peerId: 'alice' });
      expect(count.count).toBe(2);
    });
  });

  it('a signature is ignored when signatures are not required', async () => {
    t = await TestServer.start();
    const client = await WsClient.connect(t.server.wsUrl);
    t.clients.push(client);
    const opened = await client.request({ cmd: 'session', op: 'open', appId: t.server.appId, peerId: 'a', t: 1, n: 'n', s: 'bad' });
    expect(opened.op).toBe('opened');
  });
});
