import { startServer, type RunningServer } from '@realtime/server';
import { ImageMessage, IMClient, LocationMessage, Message, Realtime, TextMessage, TypedMessage, createClient, isRealtimeError } from '@realtime/node';
import { eventually, nextEvent } from '../helpers/events';

let server: RunningServer;
let realtime: Realtime;

beforeEach(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:' });
  realtime = new Realtime({ appId: server.appId, router: server.routerUrl });
});

afterEach(async () => {
  await realtime.close();
  await server.close();
});

class PollMessage extends TypedMessage {
  static override readonly type = 7;
  question = '';
  override toJSON() {
    return { ...super.toJSON(), question: this.question };
  }
  static override fromJSON(json: Record<string, unknown> & { _lctype: number }) {
    const message = new PollMessage();
    message.readCommonFields(json);
    message.question = String(json.question);
    return message;
  }
}

describe('@realtime/node against the real server', () => {
  let alice: IMClient;
  let bob: IMClient;

  beforeEach(async () => {
    [alice, bob] = await Promise.all([realtime.createIMClient('alice'), realtime.createIMClient('bob')]);
  });

  it('creates a conversation, sends and receives text with server id and timestamp', async () => {
    const invited = nextEvent<[{ invitedBy?: string }, { id: string }]>(bob, 'invited');
    const conversation = await alice.createConversation({ members: ['bob'], name: 'pair', attributes: { topic: 'cats' } });
    expect(conversation.id).toMatch(/^[0-9a-f]{24}$/);
    expect(conversation.members.sort()).toEqual(['alice', 'bob']);
    const [{ invitedBy }, invitedTo] = await invited;
    expect(invitedBy).toBe('alice');
    expect(invitedTo.id).toBe(conversation.id);

    const received = nextEvent<[Message, unknown]>(bob, 'message');
    const sent = await conversation.send(new TextMessage('hello bob'));
    expect(sent.id).toEqual(expect.any(String));
    expect(sent.timestamp).toBeInstanceOf(Date);
    expect(sent.status).toBe('sent');
    const [message] = await received;
    expect(message).toBeInstanceOf(TextMessage);
    expect((message as TextMessage).getText()).toBe('hello bob');
    expect(message.id).toBe(sent.id);
    expect(message.from).toBe('alice');
  });

  it('sends strings, objects, rich media and registered custom types', async () => {
    realtime.register(PollMessage);
    const conversation = await alice.createConversation({ members: ['bob'] });
    const received: Message[] = [];
    bob.on('message', (m) => received.push(m));
    const poll = new PollMessage();
    poll.question = 'lunch?';
    await conversation.send('plain');
    await conversation.send({ any: 'object' });
    await conversation.send(new ImageMessage({ url: 'https://x.test/a.png', metaData: { width: 10, height: 20, format: 'png' } }, 'pic'));
    await conversation.send(new LocationMessage({ latitude: 1.5, longitude: 2.5 }));
    await conversation.send(poll);
    await eventually(() => received.length === 5, 5000, 'five messages');
    expect(received[0].content).toBe('plain');
    expect(received[1].content).toEqual({ any: 'object' });
    expect(received[2]).toBeInstanceOf(ImageMessage);
    expect((received[2] as ImageMessage).file).toMatchObject({ url: 'https://x.test/a.png', metaData: { width: 10 } });
    expect((received[3] as LocationMessage).location).toEqual({ latitude: 1.5, longitude: 2.5 });
    expect(received[4]).toBeInstanceOf(PollMessage);
    expect((received[4] as PollMessage).question).toBe('lunch?');
  });

  it('queries history oldest first and iterates over all of it', async () => {
    const conversation = await alice.createConversation({ members: ['bob'] });
    for (let n = 0; n < 7; n++) await conversation.send(new TextMessage(`m${n}`));
    const lastThree = await conversation.queryMessages({ limit: 3 });
    expect(lastThree.map((m) => (m as TextMessage).text)).toEqual(['m4', 'm5', 'm6']);
    const bobsView = (await bob.getConversation(conversation.id))!;
    const pages: string[][] = [];
    for await (const page of bobsView.createMessagesIterator({ limit: 3 })) pages.push(page.map((m) => (m as TextMessage).text!));
    expect(pages).toEqual([['m4', 'm5', 'm6'], ['m1', 'm2', 'm3'], ['m0']]);
  });

  it('iterates over a history full of equal timestamps without skipping or repeating', async () => {
    const conversation = await alice.createConversation({ members: ['bob'] });
    // Sent all at once, many share a millisecond; the cursor (beforeTime + beforeMessageId) must still be exact.
    const sent = await Promise.all(Array.from({ length: 50 }, (_, n) => conversation.send(`burst-${n}`)));
    const seen: string[] = [];
    for await (const page of conversation.createMessagesIterator({ limit: 7 })) seen.unshift(...page.map((m) => m.id!));
    expect(seen).toHaveLength(50);
    expect(new Set(seen)).toEqual(new Set(sent.map((m) => m.id!)));
  });

  it('delivers what was sent while the receiver was offline once it logs in, exactly once', async () => {
    const conversation = await alice.createConversation({ members: ['bob'] });
    await nextEvent(bob, 'invited');
    await bob.close();
    const sent: string[] = [];
    for (let n = 0; n < 5; n++) sent.push((await conversation.send(new TextMessage(`while away ${n}`))).id!);
    const received: Message[] = [];
    const bobAgain = await realtime.createIMClient('bob');
    bobAgain.on('message', (m) => received.push(m));
    await eventually(() => received.length >= 5, 5000, 'offline messages');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.map((m) => m.id)).toEqual(sent);
    expect(received.every((m) => m.offline)).toBe(true);
  });

  it('finds conversations with the query builder', async () => {
    const a = await alice.createConversation({ members: ['bob'], name: 'one', attributes: { level: 1 } });
    await alice.createConversation({ members: ['carol'], name: 'two', attributes: { level: 2 } });
    const mine = await alice.getQuery().find();
    expect(mine).toHaveLength(2);
    const withBob = await alice.getQuery().containsMembers(['bob']).find();
    expect(withBob.map((c) => c.id)).toEqual([a.id]);
    const byAttr = await alice.getQuery().equalTo('attributes.level', 2).find();
    expect(byAttr.map((c) => c.name)).toEqual(['two']);
    const compact = await alice.getQuery().containedIn('name', ['one', 'two']).ascending('name').compact().find();
    expect(compact.map((c) => c.name)).toEqual(['one', 'two']);
    expect(await alice.getConversation('000000000000000000000000')).toBeNull();
  });

  it('pings presence', async () => {
    expect((await alice.ping(['bob', 'nobody'])).sort()).toEqual(['bob']);
    await bob.close();
    // close() logs out with `session close`, so the server knows at once.
    expect(await alice.ping(['bob'])).toEqual([]);
  });

  it('reports membership changes: add, join, remove, quit, count, update', async () => {
    const carol = await realtime.createIMClient('carol');
    const conversation = await alice.createConversation({ members: ['bob'], name: 'group' });
    await nextEvent(bob, 'invited');
    const bobSees = nextEvent<[{ members: string[]; invitedBy?: string }]>(bob, 'membersjoined', (p: { members: string[] }) => p.members.includes('carol'));
    const carolInvited = nextEvent(carol, 'invited');
    await conversation.add(['carol']);
    expect((await bobSees)[0]).toEqual({ members: ['carol'], invitedBy: 'alice' });
    await carolInvited;
    expect(await conversation.count()).toBe(3);

    const carolKicked = nextEvent<[{ kickedBy?: string }]>(carol, 'kicked');
    const bobSeesLeft = nextEvent<[{ members: string[] }]>(bob, 'membersleft');
    await conversation.remove('carol');
    expect((await carolKicked)[0]).toEqual({ kickedBy: 'alice' });
    expect((await bobSeesLeft)[0].members).toEqual(['carol']);

    const carolsView = (await carol.getConversation(conversation.id))!;
    const aliceSeesJoin = nextEvent<[{ members: string[] }]>(conversation, 'membersjoined', (p: { members: string[] }) => p.members.includes('carol'));
    await carolsView.join();
    await aliceSeesJoin;
    const aliceSeesQuit = nextEvent<[{ members: string[] }]>(conversation, 'membersleft');
    await carolsView.quit();
    expect((await aliceSeesQuit)[0].members).toEqual(['carol']);
    expect(await conversation.count()).toBe(2);

    await conversation.update({ name: 'renamed', attributes: { pinned: true } });
    const refreshed = (await bob.getConversation(conversation.id))!;
    expect(refreshed.name).toBe('renamed');
    expect(refreshed.attributes).toEqual({ pinned: true });
  });

  it('delivers receipts to the sender', async () => {
    const conversation = await alice.createConversation({ members: ['bob'] });
    const receipt = nextEvent<[{ messageId: string; deliveredAt: Date }]>(conversation, 'receipt');
    const sent = await conversation.send(new TextMessage('ack me'), { receipt: true });
    const [payload] = await receipt;
    expect(payload.messageId).toBe(sent.id);
    expect(payload.deliveredAt).toBeInstanceOf(Date);
  });

  it('rejects refused operations with coded errors', async () => {
    const conversation = await alice.createConversation({ members: [] });
    const bobsCopy = (await bob.getConversation(conversation.id))!;
    const error = await bobsCopy.send('not a member').catch((e: unknown) => e);
    expect(isRealtimeError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_MESSAGING_TARGET', wireCode: 4401 });
  });

  it('rejects bad content locally and an oversized body with FRAME_TOO_LONG, staying connected', async () => {
    const conversation = await alice.createConversation({ members: ['bob'] });
    await expect(conversation.send(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(conversation.send(undefined as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(conversation.send('x'.repeat(6000))).rejects.toMatchObject({ code: 'FRAME_TOO_LONG', wireCode: 4109 });
    expect(alice.connection.state).toBe('connected');
    await expect(conversation.send('still fine')).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('creates a unique conversation only once', async () => {
    const first = await alice.createConversation({ members: ['bob'], unique: true });
    const second = await alice.createConversation({ members: ['bob'], unique: true });
    expect(second.id).toBe(first.id);
  });

  it('sends transient messages in a chat room', async () => {
    const room = await alice.createConversation({ name: 'lobby', transient: true });
    const bobsRoom = (await bob.getConversation(room.id))!;
    await bobsRoom.join();
    const received = nextEvent<[Message]>(bob, 'message');
    const sent = await room.send('hi room', { transient: true });
    expect(sent.id).toBeUndefined();
    const [message] = await received;
    expect(message.content).toBe('hi room');
    expect(message.transient).toBe(true);
  });

  it('createClient() logs one client in with the ws transport', async () => {
    const eve = await createClient({ appId: server.appId, server: server.wsUrl, clientId: 'eve' });
    try {
      expect(eve.connection.state).toBe('connected');
      expect(await alice.ping(['eve'])).toEqual(['eve']);
    } finally {
      await eve.close();
    }
  });

  it('stays connected on heartbeats alone: the server answers every {} in time', async () => {
    const quick = new Realtime({ appId: server.appId, server: server.wsUrl, heartbeatIntervalMs: 100, heartbeatDeadlineMs: 1000 });
    try {
      const client = await quick.createIMClient('pinger');
      const changes: string[] = [];
      client.on('statechange', (change) => changes.push(change.current));
      // Twice the deadline: without the server's answers the connection would have been replaced.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(changes).toEqual([]);
      expect(client.connection.state).toBe('connected');
    } finally {
      await quick.close();
    }
  });
});
