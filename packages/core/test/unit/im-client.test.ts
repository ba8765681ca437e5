import { Connection, IMClient, MessageRegistry, Realtime, TextMessage, type Message } from '@realtime/core';
import { FakeTransport, flushMicrotasks } from '../fakes/fake-transport';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const openSession = (fake: FakeTransport) => fake.openSession();

async function setup() {
  const fake = new FakeTransport();
  const connection = new Connection({
    appId: 'app', clientId: 'alice', server: 'ws://fake/', transport: fake.factory, reconnect: { random: () => 0.5, baseDelayMs: 1000 },
  });
  const client = new IMClient(connection, new MessageRegistry());
  const events: string[] = [];
  for (const name of ['disconnect', 'schedule', 'retry', 'reconnect', 'close'] as const) {
    client.on(name, (...args: unknown[]) => events.push([name, ...args.map((a) => JSON.stringify(a))].join(' ')));
  }
  connection.connect();
  await openSession(fake);
  client.releaseHeldPushes(); // what Realtime.createIMClient does once login resolved
  return { fake, connection, client, events };
}

describe('IMClient', () => {
  it('emits message with the decoded message and its conversation, on client and conversation', async () => {
    const { fake, client } = await setup();
    const seen: Array<[Message, string]> = [];
    client.on('message', (message, conversation) => seen.push([message, conversation.id]));
    fake.last.receive({ cmd: 'direct', cid: 'c1', id: 'm1', fromPeerId: 'bob', timestamp: 1000, msg: '{"_lctype":-1,"_lctext":"yo"}', offline: true });
    expect(seen).toHaveLength(1);
    const [message, cid] = seen[0];
    expect(cid).toBe('c1');
    expect(message).toBeInstanceOf(TextMessage);
    expect(message).toMatchObject({ id: 'm1', from: 'bob', text: 'yo', offline: true, status: 'received' });
    expect(message.timestamp?.getTime()).toBe(1000);
  });

  it('maps membership pushes to invited, kicked, membersjoined, membersleft and keeps members current', async () => {
    const { fake, client } = await setup();
    const seen: string[] = [];
    for (const name of ['invited', 'kicked', 'membersjoined', 'membersleft'] as const) {
      client.on(name, (payload: unknown, conversation) => seen.push(`${name} ${JSON.stringify(payload)} ${conversation.members.join(',')}`));
    }
    fake.last.receive({ cmd: 'conv', op: 'joined', cid: 'c1', initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'members-joined', cid: 'c1', m: ['alice', 'bob'], initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'members-left', cid: 'c1', m: ['bob'], initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'left', cid: 'c1', initBy: 'carol' });
    expect(seen).toEqual([
      'invited {"invitedBy":"bob"} alice',
      'membersjoined {"members":["alice","bob"],"invitedBy":"bob"} alice,bob',
      'membersleft {"members":["bob"],"kickedBy":"bob"} alice',
      'kicked {"kickedBy":"carol"} ',
    ]);
  });

  it('emits receipt on the conversation', async () => {
    const { fake, client } = await setup();
    const conversationPromise = client.createConversation({ members: ['bob'] });
    await flushMicrotasks();
    fake.last.receive({ cmd: 'conv', op: 'started', i: fake.last.lastSent().i, cid: 'c1', cdate: '2026-01-01T00:00:00.000Z' });
    const conversation = await conversationPromise;
    const receipts: unknown[] = [];
    conversation.on('receipt', (payload) => receipts.push(payload));
    fake.last.receive({ cmd: 'rcp', id: 'm1', cid: 'c1', t: 5000, from: 'bob' });
    expect(receipts).toEqual([{ messageId: 'm1', deliveredAt: new Date(5000), from: 'bob' }]);
  });

  it('sends start with the {name, attr} wrapper and fills the conversation', async () => {
    const { fake, client } = await setup();
    const created = client.createConversation({ members: ['bob', 'bob'], name: 'n', attributes: { x: 1 }, unique: true });
    await flushMicrotasks();
    const start = fake.last.lastSent();
    expect(start).toMatchObject({ cmd: 'conv', op: 'start', m: ['bob'], attr: { name: 'n', attr: { x: 1 } }, transient: false, unique: true });
    fake.last.receive({ cmd: 'conv', op: 'started', i: start.i, cid: 'c9' });
    await expect(created).resolves.toMatchObject({ id: 'c9', name: 'n', members: ['alice', 'bob'], attributes: { x: 1 } });
  });

  it('signs conversation operations when a factory is given', async () => {
    const fake = new FakeTransport();
    const connection = new Connection({ appId: 'app', clientId: 'alice', server: 'ws://fake/', transport: fake.factory });
    const factory = jest.fn(() => ({ signature: 'sig', timestamp: 7, nonce: 'n' }));
    const client = new IMClient(connection, new MessageRegistry(), factory);
    connection.connect();
    await openSession(fake);
    void client.createConversation({ members: ['carol', 'bob'] });
    await flushMicrotasks();
    expect(factory).toHaveBeenCalledWith(null, 'alice', ['bob', 'carol'], 'create');
    expect(fake.last.lastSent()).toMatchObject({ op: 'start', s: 'sig', t: 7, n: 'n' });
  });

  it('sends while offline: the message waits and resolves with its server id after reconnect', async () => {
    const { fake, client, events } = await setup();
    const created = client.createConversation({ members: ['bob'] });
    await flushMicrotasks();
    fake.last.receive({ cmd: 'conv', op: 'started', i: fake.last.lastSent().i, cid: 'c1' });
    const conversation = await created;
    fake.last.drop();
    const message = new TextMessage('queued');
    const sent = conversation.send(message);
    expect(message.status).toBe('sending');
    await jest.advanceTimersByTimeAsync(500);
    await openSession(fake);
    const direct = fake.last.sentOf('direct')[0];
    expect(direct).toMatchObject({ cid: 'c1', r: false, transient: false });
    fake.last.receive({ cmd: 'ack', i: direct.i, uid: 'srv-1', t: 42 });
    await expect(sent).resolves.toBe(message);
    expect(message).toMatchObject({ id: 'srv-1', status: 'sent' });
    expect(message.timestamp?.getTime()).toBe(42);
    expect(events).toEqual(['disconnect', 'schedule 1 500', 'retry 1', 'reconnect']);
  });

  it('marks a refused message failed and rejects with the coded error', async () => {
    const { fake, client } = await setup();
    const created = client.createConversation({});
    await flushMicrotasks();
    fake.last.receive({ cmd: 'conv', op: 'started', i: fake.last.lastSent().i, cid: 'c1' });
    const conversation = await created;
    const message = new TextMessage('no');
    const sent = conversation.send(message);
    fake.last.receive({ cmd: 'ack', i: fake.last.lastSent().i, code: 4401, reason: 'INVALID_MESSAGING_TARGET' });
    await expect(sent).rejects.toMatchObject({ code: 'INVALID_MESSAGING_TARGET' });
    expect(message.status).toBe('failed');
  });

  it('emits close with the fatal error', async () => {
    const { fake, events } = await setup();
    fake.last.receive({ cmd: 'session', op: 'closed', code: 4115, reason: 'KICKED_BY_APP' });
    expect(events.at(-1)).toMatch(/^close /);
    expect(events.at(-1)).toContain('KICKED_BY_APP');
  });

  it('holds messages pushed during login until the caller could attach listeners', async () => {
    const fake = new FakeTransport();
    const realtime = new Realtime({ appId: 'app', server: 'ws://fake/', transport: fake.factory });
    const creating = realtime.createIMClient('alice');
    await flushMicrotasks();
    fake.last.open();
    await flushMicrotasks();
    // Offline messages follow `session opened` in the same burst, before any app code runs.
    fake.last.acceptSession();
    fake.last.receive({ cmd: 'direct', cid: 'c1', id: 'off-1', fromPeerId: 'bob', timestamp: 1, msg: 'while you were away', offline: true });
    const client = await creating;
    const seen: string[] = [];
    client.on('message', (message) => seen.push(message.id!));
    expect(seen).toEqual([]);
    await jest.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['off-1']);
    fake.last.receive({ cmd: 'direct', cid: 'c1', id: 'live-1', fromPeerId: 'bob', timestamp: 2, msg: 'live' });
    expect(seen).toEqual(['off-1', 'live-1']);
  });
});

