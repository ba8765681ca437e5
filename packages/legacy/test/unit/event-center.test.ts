import { EventCenter } from '../../src/event-center';
import { eventsForPush } from '../../src/event-names';

describe('EventCenter', () => {
  it('registers one listener for several space-separated names', () => {
    const center = new EventCenter();
    const seen: unknown[] = [];
    center.on('close  session-closed', (data) => seen.push(data));
    center.emit('close', 1);
    center.emit('session-closed', 2);
    expect(seen).toEqual([1, 2]);
  });

  it('runs once listeners a single time, after the on listeners', () => {
    const center = new EventCenter();
    const order: string[] = [];
    center.once('open', () => order.push('once'));
    center.on('open', () => order.push('on'));
    center.emit('open');
    center.emit('open');
    expect(order).toEqual(['on', 'once', 'on']);
  });

  it('off removes one registration, including a once listener', () => {
    const center = new EventCenter();
    const seen: string[] = [];
    const listener = () => seen.push('x');
    center.on('a', listener);
    center.on('a', listener);
    center.off('a', listener);
    center.emit('a');
    expect(seen).toEqual(['x']);
    center.once('b', listener);
    center.off('b', listener);
    center.emit('b');
    expect(seen).toEqual(['x']);
  });

  it('keeps listeners that a listener adds while the event is being emitted', () => {
    const center = new EventCenter();
    const seen: string[] = [];
    center.once('a', () => center.on('a', () => seen.push('late')));
    center.emit('a');
    center.emit('a');
    expect(seen).toEqual(['late']);
  });

  it('calls listeners with the hub as this, and chains', () => {
    const center = new EventCenter();
    let self: unknown;
    expect(center.on('a', function (this: unknown) { self = this; }).emit('a')).toBe(center);
    expect(self).toBe(center);
  });

  it('sends what a listener throws to the error listeners and still runs the others', () => {
    const center = new EventCenter();
    const failures: unknown[] = [];
    center.on('error', (error) => failures.push(error));
    const seen: unknown[] = [];
    const boom = new Error('boom');
    center.on('message', () => {
      throw boom;
    });
    center.on('message', (data) => seen.push(data));
    center.emit('message', 7);
    expect(seen).toEqual([7]);
    expect(failures).toEqual([boom]);
  });

  it('does not loop when an error listener throws', () => {
    const center = new EventCenter();
    const seen: unknown[] = [];
    center.on('error', () => {
      throw new Error('again');
    });
    center.on('error', (error) => seen.push(error));
    expect(() => center.emit('error', 1)).not.toThrow();
    expect(seen).toEqual([1]);
  });
});

describe('event names', () => {
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
    expect(eventsForPush({ cmd: 'session', op: 'closed' })).toEqual([]);
    expect(eventsForPush({ cmd: 'toString' })).toEqual([]);
    expect(eventsForPush({})).toEqual([]);
  });
});
