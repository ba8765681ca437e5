import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@realtime/server';
import { Realtime, TextMessage, type IMClient, type Message } from '@realtime/node';
import { eventually, nextEvent } from '../helpers/events';

let dataDir: string;
let server: RunningServer;
let realtime: Realtime;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'realtime-restart-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir });
  realtime = new Realtime({
    appId: server.appId, router: server.routerUrl,
    reconnect: { baseDelayMs: 50, maxDelayMs: 400 },
  });
});

afterEach(async () => {
  await realtime.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const texts = (messages: Message[]) => messages.map((m) => (m as TextMessage).text);

describe('server restart mid-conversation', () => {
  it('loses nothing and doubles nothing', async () => {
    const alice: IMClient = await realtime.createIMClient('alice');
    const bob: IMClient = await realtime.createIMClient('bob');
    const received: Message[] = [];
    bob.on('message', (m) => received.push(m));
    const events: string[] = [];
    for (const name of ['disconnect', 'reconnect'] as const) alice.on(name, () => events.push(name));

    const conversation = await alice.createConversation({ members: ['bob'] });
    const sentIds: string[] = [];
    for (let n = 0; n < 5; n++) sentIds.push((await conversation.send(new TextMessage(`before-${n}`))).id!);
    await eventually(() => received.length === 5, 5000, 'messages before the restart');

    // Kill the server: every socket drops.
    const { port } = server;
    const aliceDown = nextEvent(alice, 'disconnect');
    await server.close();
    await aliceDown;
    expect(alice.connection.state).not.toBe('connected');

    // Sent while the server is down: they wait in the outbox instead of failing.
    const whileDown = Array.from({ length: 5 }, (_, n) => conversation.send(new TextMessage(`during-${n}`)));
    expect(alice.connection.queuedCount).toBe(5);

    // Same port, same data directory.
    server = await startServer({ port, host: '127.0.0.1', dataDir });
    for (const message of await Promise.all(whileDown)) sentIds.push(message.id!);
    for (let n = 0; n < 5; n++) sentIds.push((await conversation.send(new TextMessage(`after-${n}`))).id!);

    await eventually(() => received.length >= 15, 10_000, 'every message at bob');
    // Give any redelivery (offline queue, unacked messages) time to show up as a duplicate.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((m) => m.id)).toEqual(sentIds);
    expect(new Set(sentIds).size).toBe(15);
    expect(texts(received)).toEqual([
      ...[0, 1, 2, 3, 4].map((n) => `before-${n}`),
      ...[0, 1, 2, 3, 4].map((n) => `during-${n}`),
      ...[0, 1, 2, 3, 4].map((n) => `after-${n}`),
    ]);
    expect(events).toEqual(['disconnect', 'reconnect']);

    // The history on disk has every message exactly once.
    const history = await conversation.queryMessages({ limit: 100 });
    expect(history.map((m) => m.id)).toEqual(sentIds);
  });
});