describe('IMClient argument checks (before anything is signed or sent)', () => {
  const invalidArgument = expect.objectContaining({ name: 'RealtimeError', code: 'INVALID_ARGUMENT' });

  it.each([['a number', 5], ['an empty string', ''], ['undefined', undefined], ['an array', ['c1']]])(
    'getConversation(%s) rejects (asynchronously)',
    async (_name, id) => {
      const { fake, client } = await setup();
      const before = fake.last.sent.length;
      const found = client.getConversation(id as string);
      expect(found).toBeInstanceOf(Promise);
      await expect(found).rejects.toEqual(invalidArgument);
      expect(fake.last.sent).toHaveLength(before);
    },
  );

  it.each([['a string', 'bob'], ['an empty id', ['']], ['a non-string id', ['bob', 1]], ['an object', {}]])(
    'createConversation({ members: %s }) rejects',
    async (_name, members) => {
      const { fake, client } = await setup();
      const before = fake.last.sent.length;
      await expect(client.createConversation({ members: members as string[] })).rejects.toEqual(invalidArgument);
      expect(fake.last.sent).toHaveLength(before);
    },
  );

  it('createConversation takes no members, an empty list or null (as before)', async () => {
    const { fake, client } = await setup();
    for (const options of [{}, { members: [] }, { members: null as unknown as string[] }]) {
      void client.createConversation(options);
      await flushMicrotasks();
      expect(fake.last.lastSent()).toMatchObject({ op: 'start', m: [] });
    }
  });

  it.each([['a number', 5], ['an empty id', ['']], ['a non-string id', [1]], ['null', null]])('ping(%s) rejects', async (_name, ids) => {
    const { fake, client } = await setup();
    const before = fake.last.sent.length;
    await expect(client.ping(ids as string[])).rejects.toEqual(invalidArgument);
    expect(fake.last.sent).toHaveLength(before);
  });

  it('ping takes one id, a list, or an empty list', async () => {
    const { fake, client } = await setup();
    for (const [ids, sessionPeerIds] of [['bob', ['bob']], [['bob', 'carol'], ['bob', 'carol']], [[], []]] as const) {
      const online = client.ping(ids as string | string[]);
      expect(fake.last.lastSent()).toMatchObject({ cmd: 'session', op: 'query', sessionPeerIds });
      fake.last.receive({ cmd: 'session', op: 'query-result', i: fake.last.lastSent().i, onlineSessionPeerIds: [] });
      await expect(online).resolves.toEqual([]);
    }
  });
});

