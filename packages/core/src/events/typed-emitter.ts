import { EventEmitter } from 'eventemitter3';

/** An event map: event name → the listener's argument tuple. */
export type EventMap<Events> = { [K in keyof Events]: unknown[] };

/**
 * eventemitter3 with a typed event map, and one change: a listener that throws does not throw out of
 * `emit`. Events are emitted from socket handlers; the 2.x SDK let an app's exception escape there and
 * lose the rest of the frame's work. Here the exception is rethrown on a fresh task, so it still
 * surfaces (window.onerror, uncaughtException), and the connection carries on. As with any
 * EventEmitter, the listeners after the throwing one miss that one event.
 */
export class TypedEmitter<Events extends EventMap<Events>> extends EventEmitter<Events> {
  override emit<K extends EventEmitter.EventNames<Events>>(event: K, ...args: EventEmitter.EventArgs<Events, K>): boolean {
    try {
      return super.emit(event, ...args);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
      return true;
    }
  }
}
