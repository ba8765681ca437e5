import { Connection, Conversation, IMClient, LocationMessage, MessageRegistry, TextMessage } from '@realtime/core';
import { FakeTransport, flushMicrotasks } from '../fakes/fake-transport';

// Fake timers: the connections here are never closed, and real heartbeat timers would keep jest alive.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const invalidArgument = expect.objectContaining({ name: 'RealtimeError', code: 'INVALID_ARGUMENT' });

/** A logged-in client with conversation `c1` (members alice and bob) and a signature factory to watch. */
async function setup() {
  const fake = new FakeTransport();
  const connection = new Connection({ appId: 'app', clientId: 'alice', server: 'ws://fake/', transport: fake.factory });
  const sign = jest.fn(() => ({ signature: 's', timestamp: 1, nonce: 'n' }));
  const client = new IMClient(connection, new MessageRegistry(), sign);
  connection.connect();
  await fake.openSession();
  const created = client.createConversation({ members: ['bob'] });
  await flushMicrotasks();
  fake.last.receive({ cmd: 'conv', op: 'started', i: fake.last.lastSent().i, cid: 'c1' });
  const conversation: Conversation = await created;
  sign.mockClear();
  return { fake, client, conversation, sign, sentCount: () => fake.last.sent.length };
}

/** Answers the last request with `frame`. */
function reply(fake: FakeTransport, frame: Record<string, unknown>): void {
  fake.last.receive({ ...frame, i: fake.last.lastSent().i });
}

describe('Conversation argument checks (before anything is signed, sent or queued)', () => {
  it('update({}) and update() reject: nothing to update', async () => {
    const { conversation, sentCount } = await setup();
    const before = sentCount();
    await expect(conversation.update({})).rejects.toEqual(invalidArgument);
    await expect((conversation.update as (changes?: object) => Promise<unknown>)()).rejects.toEqual(invalidArgument);
    expect(sentCount()).toBe(before);
  });

  it.each([0, -1, 1.5, Number.NaN, '5'])('queryMessages({ limit: %p }) rejects', async (limit) => {
    const { conversation, sentCount } = await setup();
    const before = sentCount();
    await expect(conversation.queryMessages({ limit: limit as number })).rejects.toEqual(invalidArgument);
    expect(sentCount()).toBe(before);
  });

  it('queryMessages accepts any positive integer limit, as before (the server caps it)', async () => {
    const { fake, conversation } = await setup();
    const found = conversation.queryMessages({ limit: 5000 });
    expect(fake.last.lastSent()).toMatchObject({ cmd: 'logs', limit: 5000 });
    reply(fake, { cmd: 'logs', logs: [] });
    await expect(found).resolves.toEqual([]);
  });

  it.each([
    ['an empty list', []],
    ['an empty id', ['']],
    ['a non-string id', ['bob', 7]],
    ['a number', 7],
    ['null', null],
    ['an object', { id: 'bob' }],
  ])('add and remove reject %s', async (_name, ids) => {
    const { conversation, sentCount, sign } = await setup();
    const before = sentCount();
    await expect(conversation.add(ids as string[])).rejects.toEqual(invalidArgument);
    await expect(conversation.remove(ids as string[])).rejects.toEqual(invalidArgument);
    expect(sign).not.toHaveBeenCalled();
    expect(sentCount()).toBe(before);
    expect(conversation.members).toEqual(['alice', 'bob']);
  });

  it('add and remove take one id or a list of ids', async () => {
    const { fake, conversation } = await setup();
    const added = conversation.add('carol');
    await flushMicrotasks();
    expect(fake.last.lastSent()).toMatchObject({ op: 'add', m: ['carol'] });
    reply(fake, { cmd: 'conv', op: 'added' });
    await added;
    const removed = conversation.remove(['bob', 'carol']);
    await flushMicrotasks();
    expect(fake.last.lastSent()).toMatchObject({ op: 'remove', m: ['bob', 'carol'] });
    reply(fake, { cmd: 'conv', op: 'removed' });
    await removed;
    expect(conversation.members).toEqual(['alice']);
  });

  it('send() of a location without coordinates rejects with INVALID_ARGUMENT, not a TypeError', async () => {
    const { conversation, sentCount } = await setup();
    const before = sentCount();
    await expect(conversation.send(new LocationMessage(null as never))).rejects.toEqual(invalidArgument);
    expect(sentCount()).toBe(before);
  });
});

describe('Conversation state', () => {
  it('update() keeps a copy of the attributes, not the app object', async () => {
    const { fake, conversation } = await setup();
    const attributes = { topic: 'cats' };
    const updated = conversation.update({ attributes });
    expect(fake.last.lastSent()).toMatchObject({ op: 'update', attr: { attr: { topic: 'cats' } } });
    reply(fake, { cmd: 'conv', op: 'updated', udate: '2026-01-01T00:00:00.000Z' });
    await updated;
    attributes.topic = 'dogs';
    expect(conversation.attributes).toEqual({ topic: 'cats' });
    expect(conversation.updatedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a transient send leaves message.id as it was (no ack, no server id)', async () => {
    const { fake, conversation } = await setup();
    const message = new TextMessage('typing');
    message.id = 'app-id';
    await expect(conversation.send(message, { transient: true })).resolves.toBe(message);
    expect(fake.last.lastSent()).toMatchObject({ cmd: 'direct', transient: true });
    expect(message).toMatchObject({ id: 'app-id', status: 'sent' });
    const fresh = await conversation.send(new TextMessage('typing'), { transient: true });
    expect(fresh.id).toBeUndefined();
  });

  it('a normal send takes the id of the ack', async () => {
    const { fake, conversation } = await setup();
    const message = new TextMessage('hi');
    message.id = 'app-id';
    const sent = conversation.send(message);
    reply(fake, { cmd: 'ack', uid: 'srv-1', t: 5 });
    await expect(sent).resolves.toMatchObject({ id: 'srv-1', status: 'sent' });
  });
});
