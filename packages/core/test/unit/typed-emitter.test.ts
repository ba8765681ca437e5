import { EventEmitter } from 'eventemitter3';
import { TypedEmitter } from '@realtime/core';

interface Events {
  tick: [number];
  done: [];
}

describe('TypedEmitter', () => {
  it('calls listeners in order with the arguments, once-listeners once', () => {
    const emitter = new TypedEmitter<Events>();
    const calls: string[] = [];
    emitter.on('tick', (n) => calls.push(`a${n}`));
    emitter.once('tick', (n) => calls.push(`b${n}`));
    expect(emitter.emit('tick', 1)).toBe(true);
    emitter.emit('tick', 2);
    expect(calls).toEqual(['a1', 'b1', 'a2']);
    expect(emitter.emit('done')).toBe(false);
  });

  it('removes one listener, all of an event, or all', () => {
    const emitter = new TypedEmitter<Events>();
    const a = jest.fn();
    const b = jest.fn();
    emitter.on('tick', a).on('tick', b).on('done', a);
    emitter.off('tick', a);
    emitter.emit('tick', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    emitter.off('tick');
    expect(emitter.listenerCount('tick')).toBe(0);
    emitter.removeAllListeners();
    expect(emitter.emit('done')).toBe(false);
  });

  it('does not throw out of emit when a listener throws, and rethrows on a fresh task', () => {
    jest.useFakeTimers();
    try {
      const emitter = new TypedEmitter<Events>();
      const next = jest.fn();
      emitter.once('tick', () => {
        throw new Error('app bug');
      });
      emitter.on('tick', next);
      expect(() => emitter.emit('tick', 1)).not.toThrow();
      // The emitter stays usable: the once-listener is gone, the others run on the next event.
      emitter.emit('tick', 2);
      expect(next).toHaveBeenLastCalledWith(2);
      expect(() => jest.runAllTimers()).toThrow('app bug');
    } finally {
      jest.useRealTimers();
    }
  });

  it('is an eventemitter3 EventEmitter', () => {
    expect(new TypedEmitter<Events>()).toBeInstanceOf(EventEmitter);
  });

  it('rejects a non-function listener', () => {
    expect(() => new TypedEmitter<Events>().on('tick', 5 as never)).toThrow(TypeError);
  });
});
