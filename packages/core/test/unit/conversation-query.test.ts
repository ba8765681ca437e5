import { Connection, IMClient, MessageRegistry } from '@realtime/core';
import { FakeTransport, flushMicrotasks } from '../fakes/fake-transport';

// Fake timers: the connections here are never closed, and real heartbeat timers would keep jest alive.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function client() {
  const fake = new FakeTransport();
  const connection = new Connection({ appId: 'app', clientId: 'alice', server: 'ws://fake/', transport: fake.factory });
  const imClient = new IMClient(connection, new MessageRegistry());
  connection.connect();
  await fake.openSession();
  return { fake, imClient };
}

describe('ConversationQuery', () => {
  it('defaults to the conversations the client is in, newest activity first', async () => {
    const { fake, imClient } = await client();
    const found = imClient.getQuery().find();
    const frame = fake.last.lastSent();
    expect(frame).toMatchObject({ cmd: 'conv', op: 'query', where: { m: 'alice' }, sort: '-lm', limit: 10, skip: 0, flag: 0 });
    fake.last.receive({ cmd: 'conv', op: 'results', i: frame.i, results: [] });
    await expect(found).resolves.toEqual([]);
  });

  it('maps API field names to storage columns and builds operators', async () => {
    const { fake, imClient } = await client();
    const found = imClient.getQuery()
      .containsMembers(['bob', 'carol'])
      .equalTo('attributes.topic', 'cats')
      .containedIn('name', ['a', 'b'])
      .greaterThan('lastMessageAt', new Date('2026-01-01T00:00:00Z'))
      .lessThan('lastMessageAt', new Date('2026-02-01T00:00:00Z'))
      .descending('lastMessageAt').addAscending('name')
      .limit(5).skip(10).compact().withLastMessagesRefreshed()
      .find();
    expect(fake.last.lastSent()).toMatchObject({
      where: {
        m: { $all: ['bob', 'carol'] },
        'attr.topic': 'cats',
        name: { $in: ['a', 'b'] },
        lm: { $gt: { __type: 'Date', iso: '2026-01-01T00:00:00.000Z' }, $lt: { __type: 'Date', iso: '2026-02-01T00:00:00.000Z' } },
      },
      sort: '-lm,name', limit: 5, skip: 10, flag: 3,
    });
    fake.last.receive({ cmd: 'conv', op: 'results', i: fake.last.lastSent().i, results: [] });
    await expect(found).resolves.toEqual([]);
  });

  it('turns results into cached Conversation objects with decoded last messages', async () => {
    const { fake, imClient } = await client();
    const found = imClient.getQuery().withLastMessagesRefreshed().find();
    fake.last.receive({
      cmd: 'conv', op: 'results', i: fake.last.lastSent().i,
      results: [{
        objectId: 'c1', name: 'n', m: ['alice', 'bob'], attr: { x: 1 }, c: 'bob', tr: false,
        lm: { __type: 'Date', iso: '2026-01-01T00:00:00.000Z' }, createdAt: '2025-12-01T00:00:00.000Z',
        msg: '{"_lctype":-1,"_lctext":"last"}', msg_from: 'bob', msg_mid: 'm9', msg_timestamp: 1767225600000,
      }],
    });
    const [conversation] = await found;
    expect(conversation).toMatchObject({ id: 'c1', name: 'n', members: ['alice', 'bob'], attributes: { x: 1 }, creator: 'bob', transient: false });
    expect(conversation.lastMessageAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(conversation.lastMessage).toMatchObject({ text: 'last', id: 'm9', from: 'bob' });
    const again = imClient.getQuery().find();
    fake.last.receive({ cmd: 'conv', op: 'results', i: fake.last.lastSent().i, results: [{ objectId: 'c1', name: 'renamed' }] });
    const [same] = await again;
    expect(same).toBe(conversation);
    expect(same.name).toBe('renamed');
    // Fields a record leaves out (a compact query has no member list) keep their values.
    expect(same).toMatchObject({ members: ['alice', 'bob'], attributes: { x: 1 }, creator: 'bob' });
  });

  it('reads dates it does not understand as no date (not an Invalid Date)', async () => {
    const { fake, imClient } = await client();
    const found = imClient.getQuery().find();
    fake.last.receive({
      cmd: 'conv', op: 'results', i: fake.last.lastSent().i,
      results: [{ objectId: 'c1', createdAt: {}, updatedAt: { __type: 'Date' }, lm: true, msg: 'hi', msg_timestamp: 1000 }],
    });
    const [conversation] = await found;
    expect(conversation.createdAt).toBeUndefined();
    expect(conversation.updatedAt).toBeUndefined();
    expect(conversation.lastMessageAt).toBeUndefined();
    expect(conversation.lastMessage?.timestamp?.getTime()).toBe(1000);
  });

  it('keeps a copy of a record\'s attributes', async () => {
    const { fake, imClient } = await client();
    const found = imClient.getQuery().find();
    fake.last.receive({ cmd: 'conv', op: 'results', i: fake.last.lastSent().i, results: [{ objectId: 'c1', attr: { x: 1 } }] });
    const [conversation] = await found;
    const attributes = { y: 2 };
    conversation.applyRecord({ attr: attributes });
    attributes.y = 3;
    expect(conversation.attributes).toEqual({ y: 2 });
  });

  it('rejects bad limits and skips with coded errors', async () => {
    const { imClient } = await client();
    expect(() => imClient.getQuery().limit(0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => imClient.getQuery().skip(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
