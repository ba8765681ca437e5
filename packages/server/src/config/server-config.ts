/** What `startServer` accepts. Every field is optional; the defaults make a dev server. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. @default 3000 */
  port?: number;
  /** Interface to listen on. @default '0.0.0.0' */
  host?: string;
  /** Directory for the SQLite file (`realtime.sqlite`). Omitted or `':memory:'`: in-memory, lost on close. */
  dataDir?: string;
  /** @default 'realtime-dev-app' */
  appId?: string;
  /** @default 'realtime-dev-key' */
  appKey?: string;
  /** Signs and checks signatures (protocol §3). @default 'realtime-dev-master-key' */
  masterKey?: string;
  /** Require signatures for session open, conv start, invite and kick. @default false */
  requireSignature?: boolean;
  /** Serve the files of this directory over HTTP (the chat demo). */
  staticDir?: string;
  /** Close a socket that sent nothing for this long with 4107. @default 150000 (ms) */
  readTimeoutMs?: number;
  /** Close a socket that did not open a session within this time with 4108. @default 60000 (ms) */
  loginTimeoutMs?: number;
  /**
   * Messages (`direct`, transient ones included) one client id may send per minute, over all its
   * sessions; more are refused with an `ack` carrying 4116. Unlimited when omitted.
   */
  maxMessagesPerMinute?: number;
  /** Errors and lifecycle events only; silent by default. */
  logger?: Logger;
}

export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

export type ServerConfig = Required<Omit<ServerOptions, 'dataDir' | 'staticDir' | 'maxMessagesPerMinute'>> & {
  dataDir: string | undefined;
  staticDir: string | undefined;
  maxMessagesPerMinute: number | undefined;
};

export const devCredentials = {
  appId: 'realtime-dev-app',
  appKey: 'realtime-dev-key',
  masterKey: 'realtime-dev-master-key',
} as const;

const silentLogger: Logger = { info() {}, error() {} };

export function resolveServerConfig(options: ServerOptions = {}): ServerConfig {
  const config: ServerConfig = {
    port: options.port ?? 3000,
    host: options.host ?? '0.0.0.0',
    dataDir: options.dataDir === ':memory:' ? undefined : options.dataDir,
    appId: options.appId ?? devCredentials.appId,
    appKey: options.appKey ?? devCredentials.appKey,
    masterKey: options.masterKey ?? devCredentials.masterKey,
    requireSignature: options.requireSignature ?? false,
    staticDir: options.staticDir,
    readTimeoutMs: options.readTimeoutMs ?? 150_000,
    loginTimeoutMs: options.loginTimeoutMs ?? 60_000,
    maxMessagesPerMinute: options.maxMessagesPerMinute,
    logger: options.logger ?? silentLogger,
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${options.port}`);
  }
  for (const key of ['readTimeoutMs', 'loginTimeoutMs'] as const) {
    if (!(config[key] > 0)) throw new RangeError(`${key} must be a positive number of ms, got ${config[key]}`);
  }
  const rate = config.maxMessagesPerMinute;
  if (rate !== undefined && !(Number.isInteger(rate) && rate > 0)) {
    throw new RangeError(`maxMessagesPerMinute must be a positive integer, got ${rate}`);
  }
  for (const key of ['appId', 'appKey', 'masterKey'] as const) {
    if (!config[key]) throw new RangeError(`${key} must not be empty`);
  }
  return config;
}
