import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importLeanCloud } from '../leancloud/leancloud-importer';
import { isLeanCloudError } from '../leancloud/leancloud-error';
import type { BinaryPolicy } from '../leancloud/message-mapper';
import { databaseFileName } from '../server';
import { SqliteStorage } from '../storage/sqlite-storage';
import type { CliCommand } from './cli-command';
import { processIo, type CommandIo } from './command-io';

export const IMPORT_LEANCLOUD_USAGE = `Usage: realtime-server import leancloud <path>... --data <dir> [options]

Imports LeanCloud conversations and message history into the server's data directory. Offline:
stop the server first. <path> is any mix of a 'leancloud fetch' output directory, a console
data export (directory or .tar.gz), and loose .jsonl / .jsonl.gz / .json files. Safe to re-run:
what is already imported is not added twice.

  --data <dir>          the server's data directory (created if missing)
  --dry-run             read and check everything, write nothing
  --report <file>       also write the report as JSON
  --strict              stop at the first malformed record instead of skipping it
  --binary base64|skip  bin:true bodies: keep their base64 text (default) or skip them
`;

/** `realtime-server import leancloud …`; resolves to the process exit code. */
export async function runImportLeanCloud(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        'dry-run': { type: 'boolean' },
        report: { type: 'string' },
        strict: { type: 'boolean' },
        binary: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${IMPORT_LEANCLOUD_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(IMPORT_LEANCLOUD_USAGE);
    return 0;
  }
  const dataDir = values.data as string | undefined;
  const dryRun = values['dry-run'] === true;
  const binary = (values.binary as string | undefined) ?? 'base64';
  const problems = [
    positionals.length === 0 && 'at least one <path>',
    !dataDir && !dryRun && '--data',
    binary !== 'base64' && binary !== 'skip' && '--binary must be base64 or skip',
  ].filter(Boolean);
  if (problems.length > 0) {
    io.stderr.write(`Missing or wrong: ${problems.join(', ')}\n\n${IMPORT_LEANCLOUD_USAGE}`);
    return 2;
  }

  let storage: SqliteStorage | undefined;
  try {
    if (!dryRun) {
      await mkdir(dataDir!, { recursive: true });
      storage = new SqliteStorage(path.join(dataDir!, databaseFileName), { synchronous: 'normal' });
    }
    const report = await importLeanCloud({
      inputs: positionals,
      storage,
      dryRun,
      strict: values.strict === true,
      binary: binary as BinaryPolicy,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    io.stdout.write(report.format());
    if (typeof values.report === 'string') await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (isLeanCloudError(error)) {
      io.stderr.write(`Error [${error.code}]: ${error.message}\n`);
      return error.code === 'LEANCLOUD_USAGE' ? 2 : 1;
    }
    throw error;
  } finally {
    await storage?.close();
  }
}

/** `realtime-server import <source>` in the CLI's command table; `leancloud` is the one source. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import leancloud <path>...: load a LeanCloud export or fetch into --data',
  async run(args, io) {
    const [source, ...rest] = args;
    if (source === undefined || source === '--help' || source === '-h') {
      io.out(IMPORT_LEANCLOUD_USAGE);
      return source === undefined ? 2 : 0;
    }
    if (source !== 'leancloud') {
      io.err(`Unknown import source "${source}".\n\n${IMPORT_LEANCLOUD_USAGE}`);
      return 2;
    }
    return runImportLeanCloud(rest, processIo());
  },
};
