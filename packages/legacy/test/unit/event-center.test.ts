import { EventCenter } from '../../src/event-center';
import { eventsForPhase, eventsForPush } from '../../src/event-names';

describe('EventCenter', () => {
  it('registers one listener for several space-separated names', () => {
    const center = new EventCenter(() => undefined);
    const seen: unknown[] = [];
    center.on('close  session-closed', (data) => seen.push(data));
    center.emit('close', 1);
    center.emit('session-closed', 2);
    expect(seen).toEqual([1, 2]);
  });

  it('runs once listeners a single time, after the on listeners', () => {
    const center = new EventCenter(() => undefined);
    const order: string[] = [];
    center.on('open', () => order.push('once'), true);
    center.on('open', () => order.push('on'));
    center.emit('open');
    center.emit('open');
    expect(order).toEqual(['on', 'once', 'on']);
  });

  it('off removes one registration, including a once listener', () => {
    const center = new EventCenter(() => undefined);
    const seen: string[] = [];
    const listener = () => seen.push('x');
    center.on('a', listener);
    center.on('a', listener);
    center.off('a', listener);
    center.emit('a');
    expect(seen).toEqual(['x']);
    center.on('b', listener, true);
    center.off('b', listener);
    center.emit('b');
    expect(seen).toEqual(['x']);
  });

  it('keeps listeners that a listener adds while the event is being emitted', () => {
    const center = new EventCenter(() => undefined);
    const seen: string[] = [];
    center.on('a', () => center.on('a', () => seen.push('late')), true);
    center.emit('a');
    center.emit('a');
    expect(seen).toEqual(['late']);
  });

  it('reports a throwing listener and still runs the others', () => {
    const failures: Array<[unknown, string]> = [];
    const center = new EventCenter((error, name) => failures.push([error, name]));
    const seen: unknown[] = [];
    const boom = new Error('boom');
    center.on('message', () => {
      throw boom;
    });
    center.on('message', (data) => seen.push(data));
    center.emit('message', 7);
    expect(seen).toEqual([7]);
    expect(failures).toEqual([[boom, 'message']]);
  });
});

describe('event names', () => {
  it('maps connection states to open, reuse and close', () => {
    expect(eventsForPhase('connecting', 'connected', false)).toEqual(['open']);
    expect(eventsForPhase('reconnecting', 'connected', true)).toEqual(['open']);
    expect(eventsForPhase('connected', 'reconnecting', false)).toEqual(['close', 'reuse']);
    expect(eventsForPhase('connecting', 'reconnecting', false)).toEqual(['reuse']);
    expect(eventsForPhase('connecting', 'reconnecting', true)).toEqual([]);
    expect(eventsForPhase('connected', 'closed', false)).toEqual(['close']);
    expect(eventsForPhase('idle', 'closed', false)).toEqual(['close']);
    expect(eventsForPhase('idle', 'connecting', false)).toEqual([]);
    expect(eventsForPhase('reconnecting', 'connecting', true)).toEqual([]);
  });

  it('maps pushes to the 2.4.0 events', () => {
    expect(eventsForPush({ cmd: 'conv', op: 'joined', peerId: 'a', initBy: 'b' })).toEqual(['join', 'invited']);
    expect(eventsForPush({ cmd: 'conv', op: 'joined', peerId: 'a', initBy: 'a' })).toEqual(['invited']);
    expect(eventsForPush({ cmd: 'conv', op: 'left' })).toEqual(['left', 'kicked']);
    expect(eventsForPush({ cmd: 'conv', op: 'members-joined' })).toEqual(['join', 'membersjoined']);
    expect(eventsForPush({ cmd: 'conv', op: 'members-left' })).toEqual(['left', 'membersleft']);
    expect(eventsForPush({ cmd: 'direct' })).toEqual(['message']);
    expect(eventsForPush({ cmd: 'rcp' })).toEqual(['receipt']);
    expect(eventsForPush({ cmd: 'error' })).toEqual(['error']);
    expect(eventsForPush({ cmd: 'conv', op: 'error' })).toEqual(['error']);
    expect(eventsForPush({ cmd: 'session', op: 'error' })).toEqual(['error']);
    expect(eventsForPush({ cmd: 'conv', op: 'started' })).toEqual([]);
    expect(eventsForPush({})).toEqual([]);
  });
});
