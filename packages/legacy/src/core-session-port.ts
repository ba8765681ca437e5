import { Connection, type FetchLike, type RequestFrame, type TransportFactory } from '@realtime/core';
import type { Frame, SessionPortFactory } from './session-port';

/**
 * The SessionPort over core's `Connection`: the protocol, heartbeats, backoff, request
 * correlation, outbox, de-duplication and receiver acks all live there.
 */
export function createCoreSessionPortFactory(transport: TransportFactory, fetch?: FetchLike): SessionPortFactory {
  return (options, listener) => {
    const connection: Connection = new Connection({
      appId: options.appId,
      clientId: options.clientId as string,
      server: options.server,
      router: options.router,
      transport,
      fetch,
      ua: options.userAgent,
      signatureFactory: options.signSessionOpen ? () => options.signSessionOpen!() : undefined,
    }, {
      statechange: (change) =>
        listener.phase({
          previous: change.previous,
          current: change.current,
          openedFrame: change.current === 'connected' ? (connection.lastOpenedFrame as unknown as Frame) : undefined,
          closeInfo: change.closeInfo,
          error: change.error,
        }),
      push: (frame) => listener.push(frame as unknown as Frame),
      error: (error) => listener.error(error),
    });
    return {
      open: () => {
        // Failures surface through `statechange` (and `error`); the promise itself is not needed.
        connection.connect().catch(() => undefined);
      },
      close: () => {
        void connection.close();
      },
      request: (command) => connection.request(command as unknown as RequestFrame) as unknown as Promise<Frame>,
      send: (command) => {
        connection.send(command as never).catch((error) => listener.error(error));
      },
    };
  };
}
