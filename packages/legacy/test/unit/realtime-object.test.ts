import { createLegacyRealtime } from '../../src/realtime';
import { isRealtimeError } from '@realtime/core';
import type { Frame } from '../../src/legacy-session';
import { FakeSession } from '../fakes/fake-session';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Answers the lookup that `room(id)` sends, so a test can look at what follows it. */
function answerLookup(port: FakeSession, id: string) {
  const index = port.requests.findIndex((r) => r.command.op === 'query' && (r.command.where as any)?.objectId === id);
  if (index < 0) throw new Error('no lookup');
  const [lookup] = port.requests.splice(index, 1);
  lookup.resolve({ cmd: 'conv', op: 'results', results: [{ objectId: id, m: [] }] });
}

function setup() {
  const ports: FakeSession[] = [];
  const realtime = createLegacyRealtime({}, () => (options, observer) => {
    const port = new FakeSession(options, observer);
    ports.push(port);
    return port;
  });
  realtime.config({ server: 'ws://test.invalid/' });
  return { realtime, ports, port: () => ports[ports.length - 1] };
}

describe('AV.realtime()', () => {
  it('validates its options like 2.4.0 (through core\'s Connection) and says what is missing', () => {
    const realtime = createLegacyRealtime({ transport: () => ({ send() {}, close() {} }) });
    realtime.config({ server: 'ws://test.invalid/' });
    expect(() => (realtime as any)()).toThrow(/appId/);
    expect(() => realtime({ clientId: 'a' } as any)).toThrow(/appId/);
    expect(() => realtime({ appId: 'app' } as any)).toThrow(/clientId/);
    let thrown: unknown;
    try {
      realtime({ appId: 'app', clientId: 'x'.repeat(65) });
    } catch (error) {
      thrown = error;
    }
    expect(isRealtimeError(thrown) && thrown.code).toBe('INVALID_ARGUMENT');
  });

  it('refuses an auth (or authFun) that is not a function at the call, and takes authFun when auth is null', () => {
    const { realtime, port } = setup();
    expect(() => realtime({ appId: 'app', clientId: 'a', auth: 'sign' as any })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => realtime({ appId: 'app', clientId: 'a', authFun: {} as any })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const authFun = jest.fn();
    realtime({ appId: 'app', clientId: 'a', auth: null as any, authFun });
    expect(port().options.signatureFactory).toEqual(expect.any(Function));
  });

  it('opens at once and calls back with the session opened frame, then emits open', async () => {
    const { realtime, port } = setup();
    const seen: unknown[] = [];
    const rt = realtime({ appId: 'app', clientId: 'a' }, (frame) => seen.push(['callback', frame]));
    rt.on('open', (frame: unknown) => seen.push(['event', frame]));
    expect(port().openCalls).toBe(1);
    expect(port().options).toMatchObject({ appId: 'app', clientId: 'a', server: 'ws://test.invalid/', ua: 'js/0.1.0' });
    const opened = { cmd: 'session', op: 'opened', peerId: 'a', i: 2016 };
    port().opened(opened);
    expect(seen).toEqual([
      ['event', opened],
      ['callback', opened],
    ]);
  });

  it('exposes version and config, and accepts authFun as the document spells it', async () => {
    const { realtime, port } = setup();
    expect(realtime.version).toBe('0.1.0');
    realtime.config({ router: 'http://r.invalid/v1/route' });
    const authFun = jest.fn((params: unknown, callback: (r: unknown) => void) =>
      callback({ signature: 'sig', timestamp: 1, nonce: 'n' }),
    );
    realtime({ appId: 'app', clientId: 'a', authFun } as any);
    await expect(port().options.signatureFactory!('a')).resolves.toEqual({ signature: 'sig', timestamp: 1, nonce: 'n' });
    expect(authFun.mock.calls[0][0]).toEqual({ clientId: 'a' });
  });
});

describe('options', () => {
  it('uses LeanCloud\'s router of the region without server or router, over http when secure is false', () => {
    const ports: FakeSession[] = [];
    const realtime = createLegacyRealtime({}, () => (options, observer) => {
      const port = new FakeSession(options, observer);
      ports.push(port);
      return port;
    });
    realtime({ appId: 'app', clientId: 'a' });
    realtime({ appId: 'app', clientId: 'a', region: 'us', secure: false });
    expect(ports.map((port) => port.options.router)).toEqual([
      'https://router-g0-push.leancloud.cn/v1/route',
      'http://router-a0-push.leancloud.cn/v1/route',
    ]);
    expect(() => realtime({ appId: 'app', clientId: 'a', region: 'eu' })).toThrow(/Unknown region "eu"/);
  });

  it('prefers the options\' server and router over the page-wide config', () => {
    const { realtime, port } = setup();
    realtime({ appId: 'app', clientId: 'a', server: 'ws://own.invalid/' });
    expect(port().options.server).toBe('ws://own.invalid/');
    realtime.config({ server: undefined, router: 'http://config.invalid/v1/route' });
    realtime({ appId: 'app', clientId: 'a', router: 'http://own.invalid/v1/route' });
    expect(port().options).toMatchObject({ server: undefined, router: 'http://own.invalid/v1/route' });
  });
});

describe('RealtimeObject', () => {
  it('queues calls made before the connection opened and sends them once it has', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const online: unknown[] = [];
    rt.ping(['b', 'c'], (ids) => online.push(ids));
    await tick();
    expect(port().requests).toHaveLength(0);
    port().opened();
    await tick();
    port().reply(
      (command) => expect(command).toEqual({ cmd: 'session', op: 'query', sessionPeerIds: ['b', 'c'] }),
      { cmd: 'session', op: 'query-result', onlineSessionPeerIds: ['b'] },
    );
    await tick();
    expect(online).toEqual([['b']]);
  });

  it('asks presence for at most the first 20 ids', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    rt.ping(
      Array.from({ length: 25 }, (_, n) => `u${n}`),
      () => undefined,
    );
    await tick();
    expect((port().requests[0].command.sessionPeerIds as string[]).length).toBe(20);
  });

  it('creates a room: callback with the room, then create with the started frame', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const order: unknown[] = [];
    rt.on('create', (frame: Frame) => order.push(['create', frame.cid]));
    const room = rt.conv({ members: ['b'], name: 'n', attr: { k: 1 } }, (r) => order.push(['callback', r?.id, r?.name, r?.attr]));
    expect(room.id).toBe('');
    await tick();
    port().reply(
      (command) =>
        expect(command).toEqual({ cmd: 'conv', op: 'start', m: ['b'], attr: { name: 'n', attr: { k: 1 } }, unique: false, transient: false }),
      { cmd: 'conv', op: 'started', cid: 'c1', cdate: '2026-01-01T00:00:00.000Z' },
    );
    await tick();
    expect(order).toEqual([
      ['callback', 'c1', 'n', { k: 1 }],
      ['create', 'c1'],
    ]);
    expect(room.id).toBe('c1');
  });

  it('lets room methods called before creation wait for the id instead of failing', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const room = rt.room({ members: ['b'] }).add('c').send({ abc: 123 });
    port().opened();
    await tick();
    expect(port().requests.map((r) => r.command.op ?? r.command.cmd)).toEqual(['start']);
    port().reply(() => undefined, { cmd: 'conv', op: 'started', cid: 'c9' });
    await tick();
    expect(port().requests.map((r) => [r.command.cmd, r.command.op, r.command.cid])).toEqual([
      ['conv', 'add', 'c9'],
      ['direct', undefined, 'c9'],
    ]);
    expect(port().requests[1].command).toEqual({ cmd: 'direct', cid: 'c9', msg: '{"abc":123}', r: false, transient: false });
    expect(room.id).toBe('c9');
  });

  it('creates a room from room(callback) and room() instead of throwing like 2.4.0', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const got: unknown[] = [];
    rt.room((room) => got.push(room.id));
    rt.room();
    await tick();
    expect(port().requests.map((r) => r.command.m)).toEqual([[], []]);
    port().reply(() => undefined, { cmd: 'conv', op: 'started', cid: 'x' });
    await tick();
    expect(got).toEqual(['x']);
  });

  it('finds a room by id, or calls back with null', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const got: unknown[] = [];
    rt.room('c1', (room) => got.push(room && [room.id, room.name, room.attr]));
    rt.conv('nope', (room) => got.push(room));
    await tick();
    port().reply(
      (command) =>
        expect(command).toEqual({ cmd: 'conv', op: 'query', where: { objectId: 'c1' }, sort: '-lm', limit: 10, skip: 0, flag: 0 }),
      { cmd: 'conv', op: 'results', results: [{ objectId: 'c1', name: 'n', attr: { t: 1 }, m: ['a'] }] },
    );
    port().reply(() => undefined, { cmd: 'conv', op: 'results', results: [] });
    await tick();
    expect(got).toEqual([['c1', 'n', { t: 1 }], null]);
  });

  it('builds queries as 2.4.0 did without changing the app object', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const where = { m: ['a', 'b'], roomIds: ['r1', 'r2'] };
    const results: unknown[] = [];
    rt.query((list) => results.push(list)).query({ where, sort: 'name', limit: 100, skip: 200, compact: true, withLastMessages: true }, () => undefined);
    await tick();
    expect(port().requests[0].command).toEqual({ cmd: 'conv', op: 'query', where: { m: 'a' }, sort: '-lm', limit: 10, skip: 0, flag: 0 });
    expect(port().requests[1].command).toEqual({
      cmd: 'conv', op: 'query', where: { m: { $all: ['a', 'b'] }, objectId: { $in: ['r1', 'r2'] } }, sort: 'name', limit: 100, skip: 200, flag: 3,
    });
    expect(where).toEqual({ m: ['a', 'b'], roomIds: ['r1', 'r2'] });
    port().reply(() => undefined, { cmd: 'conv', op: 'results', results: [{ objectId: 'r' }] });
    await tick();
    expect(results).toEqual([[{ objectId: 'r' }]]);
  });

  it('decodes messages, fires message and the room receive, filtered by conversation', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a', encodeHTML: true });
    port().opened();
    const room = rt.room('c1');
    const events: unknown[] = [];
    const received: unknown[] = [];
    rt.on('message', (frame: Frame) => events.push(frame.msg));
    room.receive((frame) => received.push(frame.msg));
    port().push({ cmd: 'direct', cid: 'c1', id: 'm1', fromPeerId: 'b', timestamp: 1, msg: '<b>hi</b>' });
    port().push({ cmd: 'direct', cid: 'c2', id: 'm2', fromPeerId: 'b', timestamp: 2, msg: '{"_lctype":-1,"_lctext":"<t>"}' });
    expect(events).toEqual(['&lt;b&gt;hi&lt;/b&gt;', { text: '&lt;t&gt;', attr: undefined, type: 'text' }]);
    expect(received).toEqual(['&lt;b&gt;hi&lt;/b&gt;']);
  });

  it('maps membership pushes to the 2.4.0 events', () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const seen: string[] = [];
    for (const name of ['join', 'left', 'invited', 'kicked', 'membersjoined', 'membersleft', 'receipt']) {
      rt.on(name, (frame: Frame) => seen.push(`${name}:${frame.op ?? frame.cmd}`));
    }
    port().push({ cmd: 'conv', op: 'joined', cid: 'c', initBy: 'a', peerId: 'a' });
    port().push({ cmd: 'conv', op: 'joined', cid: 'c', initBy: 'b', peerId: 'a' });
    port().push({ cmd: 'conv', op: 'members-joined', cid: 'c', m: ['x'], initBy: 'b', peerId: 'a' });
    port().push({ cmd: 'conv', op: 'members-left', cid: 'c', m: ['x'], initBy: 'b', peerId: 'a' });
    port().push({ cmd: 'conv', op: 'left', cid: 'c', initBy: 'b', peerId: 'a' });
    port().push({ cmd: 'rcp', cid: 'c', id: 'm', t: 1 });
    expect(seen).toEqual([
      'invited:joined',
      'join:joined',
      'invited:joined',
      'join:members-joined',
      'membersjoined:members-joined',
      'left:members-left',
      'membersleft:members-left',
      'left:left',
      'kicked:left',
      'receipt:rcp',
    ]);
  });

  it('emits close then reuse when the socket drops, and open again after the reconnect', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: unknown[] = [];
    for (const name of ['open', 'close', 'reuse']) rt.on(name, (data: any) => seen.push([name, data?.code]));
    port().opened();
    port().drop({ code: 1006, reason: '' });
    await tick();
    port().move('connecting');
    port().move('reconnecting');
    await tick();
    port().opened();
    expect(seen).toEqual([
      ['open', undefined],
      ['close', 1006],
      ['reuse', undefined],
      ['open', undefined],
    ]);
  });

  it('maps connection states to open, reuse and close: one reuse per outage, close only for a lost or closed connection', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: string[] = [];
    for (const name of ['open', 'close', 'reuse']) rt.on(name, () => seen.push(name));
    port().move('reconnecting'); // the first attempt failed: no connection was lost
    port().move('connecting');
    port().move('reconnecting');
    await tick();
    expect(seen).toEqual(['reuse']);
    port().move('connecting');
    port().opened();
    port().move('closed');
    await tick();
    expect(seen).toEqual(['reuse', 'open', 'close']);
  });

  it('emits close when closed before ever connecting', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: unknown[] = [];
    rt.on('close', (event: unknown) => seen.push(event));
    port().move('closed');
    await tick();
    expect(seen).toEqual([{ type: 'close', code: 1000, reason: '', wasClean: true }]);
  });

  it('reports a fatal cause through error, then close, and settles queued calls quietly', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: unknown[] = [];
    rt.on('error', (error: any) => seen.push(['error', error.code])).on('close', () => seen.push(['close']));
    const pinged = jest.fn();
    rt.ping('b', pinged);
    port().failFatally(Object.assign(new Error('refused'), { code: 'SIGNATURE_FAILED' }));
    await tick();
    expect(seen).toEqual([['error', 'SIGNATURE_FAILED'], ['close']]);
    expect(pinged).not.toHaveBeenCalled();
  });

  it('reports a failed attempt that is not network trouble, and stays quiet about network trouble', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const errors: any[] = [];
    rt.on('error', (error: any) => errors.push(error.code));
    port().move('reconnecting', { error: { code: 'CONNECT_FAILED' } as never });
    port().move('connecting');
    port().move('reconnecting', { error: { code: 'SIGNATURE_FACTORY_FAILED' } as never });
    await tick();
    expect(errors).toEqual(['SIGNATURE_FACTORY_FAILED']);
  });

  it('reports an error whose frame is not an object (a router body that is a bare string) as the error itself', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const errors: any[] = [];
    rt.on('error', (error: any) => errors.push(error));
    const error = { code: 'APP_NOT_AVAILABLE', frame: 'no such app' };
    port().move('reconnecting', { error: error as never });
    await tick();
    expect(errors).toEqual([error]);
  });

  it('reports a call made after close()', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    rt.close();
    const errors: any[] = [];
    rt.on('error', (error: any) => errors.push(error));
    rt.ping('b', () => undefined);
    await tick();
    expect(errors.map((error) => error.code)).toEqual(['CONNECTION_CLOSED']);
  });

  it('emits close after close(), even to a listener added right after the call', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: unknown[] = [];
    rt.close().on('close', () => seen.push('close'));
    expect(port().closeCalls).toBe(1);
    await tick();
    expect(seen).toEqual(['close']);
  });

  it('can open again after close()', async () => {
    const { realtime, ports } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    ports[0].opened();
    rt.close();
    const opened = jest.fn();
    rt.open(opened);
    expect(ports).toHaveLength(2);
    ports[1].opened();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('sends server errors to the error event and keeps going', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const errors: unknown[] = [];
    rt.on('error', (error: unknown) => errors.push(error));
    const counted = jest.fn();
    rt.room('c1').count(counted);
    await tick();
    const errorFrame = { cmd: 'error', code: 4303, reason: 'CONVERSATION_NOT_FOUND', i: 2017 };
    port().fail(Object.assign(new Error('not found'), { frame: errorFrame }));
    await tick();
    expect(errors).toEqual([errorFrame]);
    expect(counted).not.toHaveBeenCalled();
  });

  it('hands a failed send its error ack, as 2.4.0 did, and reports it', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const errors: unknown[] = [];
    rt.on('error', (error: unknown) => errors.push(error));
    const acks: unknown[] = [];
    rt.room('c1').send('hi', (ack) => acks.push(ack));
    await tick();
    answerLookup(port(), 'c1');
    const ack = { cmd: 'ack', code: 4401, reason: 'INVALID_MESSAGING_TARGET', i: 2017 };
    port().fail(Object.assign(new Error('x'), { frame: ack }));
    await tick();
    expect(acks).toEqual([ack]);
    expect(errors).toEqual([ack]);
  });

  it('reports an exception thrown by an app callback or listener instead of throwing it', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const errors: unknown[] = [];
    rt.on('error', (error: unknown) => errors.push(error));
    rt.on('message', () => {
      throw new Error('listener bug');
    });
    expect(() => port().push({ cmd: 'direct', cid: 'c', id: 'm', msg: 'x' })).not.toThrow();
    rt.ping('b', () => {
      throw new Error('callback bug');
    });
    await tick();
    port().reply(() => undefined, { cmd: 'session', op: 'query-result', onlineSessionPeerIds: [] });
    await tick();
    expect(errors.map((e) => (e as Error).message)).toEqual(['listener bug', 'callback bug']);
  });

  it('sends transient messages without waiting for an ack', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const callback = jest.fn();
    rt.room('c1').send('typing', { transient: true }, callback);
    await tick();
    answerLookup(port(), 'c1');
    expect(port().requests).toHaveLength(0);
    expect(port().sent).toEqual([{ cmd: 'direct', cid: 'c1', msg: 'typing', r: false, transient: true }]);
    expect(callback).not.toHaveBeenCalled();
  });

  it('signs create, invite and kick but not a self-leave, with the 2.x parameters', async () => {
    const { realtime, port } = setup();
    const calls: unknown[] = [];
    const auth = (params: unknown, callback: (r: unknown) => void) => {
      calls.push(params);
      callback({ signature: 's', timestamp: 5, nonce: 'n' });
    };
    const rt = realtime({ appId: 'app', clientId: 'a', auth } as any);
    port().opened();
    rt.room({ members: ['b'] });
    await tick();
    expect(port().requests[0].command).toMatchObject({ op: 'start', t: 5, n: 'n', s: 's' });
    port().reply(() => undefined, { cmd: 'conv', op: 'started', cid: 'c' });
    const room = rt.room('c');
    room.add('x').remove(['y']).leave();
    await tick();
    expect(JSON.stringify(calls)).toBe(
      JSON.stringify([
        { clientId: 'a', members: ['b'] },
        { clientId: 'a', members: ['x'], convId: 'c', action: 'invite' },
        { clientId: 'a', members: ['y'], convId: 'c', action: 'kick' },
      ]),
    );
    const leave = port().requests.find((r) => r.command.op === 'remove' && (r.command.m as string[])[0] === 'a');
    expect(leave?.command).toEqual({ cmd: 'conv', op: 'remove', cid: 'c', m: ['a'] });
  });

  it('reports a refused signature and does not send the command', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a', auth: (_p: unknown, cb: (r: unknown) => void) => cb(null) } as any);
    port().opened();
    const errors: unknown[] = [];
    rt.on('error', (e: unknown) => errors.push(e));
    rt.room({ members: ['b'] });
    await tick();
    expect(port().requests).toHaveLength(0);
    expect((errors[0] as { code: string }).code).toBe('SIGNATURE_FACTORY_FAILED');
  });

  it('reports a failed room creation once; the room\'s queued calls are dropped quietly', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const errors: unknown[] = [];
    rt.on('error', (e: unknown) => errors.push(e));
    const sent = jest.fn();
    rt.room({ members: ['b'] }).send('hi', sent).count(sent);
    await tick();
    const refusal = { cmd: 'error', code: 4301, reason: 'CONVERSATION_SIGNATURE_FAILED', i: 2017 };
    port().fail(Object.assign(new Error('refused'), { frame: refusal }));
    await tick();
    expect(errors).toEqual([refusal]);
    expect(port().requests).toHaveLength(0);
    expect(sent).not.toHaveBeenCalled();
  });

  it('drops calls still waiting for the connection when it closes, without an error', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const errors: unknown[] = [];
    rt.on('error', (e: unknown) => errors.push(e));
    const counted = jest.fn();
    rt.room('c1').count(counted);
    rt.close();
    await tick();
    expect(errors).toEqual([]);
    expect(port().requests).toHaveLength(0);
  });

  it('decodes history like 2.4.0: data and msg decoded, fromPeerId added', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const got: unknown[] = [];
    rt.room('c1').log({ t: 0, mid: '', limit: 5 }, (logs) => got.push(logs)).log((logs) => got.push(logs.length));
    await tick();
    answerLookup(port(), 'c1');
    port().reply(
      (command) => expect(command).toEqual({ cmd: 'logs', cid: 'c1', limit: 5 }),
      { cmd: 'logs', logs: [{ from: 'b', data: '{"x":1}', timestamp: 3, msgId: 'm' }] },
    );
    port().reply((command) => expect(command).toEqual({ cmd: 'logs', cid: 'c1', limit: 20 }), { cmd: 'logs', logs: [] });
    await tick();
    expect(got).toEqual([[{ from: 'b', data: { x: 1 }, timestamp: 3, msgId: 'm', fromPeerId: 'b', msg: { x: 1 } }], 0]);
  });

  it('lists members and counts them', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const got: unknown[] = [];
    rt.room('c1').list((m) => got.push(m)).list((m) => got.push(m)).count((n) => got.push(n));
    await tick();
    answerLookup(port(), 'c1');
    port().reply(
      (command) => expect(command).toEqual({ cmd: 'conv', op: 'query', where: { objectId: 'c1' }, sort: '-lm', limit: 10, skip: 0 }),
      { cmd: 'conv', op: 'results', results: [{ m: ['a', 'b'] }] },
    );
    port().reply(() => undefined, { cmd: 'conv', op: 'results', results: [] });
    port().reply((command) => expect(command).toEqual({ cmd: 'conv', op: 'count', cid: 'c1' }), { cmd: 'conv', op: 'result', count: 2 });
    await tick();
    expect(got).toEqual([['a', 'b'], [], 2]);
  });

  it('takes send(data, options) without a callback, and a receipt request as r: 1', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    rt.room('c1').send({ x: 1 }, { receipt: true });
    await tick();
    answerLookup(port(), 'c1');
    await tick();
    expect(port().requests[0].command).toEqual({ cmd: 'direct', cid: 'c1', msg: '{"x":1}', r: 1, transient: false });
    port().reply(() => undefined, { cmd: 'ack', uid: 'u', t: 1 });
    await tick();
  });

  it('answers open(callback) at once when already open, with the last opened frame', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const opened = { cmd: 'session', op: 'opened', peerId: 'a', i: 2016 };
    port().opened(opened);
    const got: unknown[] = [];
    rt.open((frame) => got.push(frame));
    expect(got).toEqual([]);
    await tick();
    expect(got).toEqual([opened]);
    expect(port().openCalls).toBe(1);
  });

  it('gives the same room object for an id it already knows', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const created = rt.conv({ members: ['b'] });
    await tick();
    port().reply(() => undefined, { cmd: 'conv', op: 'started', cid: 'c7' });
    await tick();
    expect(rt.room('c7')).toBe(created);
  });

  it('update() sends the fields and keeps name and attr of the object current', async () => {
    const { realtime, port } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    port().opened();
    const room = rt.room('c1');
    await tick();
    answerLookup(port(), 'c1');
    const replies: unknown[] = [];
    room.update({ name: 'new', attr: { k: 2 } }, (frame) => replies.push(frame));
    await tick();
    port().reply(
      (command) => expect(command).toEqual({ cmd: 'conv', op: 'update', cid: 'c1', attr: { name: 'new', attr: { k: 2 } } }),
      { cmd: 'conv', op: 'updated', udate: 'x' },
    );
    await tick();
    expect(replies).toEqual([{ cmd: 'conv', op: 'updated', udate: 'x' }]);
    expect([room.name, room.attr]).toEqual(['new', { k: 2 }]);
  });

  it('rejects bad arguments at the call, like 2.4.0', () => {
    const { realtime } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    expect(() => rt.ping('b', undefined as never)).toThrow(/callback/);
    expect(() => rt.room('c').add(42 as never)).toThrow(/client id/);
    expect(() => rt.room('c').send({}, { type: 'image' })).toThrow(/metaData/);
  });

  it('supports emit/on/off/once with custom events, chained', () => {
    const { realtime } = setup();
    const rt = realtime({ appId: 'app', clientId: 'a' });
    const seen: unknown[] = [];
    const listener = (data: any) => seen.push(data.aaa);
    rt.on('LeanCloud123', listener).once('LeanCloud123', (d: any) => seen.push(`once ${d.aaa}`)).emit('LeanCloud123', { aaa: 'test' });
    rt.off('LeanCloud123', listener).emit('LeanCloud123', { aaa: 'again' });
    expect(seen).toEqual(['test', 'once test']);
  });
});
