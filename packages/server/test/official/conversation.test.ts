// The official 2.4.0 client against the real server: creating conversations and reading
// them back (room(id), list, count, update, unique, the member limit).
import { OfficialRequestError } from './helpers/official-request-error';
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();
const OBJECT_ID = /^[0-9a-f]{24}$/;

describe('official 2.4.0 client: conversations', () => {
  it('creates a conversation: the callback gets the room, the create event the started frame', async () => {
    const alice = await fixture.open('alice');

    const conv = await alice.conv({ name: 'Weekend', members: ['bob'], attr: { topic: 'hiking' } });

    expect(conv.id).toMatch(OBJECT_ID);
    expect(conv.room.name).toBe('Weekend');
    expect(conv.room.attr).toEqual({ topic: 'hiking' });
    const created = await alice.events.waitFor('create');
    expect(created).toMatchObject({ cmd: 'conv', op: 'started', cid: conv.id, i: expect.any(Number) });
    expect(created).not.toHaveProperty('code');
    expect(typeof created.cdate).toBe('string');
    expect(Math.abs(Date.parse(created.cdate) - Date.now())).toBeLessThan(60_000);
  });

  it('creation pushes joined and members-joined to the creator and to online members', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');

    const conv = await alice.conv({ members: ['bob'] });
    const ofConv = (frame: { cid: string }) => frame.cid === conv.id;

    // Creator: `invited` from its own joined, but no `join` from it (peerId === initBy).
    const aliceInvited = await alice.events.waitFor('invited', ofConv);
    expect(aliceInvited).toMatchObject({ cmd: 'conv', op: 'joined', cid: conv.id, initBy: 'alice', peerId: 'alice' });
    expect(aliceInvited).not.toHaveProperty('i');
    const aliceMembersJoined = await alice.events.waitFor('membersjoined', ofConv);
    expect(aliceMembersJoined).toMatchObject({ cmd: 'conv', op: 'members-joined', cid: conv.id, initBy: 'alice', peerId: 'alice' });
    expect([...aliceMembersJoined.m].sort()).toEqual(['alice', 'bob']);
    expect(alice.events.all('join', (f) => f.op === 'joined')).toEqual([]);

    // Online member: `invited` and the deprecated `join` (peerId !== initBy), then members-joined.
    const bobInvited = await bob.events.waitFor('invited', ofConv);
    expect(bobInvited).toMatchObject({ cmd: 'conv', op: 'joined', cid: conv.id, initBy: 'alice', peerId: 'bob' });
    await bob.events.waitFor('join', (f) => ofConv(f) && f.op === 'joined');
    const bobMembersJoined = await bob.events.waitFor('membersjoined', ofConv);
    expect([...bobMembersJoined.m].sort()).toEqual(['alice', 'bob']);
  });

  it('room(id) reads name and attr from the server; an unknown id gives null', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    const conv = await alice.conv({ name: 'Weekend', members: ['bob'], attr: { topic: 'hiking' } });

    const found = await bob.room(conv.id);

    expect(found?.id).toBe(conv.id);
    expect(found?.room.name).toBe('Weekend');
    expect(found?.room.attr).toEqual({ topic: 'hiking' });
    // The 2.x test suite uses exactly this id: not an object id, still an empty result.
    await expect(bob.room('noneexistingroomid')).resolves.toBeNull();
    await expect(bob.room('0123456789abcdef01234567')).resolves.toBeNull();
  });

  it('list gives the members (creator included) and count their number', async () => {
    const alice = await fixture.open('alice');
    const conv = await alice.conv({ members: ['bob', 'carol'] });

    expect([...(await conv.list())].sort()).toEqual(['alice', 'bob', 'carol']);
    await expect(conv.count()).resolves.toBe(3);
  });

  it('an empty member list creates a conversation of the creator alone', async () => {
    const alice = await fixture.open('alice');
    const conv = await alice.conv({});

    await expect(conv.list()).resolves.toEqual(['alice']);
  });

  it('unique returns the existing conversation with the same members', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');

    const first = await alice.conv({ members: ['bob'], unique: true });
    const again = await alice.conv({ members: ['bob'], unique: true });
    const fromBob = await bob.conv({ members: ['alice'], unique: true });
    const notUnique = await alice.conv({ members: ['bob'] });

    expect(again.id).toBe(first.id);
    expect(fromBob.id).toBe(first.id);
    expect(notUnique.id).not.toBe(first.id);
  });

  it('update changes the stored name and attr', async () => {
    const alice = await fixture.open('alice');
    const conv = await alice.conv({ name: 'Old', members: ['bob'], attr: { level: 1 } });

    const updated = await conv.update({ name: 'New', attr: { level: 2 } });

    expect(updated).toMatchObject({ cmd: 'conv', op: 'updated', i: expect.any(Number) });
    const reread = await alice.room(conv.id);
    expect(reread?.room.name).toBe('New');
    expect(reread?.room.attr).toEqual({ level: 2 });
  });

  it('refuses a normal conversation over 500 members with 4304, reaching the error event', async () => {
    const alice = await fixture.open('alice');
    const members = Array.from({ length: 500 }, (_, n) => `member-${n}`);

    const refused = alice.conv({ members });

    await expect(refused).rejects.toBeInstanceOf(OfficialRequestError);
    await expect(refused).rejects.toMatchObject({ code: 4304, frame: { cmd: 'error', code: 4304 } });
    // A chat room has no member limit.
    await expect(alice.conv({ members, transient: true })).resolves.toBeDefined();
  });
});