describe('IMClient payload shapes (no keys set to undefined)', () => {
  it('emits close with {} when the app closed the client', async () => {
    const { fake, client } = await setup();
    const payloads: unknown[] = [];
    client.on('close', (payload) => payloads.push(payload));
    const closed = client.close();
    await flushMicrotasks();
    fake.last.receive({ cmd: 'session', op: 'closed', i: fake.last.sentOf('session', 'close')[0].i });
    await closed;
    expect(payloads).toStrictEqual([{}]);
  });

  it('emits close with { error } on a fatal cause', async () => {
    const { fake, client } = await setup();
    const payloads: Array<{ error?: { code: string } }> = [];
    client.on('close', (payload) => payloads.push(payload));
    fake.last.receive({ cmd: 'session', op: 'closed', code: 4115, reason: 'KICKED_BY_APP' });
    expect(Object.keys(payloads[0])).toEqual(['error']);
    expect(payloads[0].error?.code).toBe('KICKED_BY_APP');
  });

  it('emits a receipt without `from` when the push has none', async () => {
    const { fake, client } = await setup();
    const receipts: unknown[] = [];
    client.on('receipt', (payload) => receipts.push(payload));
    fake.last.receive({ cmd: 'rcp', id: 'm1', cid: 'c1', t: 5000 });
    fake.last.receive({ cmd: 'rcp', id: 'm2', cid: 'c1', t: 6000, from: 'bob' });
    expect(receipts).toStrictEqual([
      { messageId: 'm1', deliveredAt: new Date(5000) },
      { messageId: 'm2', deliveredAt: new Date(6000), from: 'bob' },
    ]);
  });

  it('emits invited/kicked without a members key, and members-* with members', async () => {
    const { fake, client } = await setup();
    const seen: unknown[] = [];
    for (const name of ['invited', 'kicked', 'membersjoined', 'membersleft'] as const) client.on(name, (payload: unknown, _conversation) => seen.push(payload));
    fake.last.receive({ cmd: 'conv', op: 'joined', cid: 'c1', initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'members-joined', cid: 'c1', m: ['carol'], initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'members-left', cid: 'c1', m: ['carol'], initBy: 'bob' });
    fake.last.receive({ cmd: 'conv', op: 'left', cid: 'c1', initBy: 'bob' });
    expect(seen).toStrictEqual([
      { invitedBy: 'bob' },
      { members: ['carol'], invitedBy: 'bob' },
      { members: ['carol'], kickedBy: 'bob' },
      { kickedBy: 'bob' },
    ]);
  });

  it('createConversation keeps a copy of the attributes, not the app object', async () => {
    const { fake, client } = await setup();
    const attributes = { topic: 'cats' };
    const created = client.createConversation({ members: ['bob'], attributes });
    await flushMicrotasks();
    fake.last.receive({ cmd: 'conv', op: 'started', i: fake.last.lastSent().i, cid: 'c1' });
    const conversation = await created;
    attributes.topic = 'dogs';
    expect(conversation.attributes).toEqual({ topic: 'cats' });
  });
});
