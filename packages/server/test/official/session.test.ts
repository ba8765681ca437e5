// The official leancloud-realtime@2.4.0 client against the real server: session open, ping
// (presence), close, and the WebSocket implementation swap through realtime.config.
import WebSocket from 'ws';
import { eventually } from './helpers/eventually';
import { useTestServer } from './helpers/use-test-server';
import type { WebSocketClass } from './helpers/zoned-web-socket';

const fixture = useTestServer();

describe('official 2.4.0 client: session', () => {
  it('opens a session: the open callback and the open event receive the session opened frame', async () => {
    const alice = await fixture.open('alice');

    const [opened] = alice.events.all('open');
    // 2.4.0's first command is i 2016 (counter starts at 2015, incremented before use).
    expect(opened).toMatchObject({ cmd: 'session', op: 'opened', i: 2016, peerId: 'alice' });
    expect(alice.events.all('error')).toEqual([]);
  });

  it('ping answers which of the given client ids are online', async () => {
    const alice = await fixture.open('alice');
    await fixture.open('bob');

    await expect(alice.ping('bob')).resolves.toEqual(['bob']);
    await expect(alice.ping('carol')).resolves.toEqual([]);
    const online = await alice.ping(['carol', 'bob', 'alice']);
    expect([...online].sort()).toEqual(['alice', 'bob']);
  });

  it('ping considers only the first 20 client ids', async () => {
    const alice = await fixture.open('alice');
    await fixture.open('bob');
    const offline = Array.from({ length: 20 }, (_, n) => `offline-${n}`);

    await expect(alice.ping([...offline, 'bob'])).resolves.toEqual([]);
    await expect(alice.ping(['bob', ...offline])).resolves.toEqual(['bob']);
  });

  it('close ends the session: the close event fires and others see the client offline', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    await expect(alice.ping('bob')).resolves.toEqual(['bob']);

    const closeEvent = await bob.close();

    expect(typeof closeEvent.code).toBe('number');
    expect(bob.events.all('reuse')).toEqual([]);
    await eventually(async () => expect(await alice.ping('bob')).toEqual([]));
  });

  it('open(cb) after close() reopens the same instance, which then gets what it missed', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    const conv = await alice.conv({ members: ['bob'] });
    await bob.close();
    const missed = await conv.send('while you were away');

    const reopened = await bob.reopen();

    expect(reopened).toMatchObject({ cmd: 'session', op: 'opened', peerId: 'bob' });
    expect(reopened.i).toBeGreaterThan(2016); // the serial counter carries on across sessions
    await expect(alice.ping('bob')).resolves.toEqual(['bob']);
    const message = await bob.events.waitFor('message', (f) => f.id === missed.uid);
    expect(message).toMatchObject({ cid: conv.id, msg: 'while you were away', offline: true });
  });

  it('the same client id on two instances (two devices): both receive, and one closing keeps it online', async () => {
    const alice = await fixture.open('alice');
    const phone = await fixture.open('bob');
    const laptop = await fixture.open('bob');
    const conv = await alice.conv({ members: ['bob'] });

    const ack = await conv.send('to every device');

    for (const device of [phone, laptop]) {
      await expect(device.events.waitFor('message', (f) => f.id === ack.uid)).resolves.toMatchObject({ msg: 'to every device' });
    }
    await phone.close();
    await expect(alice.ping('bob')).resolves.toEqual(['bob']);
    expect(laptop.events.all('close')).toEqual([]);
  });

  it('a client id over 64 characters is closed with 4103, and 2.4.0 retries it (it has no fatal codes)', async () => {
    const tooLong = fixture.start('x'.repeat(65));

    const closed = await tooLong.events.waitFor('close');

    expect(closed.code).toBe(4103);
    await tooLong.events.waitFor('reuse');
    expect(tooLong.events.all('open')).toEqual([]);
    // 64 characters is fine.
    await expect(fixture.open('y'.repeat(64))).resolves.toBeDefined();
  });

  it('works with ws@8 given through realtime.config({WebSocket}) next to the bundled ws@0.8', async () => {
    const alice = await fixture.open('alice', { webSocketClass: WebSocket as unknown as WebSocketClass });
    const bob = await fixture.open('bob');
    const conv = await alice.conv({ members: ['bob'] });
    const bobConv = await bob.room(conv.id);

    const ack = await conv.send('over ws 8');
    const [received] = await bobConv!.waitForMessages(1);

    expect(received).toMatchObject({ cid: conv.id, id: ack.uid, msg: 'over ws 8', fromPeerId: 'alice' });
    await alice.close();
  });
});
