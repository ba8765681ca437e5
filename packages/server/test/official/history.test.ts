// The official 2.4.0 client against the real server: log (history) with its t / mid / limit
// paging, as 2.4.0 decodes it (protocol §2.10, §5.3).
import { OfficialRequestError } from './helpers/official-request-error';
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();

async function conversationWith(count: number) {
  const alice = await fixture.open('alice');
  const conv = await alice.conv({ members: ['bob'] });
  const acks = [];
  // Sent back to back, so several share a millisecond: paging must still neither skip nor repeat.
  for (let n = 1; n <= count; n++) acks.push(await conv.send(`m${n}`));
  return { alice, conv, acks };
}

describe('official 2.4.0 client: log', () => {
  it('log() gives the 20 newest messages, oldest first, in the shape 2.4.0 builds', async () => {
    const { conv, acks } = await conversationWith(30);

    const logs = await conv.log();

    expect(logs.map((m) => m.msgId)).toEqual(acks.slice(10).map((a) => a.uid));
    for (const [n, item] of logs.entries()) {
      const ack = acks[10 + n];
      expect(item).toMatchObject({ from: 'alice', fromPeerId: 'alice', data: `m${11 + n}`, msg: `m${11 + n}`, msgId: ack.uid, timestamp: ack.t });
    }
  });

  it('pages back with t and mid until the beginning, without gaps or repeats', async () => {
    const { conv, acks } = await conversationWith(30);

    const seen: string[] = [];
    let page = await conv.log({ limit: 7 });
    while (page.length > 0) {
      expect(page.length).toBeLessThanOrEqual(7);
      seen.unshift(...page.map((m) => m.msgId));
      page = await conv.log({ t: page[0].timestamp, mid: page[0].msgId, limit: 7 });
    }

    expect(seen).toEqual(acks.map((a) => a.uid));
  });

  it('t alone returns only messages strictly older than t', async () => {
    const { conv, acks } = await conversationWith(5);
    const newest = acks[4];

    const older = await conv.log({ t: newest.t, limit: 100 });

    expect(older.length).toBeGreaterThan(0);
    for (const item of older) expect(item.timestamp).toBeLessThan(newest.t);
    expect(older.map((m) => m.msgId)).toEqual(acks.filter((a) => a.t < newest.t).map((a) => a.uid));
  });

  it('limit bounds the page to the newest messages', async () => {
    const { conv, acks } = await conversationWith(8);

    const logs = await conv.log({ limit: 3 });

    expect(logs.map((m) => m.data)).toEqual(['m6', 'm7', 'm8']);
    expect(logs.map((m) => m.msgId)).toEqual(acks.slice(5).map((a) => a.uid));
  });

  it('a conversation without messages logs an empty array; rich media comes back decoded', async () => {
    const alice = await fixture.open('alice');
    const conv = await alice.conv({ members: ['bob'] });
    await expect(conv.log()).resolves.toEqual([]);

    await conv.send({ text: 'caption', attr: { a: 1 } }, { type: 'text' });
    const [item] = await conv.log();

    expect(item.data).toEqual({ type: 'text', text: 'caption', attr: { a: 1 } });
    expect(item.msg).toEqual(item.data);
  });

  it('a client outside the conversation cannot read its history', async () => {
    const { conv } = await conversationWith(2);
    const mallory = await fixture.open('mallory');
    const malloryConv = (await mallory.room(conv.id))!;

    await expect(malloryConv.log()).rejects.toBeInstanceOf(OfficialRequestError);
  });
});
