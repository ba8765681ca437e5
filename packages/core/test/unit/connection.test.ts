import { Connection, type ConnectionOptions, type StateChange, isRealtimeError } from '@realtime/core';
import { FakeTransport, flushMicrotasks } from '../fakes/fake-transport';

function setup(options: Partial<ConnectionOptions> = {}) {
  const fake = new FakeTransport();
  const changes: StateChange[] = [];
  const connection = new Connection({
    appId: 'app', clientId: 'alice', server: 'ws://fake/', transport: fake.factory,
    reconnect: { baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.5 },
    ...options,
  }, { statechange: (change) => changes.push(change) });
  const states = () => changes.map((c) => `${c.current}:${c.reason}`);
  return { fake, connection, changes, states };
}

const openSession = (fake: FakeTransport) => fake.openSession();

async function connected(options: Partial<ConnectionOptions> = {}) {
  const ctx = setup(options);
  const opened = ctx.connection.connect();
  await openSession(ctx.fake);
  await opened;
  return ctx;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('Connection', () => {
  it('goes idle → connecting → connected and sends session open with appId, peerId and ua', async () => {
    const { fake, connection, states } = setup();
    expect(connection.state).toBe('idle');
    const opened = connection.connect();
    await flushMicrotasks();
    expect(connection.state).toBe('connecting');
    fake.last.open();
    await flushMicrotasks();
    expect(fake.last.sent[0]).toMatchObject({ cmd: 'session', op: 'open', appId: 'app', peerId: 'alice', ua: 'js/realtime', i: 2016 });
    fake.last.acceptSession();
    await expect(opened).resolves.toMatchObject({ cmd: 'session', op: 'opened' });
    expect(states()).toEqual(['connecting:connect', 'connected:session-opened']);
  });

  it('asks the signature factory and sends t, n, s', async () => {
    const signatureFactory = jest.fn(async (clientId: string) => ({ signature: `sig-${clientId}`, timestamp: 123, nonce: 'n1' }));
    const { fake } = await connected({ signatureFactory });
    expect(signatureFactory).toHaveBeenCalledWith('alice');
    expect(fake.sockets[0].sentOf('session', 'open')[0]).toMatchObject({ s: 'sig-alice', t: 123, n: 'n1' });
  });

  it('emits open with the opened frame on every session', async () => {
    const { fake, connection } = setup();
    const opens: unknown[] = [];
    connection.observer.open = (frame) => opens.push(frame);
    connection.connect();
    await openSession(fake);
    fake.last.drop();
    await jest.advanceTimersByTimeAsync(500);
    await openSession(fake);
    expect(opens).toHaveLength(2);
  });

  it('retries a failed first attempt after a jittered delay: connecting → reconnecting → connecting', async () => {
    const { fake, connection, changes, states } = setup();
    connection.connect();
    await flushMicrotasks();
    fake.last.drop({ code: 1006, reason: '' });
    await flushMicrotasks();
    expect(connection.state).toBe('reconnecting');
    expect(changes.at(-1)).toMatchObject({ reason: 'attempt-failed', retryInMs: 500, attempt: 1 });
    expect(changes.at(-1)?.error?.code).toBe('CONNECT_FAILED');
    await jest.advanceTimersByTimeAsync(499);
    expect(fake.sockets).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(fake.sockets).toHaveLength(2);
    expect(states()).toEqual(['connecting:connect', 'reconnecting:attempt-failed', 'connecting:retry-due']);
    expect(changes.at(-1)?.attempt).toBe(2);
  });

  it('reconnects after the socket closes while connected and reopens the session (signature asked again)', async () => {
    const signatureFactory = jest.fn(() => ({ signature: 's', timestamp: 1, nonce: 'n' }));
    const { fake, connection, changes, states } = await connected({ signatureFactory });
    fake.last.drop({ code: 1001, reason: 'going away' });
    expect(connection.state).toBe('reconnecting');
    expect(changes.at(-1)).toMatchObject({ reason: 'socket-closed', retryInMs: 500, closeInfo: { code: 1001, reason: 'going away' } });
    await jest.advanceTimersByTimeAsync(500);
    await openSession(fake);
    expect(connection.state).toBe('connected');
    expect(signatureFactory).toHaveBeenCalledTimes(2);
    expect(states()).toEqual([
      'connecting:connect', 'connected:session-opened', 'reconnecting:socket-closed', 'connecting:retry-due', 'connected:session-opened',
    ]);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    const { fake, connection, changes } = setup({ reconnect: { baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999 } });
    connection.connect();
    const delays: number[] = [];
    for (let n = 0; n < 6; n++) {
      await flushMicrotasks();
      fake.last.drop();
      await flushMicrotasks();
      const change = changes.at(-1)!;
      delays.push(change.retryInMs!);
      await jest.advanceTimersByTimeAsync(change.retryInMs!);
    }
    expect(delays).toEqual([999, 1998, 3996, 7992, 7992, 7992]);
  });

  it('draws each delay uniformly between 0 and the ceiling', async () => {
    const draws = [0, 0.25, 0.75];
    const { fake, connection, changes } = setup({ reconnect: { baseDelayMs: 1000, maxDelayMs: 30_000, random: () => draws.shift() ?? 0 } });
    connection.connect();
    const delays: number[] = [];
    for (let n = 0; n < 3; n++) {
      await flushMicrotasks();
      fake.last.drop();
      await flushMicrotasks();
      delays.push(changes.at(-1)!.retryInMs!);
      await jest.advanceTimersByTimeAsync(changes.at(-1)!.retryInMs!);
    }
    expect(delays).toEqual([0, 500, 3000]);
  });

  it.each([4100, 4103, 4110])('stops for good on close code %i with a coded error', async (code) => {
    const { fake, connection, changes } = setup();
    const opened = connection.connect();
    await flushMicrotasks();
    fake.last.drop({ code, reason: 'no' });
    await expect(opened).rejects.toMatchObject({ wireCode: code, retryable: false });
    expect(connection.state).toBe('closed');
    expect(changes.at(-1)).toMatchObject({ current: 'closed', reason: 'fatal' });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fake.sockets).toHaveLength(1);
  });

  it('stops when the server refuses the login signature (session closed 4102)', async () => {
    const { fake, connection } = setup({ signatureFactory: () => ({ signature: 'bad', timestamp: 1, nonce: 'n' }) });
    const opened = connection.connect();
    await flushMicrotasks();
    fake.last.open();
    await flushMicrotasks();
    const open = fake.last.sentOf('session', 'open')[0];
    fake.last.receive({ cmd: 'session', op: 'closed', i: open.i, code: 4102, reason: 'SIGNATURE_FAILED' });
    await expect(opened).rejects.toMatchObject({ code: 'SIGNATURE_FAILED' });
    expect(connection.state).toBe('closed');
  });

  it('stops after a fatal close code while connected; later requests reject with that error', async () => {
    const { fake, connection, changes } = await connected();
    fake.last.drop({ code: 4103, reason: 'INVALID_LOGIN' });
    expect(connection.state).toBe('closed');
    expect(changes.at(-1)?.error?.code).toBe('INVALID_LOGIN');
    await expect(connection.request({ cmd: 'conv', op: 'count', cid: 'c' })).rejects.toMatchObject({ code: 'INVALID_LOGIN' });
  });

  it('stops when the server ends the session with SESSION_CONFLICT, after pushing the frame', async () => {
    const { fake, connection } = await connected();
    const pushes: unknown[] = [];
    connection.observer.push = (f) => pushes.push(f);
    fake.last.receive({ cmd: 'session', op: 'closed', code: 4111, reason: 'SESSION_CONFLICT' });
    expect(pushes).toEqual([expect.objectContaining({ op: 'closed', code: 4111 })]);
    expect(connection.state).toBe('closed');
  });

  it('gives up with the last error when maxRetries is exhausted', async () => {
    const { fake, connection, changes } = setup({ reconnect: { maxRetries: 2, baseDelayMs: 10, random: () => 0 } });
    const opened = connection.connect();
    for (let n = 0; n < 3; n++) {
      await flushMicrotasks();
      fake.last.drop();
      await jest.advanceTimersByTimeAsync(1);
    }
    await expect(opened).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    expect(changes.at(-1)).toMatchObject({ current: 'closed', reason: 'retries-exhausted' });
    expect(fake.sockets).toHaveLength(3);
  });

  it('retries when the connect attempt times out', async () => {
    const { fake, connection, changes } = setup({ connectTimeoutMs: 5000 });
    connection.connect();
    await flushMicrotasks();
    fake.last.open();
    await jest.advanceTimersByTimeAsync(5000);
    expect(changes.at(-1)?.error?.code).toBe('CONNECT_TIMEOUT');
    expect(fake.sockets[0].isClosed).toBe(true);
  });

  it('dropConnection() gives up the socket and reconnects (offline signal); queued sends go out after', async () => {
    const { fake, connection, changes } = await connected();
    connection.dropConnection();
    expect(fake.sockets[0].isClosed).toBe(true);
    expect(changes.at(-1)).toMatchObject({ previous: 'connected', current: 'reconnecting', reason: 'network-lost' });
    const queued = connection.send({ cmd: 'direct', cid: 'c', msg: 'later', r: false, transient: true });
    await jest.advanceTimersByTimeAsync(500);
    await openSession(fake);
    await expect(queued).resolves.toBeUndefined();
    expect(fake.last.sentOf('direct')).toHaveLength(1);
    connection.dropConnection(); // while not connected it is a no-op
  });

  it('retryNow() skips the backoff wait (online signal)', async () => {
    const { fake, connection, states } = setup({ reconnect: { baseDelayMs: 60_000, random: () => 0.9 } });
    connection.connect();
    await flushMicrotasks();
    fake.last.drop();
    await flushMicrotasks();
    connection.retryNow();
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    expect(states().at(-1)).toBe('connecting:retry-now');
  });

  it('ignores events from an abandoned socket', async () => {
    const { fake, connection } = setup({ connectTimeoutMs: 1000 });
    connection.connect();
    await flushMicrotasks();
    const first = fake.last;
    await jest.advanceTimersByTimeAsync(1000); // attempt 1 times out
    await jest.advanceTimersByTimeAsync(1000); // retry due
    expect(fake.sockets).toHaveLength(2);
    first.open();
    first.drop();
    await flushMicrotasks();
    expect(connection.state).toBe('connecting');
    expect(first.sent).toEqual([]);
  });

  describe('heartbeat', () => {
    it('sends {} every interval while connected', async () => {
      const { fake } = await connected({ heartbeatIntervalMs: 1000, heartbeatDeadlineMs: 10_000 });
      await jest.advanceTimersByTimeAsync(3000);
      expect(fake.last.sent.filter((f) => Object.keys(f).length === 0)).toHaveLength(3);
    });

    it('reconnects when nothing arrives before the deadline', async () => {
      const { fake, connection, changes } = await connected({ heartbeatIntervalMs: 1000, heartbeatDeadlineMs: 2500 });
      await jest.advanceTimersByTimeAsync(2499);
      expect(connection.state).toBe('connected');
      await jest.advanceTimersByTimeAsync(1);
      expect(connection.state).toBe('reconnecting');
      expect(changes.at(-1)?.reason).toBe('heartbeat-missed');
      expect(fake.sockets[0].isClosed).toBe(true);
    });

    it('stays connected while frames keep arriving', async () => {
      const { fake, connection } = await connected({ heartbeatIntervalMs: 1000, heartbeatDeadlineMs: 2500 });
      for (let n = 0; n < 10; n++) {
        await jest.advanceTimersByTimeAsync(1000);
        fake.last.receive({});
      }
      expect(connection.state).toBe('connected');
    });

    it('catches a missed deadline from the wall clock when timers were throttled', async () => {
      const { connection } = await connected({ heartbeatIntervalMs: 1000, heartbeatDeadlineMs: 5000 });
      // The tab slept: the clock jumps without timers firing.
      jest.setSystemTime(Date.now() + 60_000);
      connection.retryNow(); // what the browser package calls on visibilitychange
      expect(connection.state).toBe('reconnecting');
    });
  });

  describe('requests', () => {
    it('correlates replies by i and resolves with the reply frame', async () => {
      const { fake, connection } = await connected();
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c1' });
      const b = connection.request({ cmd: 'session', op: 'query', sessionPeerIds: ['bob'] });
      const [countFrame, queryFrame] = fake.last.sent.slice(-2);
      expect(countFrame).toMatchObject({ cmd: 'conv', op: 'count', cid: 'c1', peerId: 'alice' });
      fake.last.receive({ cmd: 'session', op: 'query-result', i: queryFrame.i, onlineSessionPeerIds: ['bob'] });
      fake.last.receive({ cmd: 'conv', op: 'result', i: countFrame.i, count: 3 });
      await expect(a).resolves.toMatchObject({ count: 3 });
      await expect(b).resolves.toMatchObject({ onlineSessionPeerIds: ['bob'] });
    });

    it('rejects with the coded server error of an error frame or an ack with code', async () => {
      const { fake, connection } = await connected();
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'nope' });
      fake.last.receive({ cmd: 'error', i: fake.last.lastSent().i, code: 4303, reason: 'CONVERSATION_NOT_FOUND' });
      await expect(a).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND', wireCode: 4303 });
      const b = connection.request({ cmd: 'direct', cid: 'c', msg: 'x', r: false, transient: false });
      const ack = { cmd: 'ack', i: fake.last.lastSent().i, code: 4401, reason: 'INVALID_MESSAGING_TARGET' };
      fake.last.receive(ack);
      await expect(b).rejects.toMatchObject({ code: 'INVALID_MESSAGING_TARGET', frame: ack });
    });

    it('rejects a reply of the wrong kind with PROTOCOL_ERROR', async () => {
      const { fake, connection } = await connected();
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c' });
      fake.last.receive({ cmd: 'logs', i: fake.last.lastSent().i, logs: [] });
      await expect(a).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
    });

    it('times out a request without a reply', async () => {
      const { connection } = await connected({ requestTimeoutMs: 3000 });
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c' });
      const settled = expect(a).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT', name: 'RequestTimeoutError' });
      await jest.advanceTimersByTimeAsync(3000);
      await settled;
    });

    it('honours a per-request timeout', async () => {
      const { connection } = await connected({ requestTimeoutMs: 60_000 });
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c' }, { timeoutMs: 100 });
      const settled = expect(a).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT' });
      await jest.advanceTimersByTimeAsync(100);
      await settled;
    });

    it('close() rejects pending requests with CONNECTION_CLOSED', async () => {
      const { connection, fake } = await connected();
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c' });
      const closing = connection.close();
      const logout = fake.last.sentOf('session', 'close')[0];
      expect(logout).toMatchObject({ peerId: 'alice', i: expect.any(Number) });
      fake.last.receive({ cmd: 'session', op: 'closed', i: logout.i });
      await closing;
      await expect(a).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      expect(connection.state).toBe('closed');
      expect(jest.getTimerCount()).toBe(0);
      expect(fake.last.isClosed).toBe(true);
      await expect(connection.request({ cmd: 'conv', op: 'count', cid: 'c' })).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    });

    it('on a drop, rejects in-flight sends with CONNECTION_LOST and resends in-flight reads after reconnect', async () => {
      const { fake, connection } = await connected();
      const send = connection.request({ cmd: 'direct', cid: 'c', msg: 'x', r: false, transient: false });
      const count = connection.request({ cmd: 'conv', op: 'count', cid: 'c' });
      fake.last.drop();
      await expect(send).rejects.toMatchObject({ code: 'CONNECTION_LOST', retryable: true });
      await jest.advanceTimersByTimeAsync(500);
      await openSession(fake);
      const resent = fake.last.sentOf('conv', 'count');
      expect(resent).toHaveLength(1);
      fake.last.receive({ cmd: 'conv', op: 'result', i: resent[0].i, count: 2 });
      await expect(count).resolves.toMatchObject({ count: 2 });
    });

    it('drops a late reply whose request already timed out', async () => {
      const { fake, connection } = await connected({ requestTimeoutMs: 100 });
      const pushes: unknown[] = [];
      connection.observer.push = (f) => pushes.push(f);
      const a = connection.request({ cmd: 'conv', op: 'count', cid: 'c' }).catch((e) => e);
      const i = fake.last.lastSent().i;
      await jest.advanceTimersByTimeAsync(100);
      fake.last.receive({ cmd: 'conv', op: 'result', i, count: 1 });
      expect(isRealtimeError(await a)).toBe(true);
      expect(pushes).toEqual([]);
    });

    it('never crashes on malformed server frames; reports them as error events', async () => {
      const { fake, connection } = await connected();
      const errors: unknown[] = [];
      connection.observer.error = (e) => errors.push(e);
      fake.last.receive('garbage');
      fake.last.receive('{"cmd":"direct"}');
      expect(errors).toHaveLength(2);
      expect(connection.state).toBe('connected');
    });

    it('rethrows an observer exception on a fresh task and keeps handling frames', async () => {
      const { fake, connection } = await connected();
      const pushes: unknown[] = [];
      connection.observer.push = (f) => {
        pushes.push(f);
        throw new Error('app bug');
      };
      fake.last.receive({ cmd: 'rcp', id: 'm1', cid: 'c1', t: 5 });
      fake.last.receive({ cmd: 'rcp', id: 'm2', cid: 'c1', t: 6 });
      expect(pushes).toHaveLength(2);
      expect(connection.state).toBe('connected');
      expect(() => jest.runOnlyPendingTimers()).toThrow('app bug');
    });
  });

  describe('outbox', () => {
    it('queues requests made before the session opens and flushes them in order', async () => {
      const { fake, connection } = setup();
      connection.connect();
      const first = connection.request({ cmd: 'conv', op: 'count', cid: 'one' });
      const second = connection.send({ cmd: 'direct', cid: 'two', msg: 'x', r: false, transient: true });
      const third = connection.request({ cmd: 'conv', op: 'count', cid: 'three' });
      expect(connection.queuedCount).toBe(3);
      await openSession(fake);
      expect(fake.last.sent.slice(1).map((f) => f.cid)).toEqual(['one', 'two', 'three']);
      await expect(second).resolves.toBeUndefined();
      fake.last.receive({ cmd: 'conv', op: 'result', i: fake.last.sent[1].i, count: 1 });
      fake.last.receive({ cmd: 'conv', op: 'result', i: fake.last.sent[3].i, count: 3 });
      await expect(first).resolves.toMatchObject({ count: 1 });
      await expect(third).resolves.toMatchObject({ count: 3 });
    });

    it('holds sends made while reconnecting and delivers them after the reconnect', async () => {
      const { fake, connection } = await connected();
      fake.last.drop();
      const sent = connection.request({ cmd: 'direct', cid: 'c', msg: 'offline', r: false, transient: false });
      await jest.advanceTimersByTimeAsync(500);
      await openSession(fake);
      const direct = fake.last.sentOf('direct')[0];
      expect(direct).toMatchObject({ msg: 'offline' });
      fake.last.receive({ cmd: 'ack', i: direct.i, uid: 'u1', t: 10 });
      await expect(sent).resolves.toMatchObject({ uid: 'u1' });
    });

    it('writes what the app sends on reconnect after what waited in the outbox', async () => {
      const { fake, connection } = await connected();
      fake.last.drop();
      void connection.request({ cmd: 'conv', op: 'count', cid: 'queued' });
      connection.observer.statechange = (change) => {
        if (change.current === 'connected') void connection.request({ cmd: 'conv', op: 'count', cid: 'on-reconnect' });
      };
      await jest.advanceTimersByTimeAsync(500);
      await openSession(fake);
      expect(fake.last.sentOf('conv', 'count').map((f) => f.cid)).toEqual(['queued', 'on-reconnect']);
    });

    it('rejects with OUTBOX_FULL beyond maxSize', async () => {
      const { connection } = setup({ outbox: { maxSize: 2 } });
      connection.connect();
      void connection.request({ cmd: 'conv', op: 'count', cid: '1' }).catch(() => undefined);
      void connection.request({ cmd: 'conv', op: 'count', cid: '2' }).catch(() => undefined);
      await expect(connection.request({ cmd: 'conv', op: 'count', cid: '3' })).rejects.toMatchObject({ code: 'OUTBOX_FULL' });
    });

    it('rejects queued frames with OUTBOX_TIMEOUT after its timeout', async () => {
      const { connection } = setup({ outbox: { timeoutMs: 2000 } });
      connection.connect();
      const queued = connection.request({ cmd: 'conv', op: 'count', cid: '1' });
      const settled = expect(queued).rejects.toMatchObject({ code: 'OUTBOX_TIMEOUT' });
      await jest.advanceTimersByTimeAsync(2000);
      await settled;
      expect(connection.queuedCount).toBe(0);
    });

    it('close() rejects queued frames', async () => {
      const { connection } = setup();
      connection.connect();
      const queued = connection.request({ cmd: 'conv', op: 'count', cid: '1' });
      await connection.close();
      await expect(queued).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    });
  });

  describe('incoming messages', () => {
    const direct = (id: string, extra: object = {}) => ({ cmd: 'direct', cid: 'c1', id, fromPeerId: 'bob', timestamp: 1, msg: 'hi', ...extra });

    it('acks each non-transient message and pushes it once, even when delivered twice', async () => {
      const { fake, connection } = await connected();
      const pushes: Record<string, unknown>[] = [];
      connection.observer.push = (f) => pushes.push(f as never);
      fake.last.receive(direct('m1'));
      fake.last.receive(direct('m2'));
      fake.last.receive(direct('m1', { offline: true }));
      expect(pushes.map((p) => p.id)).toEqual(['m1', 'm2']);
      // Acks go out for the duplicate too, so the server stops redelivering it.
      expect(fake.last.sentOf('ack')).toEqual([
        { cmd: 'ack', cid: 'c1', mid: 'm1', peerId: 'alice' },
        { cmd: 'ack', cid: 'c1', mid: 'm2', peerId: 'alice' },
        { cmd: 'ack', cid: 'c1', mid: 'm1', peerId: 'alice' },
      ]);
    });

    it('de-duplicates across a reconnect', async () => {
      const { fake, connection } = await connected();
      const pushes: unknown[] = [];
      connection.observer.push = (f) => pushes.push(f);
      fake.last.receive(direct('m1'));
      fake.last.drop();
      await jest.advanceTimersByTimeAsync(500);
      await openSession(fake);
      fake.last.receive(direct('m1', { offline: true }));
      expect(pushes).toHaveLength(1);
    });

    it('does not ack transient messages', async () => {
      const { fake, connection } = await connected();
      const pushes: unknown[] = [];
      connection.observer.push = (f) => pushes.push(f);
      fake.last.receive(direct('t1', { transient: true }));
      expect(pushes).toHaveLength(1);
      expect(fake.last.sentOf('ack')).toEqual([]);
    });

    it('pushes receipts and membership frames', async () => {
      const { fake, connection } = await connected();
      const pushes: Record<string, unknown>[] = [];
      connection.observer.push = (f) => pushes.push(f as never);
      fake.last.receive({ cmd: 'rcp', id: 'm1', cid: 'c1', t: 5 });
      fake.last.receive({ cmd: 'conv', op: 'members-joined', cid: 'c1', m: ['bob'], initBy: 'bob' });
      fake.last.receive({ cmd: 'future', op: 'thing' });
      expect(pushes.map((p) => p.cmd)).toEqual(['rcp', 'conv', 'future']);
    });
  });

  it('close() does not wait long for a logout reply, and does not reconnect when the server drops the socket', async () => {
    const { fake, connection, states } = await connected();
    const closing = connection.close();
    fake.last.drop({ code: 1000, reason: '' });
    await closing;
    expect(connection.state).toBe('closed');
    expect(states().at(-1)).toBe('closed:client-closed');
    const silent = await connected();
    const closingSilently = silent.connection.close();
    await jest.advanceTimersByTimeAsync(1000);
    await closingSilently;
    expect(silent.connection.state).toBe('closed');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(silent.fake.sockets).toHaveLength(1);
  });

  it('close() before connect() goes idle → closed, and connect() then rejects', async () => {
    const { connection, changes } = setup();
    await connection.close();
    expect(changes.map((c) => `${c.previous}>${c.current}:${c.reason}`)).toEqual(['idle>closed:client-closed']);
    await expect(connection.connect()).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('connect() after close() of a never-connected connection rejects once, observed (no unhandled rejection)', async () => {
    const { connection } = setup();
    await connection.close();
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      connection.connect(); // ignored on purpose
      jest.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
      expect(connection.connect()).toBe(connection.connect());
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('an observer that drops the connection as the session opens gets a reconnect, not a fatal close', async () => {
    const { fake, connection, states } = setup();
    let dropped = false;
    const statechange = connection.observer.statechange!;
    connection.observer.statechange = (change) => {
      statechange(change);
      if (change.current === 'connected' && !dropped) {
        dropped = true;
        connection.dropConnection();
      }
    };
    const opened = connection.connect();
    await openSession(fake);
    await expect(opened).resolves.toMatchObject({ cmd: 'session', op: 'opened' });
    await jest.advanceTimersByTimeAsync(1000);
    await openSession(fake);
    expect(states()).toEqual([
      'connecting:connect', 'connected:session-opened', 'reconnecting:network-lost', 'connecting:retry-due', 'connected:session-opened',
    ]);
    const closing = connection.close(); // waits up to 1 s for the logout reply
    await jest.advanceTimersByTimeAsync(1000);
    await closing;
  });

  it.each(['connect', 'retry-due'])('close() from the observer on connecting (%s) opens no socket and leaves no timer', async (reason) => {
    const { fake, connection } = setup();
    const statechange = connection.observer.statechange!;
    connection.observer.statechange = (change) => {
      statechange(change);
      if (change.current === 'connecting' && change.reason === reason) void connection.close();
    };
    const opened = connection.connect();
    await flushMicrotasks();
    if (reason === 'retry-due') {
      fake.last.drop(); // the first attempt fails; the retry is the one closed
      await jest.advanceTimersByTimeAsync(1000);
    }
    await expect(opened).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    const socketCount = fake.sockets.length;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(fake.sockets).toHaveLength(socketCount);
    expect(connection.state).toBe('closed');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('statechange events carry no keys set to undefined', async () => {
    const { fake, changes } = await connected();
    fake.last.drop();
    await flushMicrotasks();
    for (const change of changes) for (const [key, value] of Object.entries(change)) expect([key, value]).not.toEqual([key, undefined]);
    expect('error' in changes.at(-1)!).toBe(false);
  });

  it.each([
    ['connecting', async (fake: FakeTransport) => { await flushMicrotasks(); void fake; }],
    ['reconnecting', async (fake: FakeTransport) => { await flushMicrotasks(); fake.last.drop(); await flushMicrotasks(); }],
  ])('close() while %s goes to closed and stops every timer', async (state, reach) => {
    const { connection, fake, changes } = setup();
    const opened = connection.connect();
    await reach(fake);
    expect(connection.state).toBe(state);
    await connection.close();
    await expect(opened).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(changes.at(-1)).toMatchObject({ previous: state, current: 'closed', reason: 'client-closed' });
    const socketCount = fake.sockets.length;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(fake.sockets).toHaveLength(socketCount);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('close() right after a failed attempt schedules no retry', async () => {
    const logger = { error: jest.fn() };
    const { fake, connection, states } = setup({ logger });
    connection.connect();
    await flushMicrotasks();
    fake.last.drop();
    void connection.close();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(states()).toEqual(['connecting:connect', 'closed:client-closed']);
    expect(logger.error).not.toHaveBeenCalled();
    expect(fake.sockets).toHaveLength(1);
  });

  it('retries when the signature factory throws, asking it again', async () => {
    let calls = 0;
    const { fake, connection, changes } = setup({
      signatureFactory: () => {
        calls += 1;
        if (calls === 1) throw new Error('signing server down');
        return { signature: 's', timestamp: 1, nonce: 'n' };
      },
    });
    const opened = connection.connect();
    await flushMicrotasks();
    fake.last.open();
    await flushMicrotasks();
    expect(changes.at(-1)?.error?.code).toBe('SIGNATURE_FACTORY_FAILED');
    await jest.advanceTimersByTimeAsync(500);
    await openSession(fake);
    await expect(opened).resolves.toBeDefined();
    expect(calls).toBe(2);
  });

  it('validates options with coded errors', () => {
    const transport = new FakeTransport().factory;
    expect(() => new Connection({ appId: '', clientId: 'a', server: 'ws://x', transport })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new Connection({ appId: 'a', clientId: 'x'.repeat(65), server: 'ws://x', transport })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new Connection({ appId: 'a', clientId: 'a', server: 'ws://x' } as never)).toThrow(/install @realtime\/browser or @realtime\/node/);
    expect(() => new Connection({ appId: 'a', clientId: 'a', transport })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
