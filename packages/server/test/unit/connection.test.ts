import type { WebSocket } from 'ws';
import { Connection, maxBufferedBytes } from '../../src/session/connection';
import { PushFrame } from '../../src/protocol/outbound';
import { TransientRooms } from '../../src/session/transient-rooms';

function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    isTerminated: false,
    send: (text: string) => sent.push(text),
    close() {},
    terminate() {
      socket.isTerminated = true;
    },
  };
  return { socket: socket as unknown as WebSocket, sent };
}

describe('Connection catch-up', () => {
  it('holds live pushes during catch-up and drops the ones the backlog already delivered', () => {
    const { socket, sent } = fakeSocket();
    const connection = new Connection(socket, 0);
    connection.clientId = 'bob';
    connection.beginCatchUp();
    connection.push(new PushFrame({ cmd: 'direct', id: 'm5' }, { cid: 'c', seq: 5 }));
    connection.push(new PushFrame({ cmd: 'conv', op: 'joined' }));
    connection.push(new PushFrame({ cmd: 'direct', id: 'm6' }, { cid: 'c', seq: 6 }));
    connection.push(new PushFrame({ cmd: 'direct', id: 'x1' }, { cid: 'other', seq: 1 }));
    expect(sent).toEqual([]);
    connection.endCatchUp(new Map([['c', 5]]));
    expect(sent.map((text) => JSON.parse(text))).toEqual([
      { cmd: 'conv', op: 'joined', peerId: 'bob' },
      { cmd: 'direct', id: 'm6', peerId: 'bob' },
      { cmd: 'direct', id: 'x1', peerId: 'bob' },
    ]);
    connection.push(new PushFrame({ cmd: 'direct', id: 'm7' }, { cid: 'c', seq: 7 }));
    expect(sent).toHaveLength(4);
  });

  it('sends nothing once the socket is no longer open', () => {
    const { socket, sent } = fakeSocket();
    const connection = new Connection(socket, 0);
    connection.clientId = 'bob';
    (socket as unknown as { readyState: number }).readyState = 2;
    connection.push(new PushFrame({ cmd: 'direct' }));
    connection.send({ cmd: 'ack' });
    expect(sent).toEqual([]);
  });
});

describe('Connection back-pressure', () => {
  it('drops a socket whose client stopped reading instead of buffering without bound', () => {
    const { socket, sent } = fakeSocket();
    const connection = new Connection(socket, 0);
    connection.clientId = 'bob';
    const raw = socket as unknown as { bufferedAmount: number; isTerminated: boolean };
    raw.bufferedAmount = maxBufferedBytes;
    connection.push(new PushFrame({ cmd: 'direct', id: 'ok' }));
    expect(raw.isTerminated).toBe(false);
    raw.bufferedAmount = maxBufferedBytes + 1;
    connection.push(new PushFrame({ cmd: 'direct', id: 'too much' }));
    expect(raw.isTerminated).toBe(true);
    expect(sent).toHaveLength(1);
  });
});

describe('TransientRooms', () => {
  it('keeps a session in one room, counts distinct clients, and remembers a disconnect for the re-join window', () => {
    const rooms = new TransientRooms();
    const a1 = new Connection(fakeSocket().socket, 0);
    const a2 = new Connection(fakeSocket().socket, 0);
    a1.clientId = 'a';
    a2.clientId = 'a';
    rooms.join(a1, 'r1');
    rooms.join(a2, 'r1');
    expect(rooms.countClients('r1')).toBe(1);
    rooms.join(a1, 'r2');
    expect([rooms.participants('r1').size, rooms.participants('r2').size]).toEqual([1, 1]);
    rooms.leave(a1, 1000);
    expect(rooms.takeRecent('a', 1000 + 30 * 60_000, 30 * 60_000)).toBe('r2');
    expect(rooms.takeRecent('a', 1000, 30 * 60_000)).toBeUndefined();
    rooms.leave(a2, 0);
    rooms.pruneRecent(30 * 60_000 + 1, 30 * 60_000);
    expect(rooms.takeRecent('a', 0, 30 * 60_000)).toBeUndefined();
  });
});

describe('Connection push batching', () => {
  it('corks the TCP socket once for the pushes of one turn and uncorks after the ticks run', async () => {
    const { socket, sent } = fakeSocket();
    const calls: string[] = [];
    (socket as unknown as { _socket: unknown })._socket = {
      cork: () => calls.push('cork'),
      uncork: () => calls.push('uncork'),
    };
    const connection = new Connection(socket, 0);
    connection.clientId = 'bob';
    connection.push(new PushFrame({ cmd: 'direct', id: 'm1' }));
    connection.push(new PushFrame({ cmd: 'direct', id: 'm2' }));
    connection.send({ cmd: 'ack' });
    expect(calls).toEqual(['cork']);
    expect(sent).toHaveLength(3);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual(['cork', 'uncork']);
    connection.push(new PushFrame({ cmd: 'direct', id: 'm3' }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['cork', 'uncork', 'cork', 'uncork']);
  });
});
