// The official 2.4.0 client against the real server: transient conversations (chat rooms).
// No fixed members and no membership events; presence is per session, `count` is the number
// of online participants, nothing is kept (no history, no offline delivery), one room per
// login, and a participant that reconnects within 30 min is put back in its room – 2.4.0 does
// not re-join rooms itself, so without that a reconnect would silently leave the room.
import { eventually } from './helpers/eventually';
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();

async function lobbyWithAliceAndBob() {
  const alice = await fixture.open('alice');
  const bob = await fixture.open('bob');
  const lobby = await alice.conv({ name: 'Lobby', transient: true });
  const bobLobby = (await bob.room(lobby.id))!;
  await bobLobby.join();
  return { alice, bob, lobby, bobLobby };
}

describe('official 2.4.0 client: chat rooms', () => {
  it('join without events, count of online participants, messages to those present, no history', async () => {
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');
    const lobby = await alice.conv({ name: 'Lobby', transient: true });
    const bobLobby = (await bob.room(lobby.id))!;
    expect(bobLobby.room.name).toBe('Lobby');

    await expect(bobLobby.join()).resolves.toMatchObject({ cmd: 'conv', op: 'added', cid: lobby.id });
    await expect(lobby.count()).resolves.toBe(2);

    const ack = await lobby.send('hi all');
    const [received] = await bobLobby.waitForMessages(1);
    expect(received).toMatchObject({ cid: lobby.id, id: ack.uid, msg: 'hi all', fromPeerId: 'alice' });
    expect(ack).not.toHaveProperty('code');
    await expect(lobby.log()).resolves.toEqual([]);
    // Chat rooms keep no member list: `list` gives an empty array, not undefined.
    await expect(lobby.list()).resolves.toEqual([]);

    const ofLobby = (f: { cid: string }) => f.cid === lobby.id;
    for (const name of ['membersjoined', 'invited', 'join'] as const) {
      expect(alice.events.all(name, ofLobby)).toEqual([]);
      expect(bob.events.all(name, ofLobby)).toEqual([]);
    }
  });

  it('a participant who leaves or disconnects is no longer counted nor sent to', async () => {
    const { lobby, bob, bobLobby } = await lobbyWithAliceAndBob();
    const carol = await fixture.open('carol');
    const carolLobby = (await carol.room(lobby.id))!;
    await carolLobby.join();
    await expect(lobby.count()).resolves.toBe(3);

    await carolLobby.leave();
    await expect(lobby.count()).resolves.toBe(2);
    await bob.close();
    await eventually(async () => expect(await lobby.count()).toBe(1));

    await lobby.send('anyone?');
    await lobby.count(); // a round trip, so a wrong delivery would be here by now
    expect(carolLobby.messages).toEqual([]);
    expect(bobLobby.messages).toEqual([]);
  });

  it('nothing is stored for absent clients: a reopened client gets no backlog from the room', async () => {
    const { lobby, bob } = await lobbyWithAliceAndBob();
    await bob.close();
    await eventually(async () => expect(await lobby.count()).toBe(1));
    await lobby.send('said while bob was away');

    await bob.reopen();
    const marker = await lobby.send('said after bob came back');

    await bob.events.waitFor('message', (f) => f.id === marker.uid);
    expect(bob.events.all('message', (f) => f.cid === lobby.id).map((m) => m.msg)).toEqual(['said after bob came back']);
  });

  it('a client that reconnects is put back in the room it was in, without joining again', async () => {
    const { lobby, bob, bobLobby } = await lobbyWithAliceAndBob();

    await bob.close();
    await eventually(async () => expect(await lobby.count()).toBe(1));
    await bob.reopen();

    await expect(lobby.count()).resolves.toBe(2);
    const ack = await lobby.send('welcome back');
    const [received] = await bobLobby.waitForMessages(1);
    expect(received.id).toBe(ack.uid);
  });

  it('joining a second room leaves the first: one room per login', async () => {
    const { lobby, bob, bobLobby } = await lobbyWithAliceAndBob();
    const carol = await fixture.open('carol');
    const garden = await carol.conv({ name: 'Garden', transient: true });
    const bobGarden = (await bob.room(garden.id))!;

    await bobGarden.join();

    await expect(garden.count()).resolves.toBe(2);
    await expect(lobby.count()).resolves.toBe(1);
    await lobby.send('lobby only');
    const ack = await garden.send('garden only');
    const [received] = await bobGarden.waitForMessages(1);
    expect(received.id).toBe(ack.uid);
    expect(bobLobby.messages).toEqual([]);
  });
});
