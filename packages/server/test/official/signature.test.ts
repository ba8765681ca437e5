// The official 2.4.0 client against a server with requireSignature: its `auth` option signs
// login, create, invite/join and kick (protocol §3); self-leave goes unsigned.
import type { AuthParams } from 'leancloud-realtime';
import { appSigner } from './helpers/app-signer';
import { OfficialRequestError } from './helpers/official-request-error';
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer({ requireSignature: true });

function signer(overrides: { masterKey?: string; timestamp?: () => number | string } = {}) {
  const server = fixture.server;
  return appSigner({ appId: server.appId, masterKey: overrides.masterKey ?? server.masterKey, timestamp: overrides.timestamp });
}

describe('official 2.4.0 client: signatures through its auth option', () => {
  it('a correctly signed client can log in, create, invite, kick, and leave unsigned', async () => {
    const asked: AuthParams[] = [];
    const sign = signer();
    const auth = (params: AuthParams) => {
      asked.push(params);
      return sign(params);
    };
    const alice = await fixture.open('alice', { auth });
    const bob = await fixture.open('bob', { auth });

    const conv = await alice.conv({ members: ['bob'] });
    await expect(conv.add(['carol', 'dave'])).resolves.toMatchObject({ op: 'added' });
    await expect(conv.remove('dave')).resolves.toMatchObject({ op: 'removed' });
    const bobConv = (await bob.room(conv.id))!;
    await expect(bobConv.leave()).resolves.toMatchObject({ op: 'removed' });
    await expect(conv.send('still works')).resolves.toMatchObject({ uid: expect.any(String) });

    expect([...(await conv.list())].sort()).toEqual(['alice', 'carol']);
    // What 2.4.0 asked the app to sign: login, create, invite, kick – and nothing for the leave.
    expect(asked.filter((p) => p.clientId === 'alice')).toEqual([
      { clientId: 'alice' },
      { clientId: 'alice', members: ['bob'] },
      { clientId: 'alice', members: ['carol', 'dave'], convId: conv.id, action: 'invite' },
      { clientId: 'alice', members: ['dave'], convId: conv.id, action: 'kick' },
    ]);
    expect(asked.filter((p) => p.clientId === 'bob')).toEqual([{ clientId: 'bob' }]);
  });

  it('self-join is signed as an invite of oneself', async () => {
    const auth = signer();
    const alice = await fixture.open('alice', { auth });
    const carol = await fixture.open('carol', { auth });
    const conv = await alice.conv({ members: ['bob'] });

    const carolConv = (await carol.room(conv.id))!;
    await expect(carolConv.join()).resolves.toMatchObject({ op: 'added', cid: conv.id });

    expect([...(await conv.list())].sort()).toEqual(['alice', 'bob', 'carol']);
  });

  it('millisecond timestamps are accepted as well as seconds', async () => {
    const alice = await fixture.open('alice', { auth: signer({ timestamp: () => Date.now() }) });

    await expect(alice.conv({ members: ['bob'] })).resolves.toBeDefined();
  });

  it('a login without auth is refused with session closed 4102', async () => {
    const refused = fixture.open('alice');

    await expect(refused).rejects.toBeInstanceOf(OfficialRequestError);
    await expect(refused).rejects.toMatchObject({ code: 4102, frame: { cmd: 'session', op: 'closed', code: 4102 } });
  });

  it('a login signed with the wrong key is refused with 4102, and the client keeps retrying', async () => {
    const client = fixture.start('alice', { auth: signer({ masterKey: 'not-the-master-key' }) });

    const closed = await client.events.waitFor('session-closed');

    expect(closed).toMatchObject({ cmd: 'session', op: 'closed', code: 4102, i: 2016 });
    // 2.4.0 has no fatal codes: the refusal just schedules a reconnect.
    await client.events.waitFor('reuse');
    expect(client.events.all('open')).toEqual([]);
  });

  it('a stale signature is refused', async () => {
    const sevenHoursAgo = () => Math.floor(Date.now() / 1000) - 7 * 3600;

    await expect(fixture.open('alice', { auth: signer({ timestamp: sevenHoursAgo }) })).rejects.toMatchObject({ code: 4102 });
  });

  it('conversation operations with a bad signature are refused with 4302; the session stays open', async () => {
    const good = signer();
    const bad = signer({ masterKey: 'not-the-master-key' });
    let signWell = true;
    const alice = await fixture.open('alice', { auth: (params) => (signWell ? good(params) : bad(params)) });
    const conv = await alice.conv({ members: ['bob'] });

    signWell = false;
    await expect(alice.conv({ members: ['carol'] })).rejects.toMatchObject({ code: 4302, frame: { cmd: 'error' } });
    await expect(conv.add('carol')).rejects.toMatchObject({ code: 4302 });
    await expect(conv.remove('bob')).rejects.toMatchObject({ code: 4302 });

    expect([...(await conv.list())].sort()).toEqual(['alice', 'bob']);
    await expect(alice.ping('alice')).resolves.toEqual(['alice']);
  });
});
