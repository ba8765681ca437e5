// The official 2.4.0 client against the real server: query with where / sort / limit / skip /
// compact / withLastMessages (protocol §2.6 and the 2.4.0 query mapping in §7).
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();

/** Three conversations of alice's, activity order: beta (newest message), alpha, then gamma (none). */
async function threeConversations() {
  const alice = await fixture.open('alice');
  const alpha = await alice.conv({ name: 'alpha', members: ['bob'], attr: { level: 1 } });
  const beta = await alice.conv({ name: 'beta', members: ['bob', 'carol'], attr: { level: 2 } });
  const gamma = await alice.conv({ name: 'gamma', members: ['carol'], attr: { level: 3 } });
  await alpha.send('first in alpha');
  // `lm` is a time: make the two last messages land in different milliseconds.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const lastInBeta = await beta.send('latest in beta');
  return { alice, alpha, beta, gamma, lastInBeta };
}

describe('official 2.4.0 client: query', () => {
  it('query() lists the conversations the client is in, most recently active first', async () => {
    const { alice, alpha, beta, gamma } = await threeConversations();
    await fixture.open('bob').then((bob) => bob.conv({ name: 'not alice', members: ['carol'] }));

    const results = await alice.query();

    expect(results.map((r) => r.objectId)).toEqual([beta.id, alpha.id, gamma.id]);
  });

  it('results carry the conversation document fields', async () => {
    const { alice, beta } = await threeConversations();

    const [result] = await alice.query({ where: { objectId: beta.id } });

    expect(result).toMatchObject({ objectId: beta.id, name: 'beta', attr: { level: 2 }, c: 'alice' });
    expect([...result.m].sort()).toEqual(['alice', 'bob', 'carol']);
    expect(Number.isNaN(Date.parse(result.createdAt))).toBe(false);
    expect(Number.isNaN(Date.parse(result.updatedAt))).toBe(false);
    expect(result).toHaveProperty('lm');
  });

  it('where m with an array means all of these members ($all)', async () => {
    const { alice, beta } = await threeConversations();

    const results = await alice.query({ where: { m: ['bob', 'carol'] } });

    expect(results.map((r) => r.objectId)).toEqual([beta.id]);
  });

  it('roomIds selects by id ($in), and unknown ids are simply absent', async () => {
    const { alice, alpha, gamma } = await threeConversations();

    const results = await alice.query({ where: { roomIds: [alpha.id, gamma.id, 'noneexistingroomid'] }, sort: 'name' });

    expect(results.map((r) => r.objectId)).toEqual([alpha.id, gamma.id]);
  });

  it('where on name and on attr fields', async () => {
    const { alice, alpha, gamma } = await threeConversations();

    const byName = await alice.query({ where: { name: 'gamma' } });
    const byAttr = await alice.query({ where: { 'attr.level': { $lte: 1 } } });
    const byRegex = await alice.query({ where: { name: { $regex: '^(al|ga)' } }, sort: 'name' });

    expect(byName.map((r) => r.objectId)).toEqual([gamma.id]);
    expect(byAttr.map((r) => r.objectId)).toEqual([alpha.id]);
    expect(byRegex.map((r) => r.name)).toEqual(['alpha', 'gamma']);
  });

  it('$or, $exists, $ne and the creator field', async () => {
    const { alice, alpha, beta, gamma } = await threeConversations();
    await fixture.open('bob').then((bob) => bob.conv({ name: 'bob alone', members: [] }));

    const either = await alice.query({ where: { $or: [{ name: 'alpha' }, { 'attr.level': 3 }] }, sort: 'name' });
    // 2.4.0 wraps any non-string `m` in `$all`, so "any of these members" has to be an $or.
    const withCarolOrDave = await alice.query({ where: { $or: [{ m: 'carol' }, { m: 'dave' }] }, sort: 'name' });
    const withLevel = await alice.query({ where: { 'attr.level': { $exists: true }, name: { $ne: 'beta' } }, sort: 'name' });
    const byBob = await alice.query({ where: { c: 'bob' } });

    expect(either.map((r) => r.objectId)).toEqual([alpha.id, gamma.id]);
    expect(withCarolOrDave.map((r) => r.objectId)).toEqual([beta.id, gamma.id]);
    expect(withLevel.map((r) => r.objectId)).toEqual([alpha.id, gamma.id]);
    expect(byBob.map((r) => r.name)).toEqual(['bob alone']);
  });

  it('chat rooms can be found with tr, and sort takes several fields', async () => {
    const alice = await fixture.open('alice');
    const lobby = await alice.conv({ name: 'lobby', transient: true });
    await alice.conv({ name: 'private', members: ['bob'] });
    // createdAt is a time: make the two rooms' creations land in different milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await alice.conv({ name: 'lobby', transient: true });

    const rooms = await alice.query({ where: { tr: true }, sort: 'name,-createdAt' });

    expect(rooms.map((r) => r.objectId)).toEqual([second.id, lobby.id]);
    expect(rooms.every((r) => r.tr === true)).toBe(true);
  });

  it('sort, limit and skip page through the results', async () => {
    const { alice } = await threeConversations();

    const ascending = await alice.query({ sort: 'name' });
    const descending = await alice.query({ sort: '-name' });
    const page = await alice.query({ sort: 'name', limit: 1, skip: 1 });
    const rest = await alice.query({ sort: 'name', limit: 10, skip: 2 });

    expect(ascending.map((r) => r.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(descending.map((r) => r.name)).toEqual(['gamma', 'beta', 'alpha']);
    expect(page.map((r) => r.name)).toEqual(['beta']);
    expect(rest.map((r) => r.name)).toEqual(['gamma']);
  });

  it('limit defaults to 10 on the client side', async () => {
    const alice = await fixture.open('alice');
    for (let n = 0; n < 12; n++) await alice.conv({ name: `c${n}`, members: ['bob'] });

    await expect(alice.query()).resolves.toHaveLength(10);
    await expect(alice.query({ limit: 100 })).resolves.toHaveLength(12);
  });

  it('compact leaves the member lists out', async () => {
    const { alice } = await threeConversations();

    const results = await alice.query({ compact: true });

    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result).not.toHaveProperty('m');
      expect(result).not.toHaveProperty('mu');
      expect(result).toHaveProperty('objectId');
    }
  });

  it('withLastMessages adds the last message of each conversation', async () => {
    const { alice, beta, gamma, lastInBeta } = await threeConversations();

    const results = await alice.query({ withLastMessages: true });

    const betaResult = results.find((r) => r.objectId === beta.id)!;
    expect(betaResult).toMatchObject({ msg: 'latest in beta', msg_from: 'alice', msg_mid: lastInBeta.uid, msg_timestamp: lastInBeta.t });
    expect(betaResult).toHaveProperty('m');
    const gammaResult = results.find((r) => r.objectId === gamma.id)!;
    expect(gammaResult.msg).toBeUndefined();
  });

  it('an empty result is an empty array', async () => {
    const alice = await fixture.open('alice');

    await expect(alice.query()).resolves.toEqual([]);
    await expect(alice.query({ where: { name: 'nothing like this' } })).resolves.toEqual([]);
  });
});
