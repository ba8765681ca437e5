import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolveServerConfig, type ServerOptions } from './config/server-config';
import { LocalFanout } from './fanout/local-fanout';
import { dispatchFrame } from './handlers/dispatch';
import { handleReceiverAckNow } from './handlers/receiver-ack-fast-path';
import type { HandlerContext } from './handlers/handler-context';
import { createHttpHandler } from './http/http-handler';
import { errorCodes, goingAwayCloseCode } from './protocol/error-codes';
import { limits } from './protocol/limits';
import { errorFrame } from './protocol/outbound';
import { ProtocolError } from './protocol/protocol-error';
import { Connection } from './session/connection';
import { RateLimiter } from './session/rate-limiter';
import { SessionRegistry } from './session/session-registry';
import { TransientRooms } from './session/transient-rooms';
import { SignatureVerifier } from './signature/signature-verifier';
import { SqliteStorage } from './storage/sqlite-storage';

export interface RunningServer {
  port: number;
  host: string;
  /** `http://127.0.0.1:<port>` (or the configured host when it is not a wildcard). */
  httpUrl: string;
  /** `ws://…:<port>/` */
  wsUrl: string;
  /** `http://…:<port>/v1/route` */
  routerUrl: string;
  appId: string;
  appKey: string;
  masterKey: string;
  /** Stops accepting, closes every socket with 1001 (going away), commits storage. */
  close(): Promise<void>;
}

/** File name of the SQLite database inside `dataDir`. */
export const databaseFileName = 'realtime.sqlite';

/** Above this ws itself drops the socket (1009); between `limits.maxFrameBytes` and this we close with 4109. */
const hardMaxPayloadBytes = 1024 * 1024;
/** How long `close()` waits for clients to answer the close handshake before dropping them. */
const closeHandshakeGraceMs = 1000;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveServerConfig(options);
  const { logger } = config;
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const storage = new SqliteStorage(config.dataDir ? join(config.dataDir, databaseFileName) : ':memory:');
  const registry = new SessionRegistry();
  const rooms = new TransientRooms();
  const context: HandlerContext = {
    config,
    storage,
    registry,
    rooms,
    fanout: new LocalFanout(registry, rooms),
    signatures: new SignatureVerifier(config.appId, config.masterKey, limits.signatureWindowMs),
    messageRate: config.maxMessagesPerMinute === undefined ? undefined : new RateLimiter(config.maxMessagesPerMinute),
    now: Date.now,
  };

  let publicHost = '';
  const httpServer = createServer(createHttpHandler(config, () => publicHost));
  // No subprotocol is offered by 2.x clients and none may be selected (protocol §1.3).
  const wss = new WebSocketServer({ noServer: true, maxPayload: hardMaxPayloadBytes, perMessageDeflate: false });
  httpServer.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => acceptSocket(ws));
  });

  function acceptSocket(ws: WebSocket): void {
    const connection = new Connection(ws, Date.now());
    registry.addConnection(connection);
    // dispatchFrame never rejects, so the chain never breaks.
    let inOrder: Promise<void> = Promise.resolve();
    /** Commands queued on `inOrder` that have not finished; 0 lets a receiver ack skip the queue. */
    let queued = 0;
    const dispatchNext = (text: string) => async () => {
      await dispatchFrame(context, connection, text, logger);
      queued -= 1;
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      connection.lastFrameAtMs = Date.now();
      if (data.length > limits.maxFrameBytes) {
        connection.close(errorCodes.FRAME_TOO_LONG, 'FRAME_TOO_LONG');
        return;
      }
      if (isBinary) {
        const error = new ProtocolError('UNPARSEABLE_RAW_MESSAGE', 'this dialect uses JSON text frames only');
        connection.send(errorFrame(undefined, connection.clientId, error));
        return;
      }
      // One command at a time per socket, in arrival order: `add` then `list` must see the add
      // (handlers await storage, so without this a later command could overtake an earlier one).
      const text = data.toString('utf8');
      // With nothing queued an ack runs now, in order all the same (see handleReceiverAckNow).
      if (queued === 0 && handleReceiverAckNow(context, connection, text, logger)) return;
      queued += 1;
      inOrder = inOrder.then(dispatchNext(text));
    });
    ws.on('close', () => {
      rooms.leave(connection, Date.now());
      registry.removeConnection(connection);
    });
    // A socket error is followed by 'close'; without a listener ws would throw it.
    ws.on('error', (error) => logger.error(`socket error: ${error.message}`));
  }

  // One sweep for all sockets instead of a timer per socket: cheaper on the hot path (each frame
  // only stores a timestamp).
  const sweepEveryMs = Math.max(10, Math.min(5000, Math.floor(Math.min(config.readTimeoutMs, config.loginTimeoutMs) / 4)));
  let lastPruneMs = Date.now();
  const sweep = setInterval(() => {
    const now = Date.now();
    if (now - lastPruneMs >= 60_000) {
      lastPruneMs = now;
      context.messageRate?.prune();
      rooms.pruneRecent(now, limits.transientRejoinWindowMs);
    }
    for (const connection of registry.connections) {
      if (!connection.isLoggedIn && now - connection.awaitingLoginSinceMs > config.loginTimeoutMs) {
        connection.close(errorCodes.LOGIN_TIMEOUT, 'LOGIN_TIMEOUT');
      } else if (now - connection.lastFrameAtMs > config.readTimeoutMs) {
        connection.close(errorCodes.READ_TIMEOUT, 'READ_TIMEOUT');
      }
    }
  }, sweepEveryMs);
  sweep.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(sweep);
    await storage.close();
    throw error;
  }
  httpServer.on('error', (error) => logger.error(`http server error: ${error.message}`));

  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  publicHost = `${urlHost}:${port}`;
  logger.info(`listening on http://${publicHost}`);

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    clearInterval(sweep);
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    // Let writes already queued commit and their acks go out before the sockets close.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const sockets = [...wss.clients];
    for (const connection of registry.connections) connection.close(goingAwayCloseCode, 'server shutting down');
    await Promise.race([
      Promise.all(sockets.map((ws) => new Promise((resolve) => (ws.readyState === 3 ? resolve(null) : ws.once('close', resolve))))),
      new Promise((resolve) => setTimeout(resolve, closeHandshakeGraceMs).unref()),
    ]);
    for (const ws of wss.clients) ws.terminate();
    httpServer.closeAllConnections();
    await storage.close();
    await httpClosed;
    logger.info('server closed');
  }

  return {
    port,
    host: config.host,
    httpUrl: `http://${publicHost}`,
    wsUrl: `ws://${publicHost}/`,
    routerUrl: `http://${publicHost}/v1/route`,
    appId: config.appId,
    appKey: config.appKey,
    masterKey: config.masterKey,
    close: () => (closing ??= close()),
  };
}
