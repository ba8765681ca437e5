import { RealtimeError } from '../errors/realtime-error';
import type { OutboxOptions } from '../request/request-job';
import type { TransportFactory } from '../transport/transport';
import type { ReconnectOptions } from './reconnect-policy';
import type { FetchLike } from './router-lookup';

/** What the app's signing server returns for a login (protocol §3). */
export interface SessionSignature {
  signature: string;
  /** As the signer produced it: seconds or ms, number or numeric string. */
  timestamp: number | string;
  nonce: string;
}

/** Asked for a login signature before every session open, including each reconnect. */
export type SessionSignatureFactory = (clientId: string) => SessionSignature | Promise<SessionSignature>;

/** Receives state changes and errors only; the default does nothing. */
export interface Logger {
  info?(message: string, data?: unknown): void;
  warn?(message: string, data?: unknown): void;
  error?(message: string, data?: unknown): void;
}

export interface ConnectionOptions {
  /** Application id, sent in `session open`. */
  appId: string;
  /** The client id to log in as (≤ 64 characters). */
  clientId: string;
  /** A WebSocket URL to use directly, e.g. `ws://127.0.0.1:3000/`. One of `server` or `router` is required. */
  server?: string;
  /** The router's URL, e.g. `http://127.0.0.1:3000/v1/route`; its answer is cached for its `ttl`. */
  router?: string;
  /** Opens sockets. `@realtime/browser` and `@realtime/node` pass theirs. */
  transport: TransportFactory;
  /** HTTP GET for the router lookup. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Login signature, asked again on every (re)connect. @default no signature */
  signatureFactory?: SessionSignatureFactory;
  /** Sent as `ua` in `session open`. @default 'js/realtime' */
  ua?: string;
  /** Interval between heartbeats `{}`. Unit: ms. @default 30000 */
  heartbeatIntervalMs?: number;
  /** Silence after which the connection counts as dead and is replaced. Unit: ms. @default 75000 */
  heartbeatDeadlineMs?: number;
  /** Time a request waits for its reply once written. Unit: ms. @default 20000 */
  requestTimeoutMs?: number;
  /** Time one connect attempt (router, socket, session open) may take. Unit: ms. @default 15000 */
  connectTimeoutMs?: number;
  /** Backoff between reconnect attempts. */
  reconnect?: ReconnectOptions;
  /** The queue for frames sent while disconnected. */
  outbox?: OutboxOptions;
  /** Send the receiver `ack` for every non-transient incoming message. @default true */
  autoAck?: boolean;
  /** Message ids remembered for de-duplication. @default 5000 */
  dedupCapacity?: number;
  logger?: Logger;
}

/** Throws a coded error for options no connection could work with. */
export function validateConnectionOptions(options: Partial<ConnectionOptions>, isClientIdRequired = false): void {
  const { appId, clientId, server, router, transport } = options ?? {};
  const isClientIdValid = typeof clientId === 'string' && clientId.length > 0 && clientId.length <= 64;
  if (typeof appId !== 'string' || !appId || !(server || router) || (!isClientIdValid && (isClientIdRequired || clientId !== undefined))) {
    throw new RealtimeError('INVALID_ARGUMENT', 'Options need appId, server or router, and a clientId of 1 to 64 characters');
  }
  if (typeof transport !== 'function') throw new RealtimeError('NO_TRANSPORT', 'No transport: install @realtime/browser or @realtime/node');
}
