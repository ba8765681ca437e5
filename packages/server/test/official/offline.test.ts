// The official 2.4.0 client against the real server: messages sent while a member was away
// arrive at its next session open – every one of them (more than the old 20), in order, once.
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();

describe('official 2.4.0 client: offline delivery', () => {
  it('delivers all 25 missed messages at the next open, in order, each once, and acks them', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    const conv = await alice.conv({ members: ['bob'] });
    await bob.close();

    const acks = [];
    for (let n = 1; n <= 25; n++) acks.push(await conv.send(`missed ${n}`, { receipt: true }));

    const bobAgain = await fixture.open('bob');
    const ofConv = (f: { cid: string }) => f.cid === conv.id;
    const delivered = await bobAgain.events.waitForCount('message', 25, ofConv);

    expect(delivered.map((m) => m.id)).toEqual(acks.map((a) => a.uid));
    expect(delivered.map((m) => m.msg)).toEqual(acks.map((_, n) => `missed ${n + 1}`));
    for (const [n, message] of delivered.entries()) {
      expect(message).toMatchObject({ cmd: 'direct', cid: conv.id, fromPeerId: 'alice', timestamp: acks[n].t, peerId: 'bob' });
      expect(message.offline).toBe(true);
    }
    // 2.4.0 acks each delivery; with `r` set every one turns into a receipt for alice.
    const receipts = await conv.waitForReceipts(25);
    expect(new Set(receipts.map((r) => r.id))).toEqual(new Set(acks.map((a) => a.uid)));

    // A live message after the backlog comes after it, and nothing came twice.
    const live = await conv.send('live one');
    await bobAgain.events.waitFor('message', (f) => f.id === live.uid);
    const all = bobAgain.events.all('message', ofConv);
    expect(all.map((m) => m.id)).toEqual([...acks.map((a) => a.uid), live.uid]);
    expect(all.at(-1).offline).toBeFalsy();

    // The acked backlog is not delivered again at the following session.
    await bobAgain.close();
    const bobThird = await fixture.open('bob');
    const marker = await conv.send('marker');
    await bobThird.events.waitFor('message', (f) => f.id === marker.uid);
    expect(bobThird.events.all('message', ofConv).map((m) => m.id)).toEqual([marker.uid]);
  });

  it('keeps the backlogs of several conversations apart, each in order', async () => {
    const alice = await fixture.open('alice');
    const carol = await fixture.open('carol');
    const withAlice = await alice.conv({ members: ['bob'] });
    const withCarol = await carol.conv({ members: ['bob'] });

    const expected = new Map<string, string[]>([[withAlice.id, []], [withCarol.id, []]]);
    for (let n = 1; n <= 12; n++) {
      const conv = n % 3 === 0 ? withCarol : withAlice;
      const ack = await conv.send(`m${n}`);
      expected.get(conv.id)!.push(ack.uid);
    }

    const bob = await fixture.open('bob');
    await bob.events.waitForCount('message', 12);
    for (const [cid, ids] of expected) {
      expect(bob.events.all('message', (f) => f.cid === cid).map((m) => m.id)).toEqual(ids);
    }
  });

  it('a message to a member who never opened a session waits for its first open', async () => {
    const alice = await fixture.open('alice');
    const conv = await alice.conv({ members: ['newcomer'] });
    const ack = await conv.send('welcome');

    const newcomer = await fixture.open('newcomer');

    const [message] = await newcomer.events.waitForCount('message', 1);
    expect(message).toMatchObject({ id: ack.uid, cid: conv.id, msg: 'welcome', offline: true });
  });
});
