import { parseArgs } from 'node:util';
import { fetchLeanCloudApp } from '../leancloud/leancloud-fetcher';
import { LeanCloudError, isLeanCloudError } from '../leancloud/leancloud-error';
import type { CliCommand } from './cli-command';
import { processIo, type CommandIo } from './command-io';

export const LEANCLOUD_FETCH_USAGE = `Usage: realtime-server leancloud fetch --api <url> --app-id <id> --master-key <key> --out <dir> [options]

Copies a LeanCloud app's conversations (_Conversation, _ConversationMemberInfo, _SysMessage via
scan) and every conversation's message history into <dir>. Read-only. Re-run the same command
to resume after an interruption; run it again after it finished to fetch only new messages.

  --api <url>             the app's API host (Settings › App keys › server URL)   [env LC_API]
  --app-id <id>                                                                   [env LC_APP_ID]
  --master-key <key>      the Master Key, not the App Key                         [env LC_MASTER_KEY]
  --out <dir>             output directory (created; holds manifest.json)
  --page-size <n>         records per request, 1-1000 (default 1000)
  --concurrency <n>       conversations fetched in parallel (default 4)
  --retries <n>           retries per request on 429/5xx/network errors (default 8)
  --rate-limit-wait-ms <ms>  wait after a 429 without Retry-After (default 60000)
  --retry-min-delay-ms <ms>  first backoff delay, doubled per retry, with jitter (default 1000)
  --history-sign-client <id> sign history queries as this client id (only for apps that
                          require history signatures; switching that off is simpler)
`;

/** `realtime-server leancloud fetch …`; resolves to the process exit code. */
export async function runLeanCloudFetch(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        api: { type: 'string' },
        'app-id': { type: 'string' },
        'master-key': { type: 'string' },
        out: { type: 'string' },
        'page-size': { type: 'string' },
        concurrency: { type: 'string' },
        retries: { type: 'string' },
        'rate-limit-wait-ms': { type: 'string' },
        'retry-min-delay-ms': { type: 'string' },
        'history-sign-client': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${LEANCLOUD_FETCH_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(LEANCLOUD_FETCH_USAGE);
    return 0;
  }
  const api = (values.api as string | undefined) ?? io.env.LC_API;
  const appId = (values['app-id'] as string | undefined) ?? io.env.LC_APP_ID;
  const masterKey = (values['master-key'] as string | undefined) ?? io.env.LC_MASTER_KEY;
  const outDir = values.out as string | undefined;
  const missing = [!api && '--api', !appId && '--app-id', !masterKey && '--master-key', !outDir && '--out'].filter(Boolean);
  if (missing.length > 0) {
    io.stderr.write(`Missing ${missing.join(', ')}\n\n${LEANCLOUD_FETCH_USAGE}`);
    return 2;
  }
  try {
    const summary = await fetchLeanCloudApp({
      api: api!,
      appId: appId!,
      masterKey: masterKey!,
      outDir: outDir!,
      pageSize: integer(values['page-size'], '--page-size', 1, 1000),
      concurrency: integer(values.concurrency, '--concurrency', 1, 64),
      retries: integer(values.retries, '--retries', 0, 100),
      rateLimitWaitMs: integer(values['rate-limit-wait-ms'], '--rate-limit-wait-ms', 0, 3_600_000),
      minRetryDelayMs: integer(values['retry-min-delay-ms'], '--retry-min-delay-ms', 0, 600_000),
      progressStream: io.stderr,
      signal: io.signal,
      historySignClientId: values['history-sign-client'] as string | undefined,
    });
    return summary.failedConversations.length > 0 ? 1 : 0;
  } catch (error) {
    if (io.signal?.aborted) {
      io.stderr.write('\nInterrupted. Progress is saved; run the same command again to resume.\n');
      return 130;
    }
    if (isLeanCloudError(error)) {
      io.stderr.write(`\nError [${error.code}]: ${error.message}\n`);
      return error.code === 'LEANCLOUD_USAGE' ? 2 : 1;
    }
    throw error;
  }
}

function integer(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LeanCloudError('LEANCLOUD_USAGE', `${flag} must be an integer from ${min} to ${max}, got "${String(value)}"`);
  }
  return n;
}

/**
 * `realtime-server leancloud <subcommand>` in the CLI's command table. SIGINT/SIGTERM abort
 * the fetch cleanly (the manifest is saved), so Ctrl-C and resume is a normal workflow.
 */
export const leancloudCommand: CliCommand = {
  name: 'leancloud',
  summary: 'leancloud fetch: copy a LeanCloud app\'s conversations and history before 2027-01-12',
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
      io.out(LEANCLOUD_FETCH_USAGE);
      return subcommand === undefined ? 2 : 0;
    }
    if (subcommand !== 'fetch') {
      io.err(`Unknown subcommand "${subcommand}".\n\n${LEANCLOUD_FETCH_USAGE}`);
      return 2;
    }
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      return await runLeanCloudFetch(rest, processIo(controller.signal));
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};
