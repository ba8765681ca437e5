import { parseArgs } from 'node:util';
import { devCredentials, type ServerOptions } from '../config/server-config';
import { startServer } from '../server';
import { UsageError, type CliCommand, type CliIo } from './cli-command';

/** Each flag and the environment variable that sets it when the flag is absent. */
export const serveFlags = [
  { flag: 'port', env: 'REALTIME_PORT', value: '<n>', help: 'TCP port, 0 = any free port (default 3000)' },
  { flag: 'host', env: 'REALTIME_HOST', value: '<addr>', help: 'interface to listen on (default 0.0.0.0)' },
  { flag: 'data', env: 'REALTIME_DATA_DIR', value: '<dir>', help: 'directory of the SQLite file (default: in memory, lost on exit)' },
  { flag: 'app-id', env: 'REALTIME_APP_ID', value: '<id>', help: `app id (default ${devCredentials.appId})` },
  { flag: 'app-key', env: 'REALTIME_APP_KEY', value: '<key>', help: `app key (default ${devCredentials.appKey})` },
  { flag: 'master-key', env: 'REALTIME_MASTER_KEY', value: '<key>', help: 'master key, signs signatures (default: a dev key)' },
  { flag: 'require-signature', env: 'REALTIME_REQUIRE_SIGNATURE', value: '', help: 'require signatures for login and conversation changes' },
  { flag: 'static', env: 'REALTIME_STATIC_DIR', value: '<dir>', help: 'also serve the files of this directory over HTTP' },
  { flag: 'max-messages-per-minute', env: 'REALTIME_MAX_MESSAGES_PER_MINUTE', value: '<n>', help: 'messages one client id may send per minute (default: unlimited)' },
] as const;

export const serveUsage = [
  'Usage: realtime-server [serve] [options]',
  '',
  'Options (each also read from the environment variable shown):',
  ...serveFlags.map(({ flag, env, value, help }) => `  --${`${flag} ${value}`.padEnd(28)} ${help}  [${env}]`),
  '  -h, --help                     show this help',
].join('\n');

/**
 * `realtime-server [serve]`: starts the server and keeps it running. SIGTERM/SIGINT stop
 * accepting, close sockets with 1001, commit storage and exit 0.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the realtime server (the default command)',
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseServeOptions(args, io.env);
    if (options === 'help') {
      io.out(serveUsage);
      return 0;
    }
    const server = await startServer({ ...options, logger: { info: io.out, error: io.err } });
    io.out(`app id:     ${server.appId}`);
    io.out(`app key:    ${server.appKey}`);
    io.out(`master key: ${server.masterKey}`);
    io.out(`router:     ${server.routerUrl}?appId=${encodeURIComponent(server.appId)}`);
    io.out(`websocket:  ${server.wsUrl}`);
    io.out(options.dataDir ? `data:       ${options.dataDir}` : 'data:       in memory (pass --data <dir> to keep it)');
    return new Promise<number>((resolve) => {
      let isStopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (isStopping) {
          io.err(`${signal} again: exiting without waiting`);
          resolve(1);
          return;
        }
        isStopping = true;
        io.out(`${signal}: shutting down`);
        server.close().then(
          () => resolve(0),
          (error: unknown) => {
            io.err(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            resolve(1);
          },
        );
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
  },
};

/** Flags win over environment variables. Throws {@link UsageError} on anything invalid. */
export function parseServeOptions(args: string[], env: NodeJS.ProcessEnv): ServerOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'app-id': { type: 'string' },
        'app-key': { type: 'string' },
        'master-key': { type: 'string' },
        'require-signature': { type: 'boolean' },
        static: { type: 'string' },
        'max-messages-per-minute': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const read = (flag: (typeof serveFlags)[number]['flag']): string | undefined => {
    const fromFlag = values[flag];
    if (typeof fromFlag === 'string') return fromFlag;
    const entry = serveFlags.find((f) => f.flag === flag)!;
    const fromEnv = env[entry.env];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const options: ServerOptions = {};
  const port = read('port');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      throw new UsageError(`--port must be a number from 0 to 65535, got "${port}"`);
    }
    options.port = Number(port);
  }
  const rate = read('max-messages-per-minute');
  if (rate !== undefined) {
    if (!/^\d+$/.test(rate) || Number(rate) === 0) {
      throw new UsageError(`--max-messages-per-minute must be a positive whole number, got "${rate}"`);
    }
    options.maxMessagesPerMinute = Number(rate);
  }
  const strings = [
    ['host', 'host'],
    ['data', 'dataDir'],
    ['app-id', 'appId'],
    ['app-key', 'appKey'],
    ['master-key', 'masterKey'],
    ['static', 'staticDir'],
  ] as const;
  for (const [flag, key] of strings) {
    const value = read(flag);
    if (value === undefined) continue;
    if (value.trim() === '') throw new UsageError(`--${flag} must not be empty`);
    options[key] = value;
  }
  if (values['require-signature'] === true) {
    options.requireSignature = true;
  } else {
    const fromEnv = env.REALTIME_REQUIRE_SIGNATURE;
    if (fromEnv !== undefined && fromEnv !== '') {
      if (!/^(1|true|yes|0|false|no)$/i.test(fromEnv)) {
        throw new UsageError(`REALTIME_REQUIRE_SIGNATURE must be true/false/1/0/yes/no, got "${fromEnv}"`);
      }
      options.requireSignature = /^(1|true|yes)$/i.test(fromEnv);
    }
  }
  return options;
}
