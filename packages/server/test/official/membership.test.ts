// The official 2.4.0 client against the real server: add / remove / join / leave and the
// events every party receives (protocol §2.3–2.5, mapped to 2.4.0 events as in §7).
import type { OfficialClient } from './helpers/official-client';
import type { OfficialConversation } from './helpers/official-conversation';
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();

interface Party {
  alice: OfficialClient;
  bob: OfficialClient;
  carol: OfficialClient;
  conv: OfficialConversation;
}

/** alice creates a conversation with bob; carol is online but not a member. */
async function threeClients(): Promise<Party> {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => fixture.open(id)));
  const conv = await alice.conv({ members: ['bob'] });
  // Let the creation pushes land first, so the events below belong to the operation under test.
  await bob.events.waitFor('membersjoined', (f) => f.cid === conv.id);
  await alice.events.waitFor('membersjoined', (f) => f.cid === conv.id);
  return { alice, bob, carol, conv };
}

const sorted = (ids: string[]) => [...ids].sort();

describe('official 2.4.0 client: membership', () => {
  it('add: the callback gets the added frame; the invitee is invited, every member sees members joined', async () => {
    const { alice, bob, carol, conv } = await threeClients();

    const added = await conv.add('carol');

    expect(added).toMatchObject({ cmd: 'conv', op: 'added', cid: conv.id, i: expect.any(Number) });
    const ofConv = (f: { cid: string }) => f.cid === conv.id;
    const invited = await carol.events.waitFor('invited', ofConv);
    expect(invited).toMatchObject({ cmd: 'conv', op: 'joined', cid: conv.id, initBy: 'alice', peerId: 'carol' });
    await carol.events.waitFor('join', (f) => ofConv(f) && f.op === 'joined');
    for (const member of [alice, bob, carol]) {
      const joined = await member.events.waitFor('membersjoined', (f) => ofConv(f) && f.m.includes('carol'));
      expect(joined).toMatchObject({ cmd: 'conv', op: 'members-joined', cid: conv.id, m: ['carol'], initBy: 'alice', peerId: member.clientId });
    }
    expect(bob.events.all('invited', (f) => ofConv(f) && f.initBy === 'alice' && f.peerId === 'carol')).toEqual([]);
    expect(sorted(await conv.list())).toEqual(['alice', 'bob', 'carol']);
  });

  it('add of several ids at once reports them together', async () => {
    const { bob, conv } = await threeClients();
    await fixture.open('dave');

    await conv.add(['carol', 'dave']);

    const joined = await bob.events.waitFor('membersjoined', (f) => f.cid === conv.id && f.m.includes('dave'));
    expect(sorted(joined.m)).toEqual(['carol', 'dave']);
    await expect(conv.count()).resolves.toBe(4);
  });

  it('remove: the removed member is kicked, the remaining members see members left', async () => {
    const { alice, bob, carol, conv } = await threeClients();
    await conv.add('carol');
    await carol.events.waitFor('membersjoined', (f) => f.cid === conv.id);

    const removed = await conv.remove('carol');

    expect(removed).toMatchObject({ cmd: 'conv', op: 'removed', cid: conv.id, i: expect.any(Number) });
    const ofConv = (f: { cid: string }) => f.cid === conv.id;
    const kicked = await carol.events.waitFor('kicked', ofConv);
    expect(kicked).toMatchObject({ cmd: 'conv', op: 'left', cid: conv.id, initBy: 'alice', peerId: 'carol' });
    await carol.events.waitFor('left', (f) => ofConv(f) && f.op === 'left');
    for (const member of [alice, bob]) {
      const left = await member.events.waitFor('membersleft', ofConv);
      expect(left).toMatchObject({ cmd: 'conv', op: 'members-left', cid: conv.id, m: ['carol'], initBy: 'alice', peerId: member.clientId });
      await member.events.waitFor('left', (f) => ofConv(f) && f.op === 'members-left');
    }
    // The removed member gets `left`, not `members-left`; and it is no longer a member.
    await alice.ping('carol'); // a round trip after the pushes, so a wrong push would be here by now
    expect(carol.events.all('membersleft', ofConv)).toEqual([]);
    expect(sorted(await conv.list())).toEqual(['alice', 'bob']);
  });

  it('join: the joiner is invited by itself (no deprecated join from it), members see members joined', async () => {
    const { alice, bob, carol, conv } = await threeClients();
    const carolConv = await carol.room(conv.id);

    const added = await carolConv!.join();

    expect(added).toMatchObject({ cmd: 'conv', op: 'added', cid: conv.id });
    const ofConv = (f: { cid: string }) => f.cid === conv.id;
    const invited = await carol.events.waitFor('invited', ofConv);
    expect(invited).toMatchObject({ op: 'joined', initBy: 'carol', peerId: 'carol' });
    for (const member of [alice, bob, carol]) {
      const joined = await member.events.waitFor('membersjoined', (f) => ofConv(f) && f.m.includes('carol'));
      expect(joined).toMatchObject({ op: 'members-joined', m: ['carol'], initBy: 'carol' });
    }
    // 2.4.0 emits `join` for joined only when peerId !== initBy: here only members-joined did.
    expect(carol.events.all('join', ofConv).map((f) => f.op)).toEqual(['members-joined']);
  });

  it('leave: the leaver is told it left, the others see members left, and it can no longer send', async () => {
    const { alice, bob, conv } = await threeClients();
    const bobConv = await bob.room(conv.id);

    const removed = await bobConv!.leave();

    expect(removed).toMatchObject({ cmd: 'conv', op: 'removed', cid: conv.id });
    const ofConv = (f: { cid: string }) => f.cid === conv.id;
    const kicked = await bob.events.waitFor('kicked', ofConv);
    expect(kicked).toMatchObject({ op: 'left', initBy: 'bob', peerId: 'bob' });
    const left = await alice.events.waitFor('membersleft', ofConv);
    expect(left).toMatchObject({ op: 'members-left', m: ['bob'], initBy: 'bob', peerId: 'alice' });
    await bob.ping('alice');
    expect(bob.events.all('membersleft', ofConv)).toEqual([]);

    // 2.4.0 cannot tell a refused send from a good one: its callback gets the ack with a code.
    const refused = await bobConv!.send('still here?');
    expect(refused).toMatchObject({ cmd: 'ack', code: 4401 });
    expect(refused).not.toHaveProperty('uid');
  });
});
