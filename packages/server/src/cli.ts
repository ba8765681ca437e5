#!/usr/bin/env node
import type { CliCommand, CliIo } from './commands/cli-command';
import { serveCommand, serveUsage } from './commands/serve-command';
import { leancloudCommand } from './commands/leancloud-fetch';
import { importCommand } from './commands/import-leancloud';

/**
 * `realtime-server [command] [options]`. The first argument picks a command from this table;
 * without one (or with an option first) the server runs (`serve`). Add a command by writing
 * `commands/<name>-command.ts` that exports a `CliCommand` and listing it here.
 */
const commands: CliCommand[] = [serveCommand, leancloudCommand, importCommand];

function usage(): string {
  return [
    serveUsage,
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(28)} ${command.summary}`),
    '',
    'Run `realtime-server <command> --help` for the options of a command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(usage());
    return 0;
  }
  const named = first === undefined ? undefined : commands.find((command) => command.name === first);
  if (first !== undefined && !first.startsWith('-') && !named) {
    io.err(`realtime-server: unknown command "${first}"\n\n${usage()}`);
    return 2;
  }
  const command = named ?? serveCommand;
  try {
    return await command.run(named ? rest : argv, io);
  } catch (error) {
    if (error instanceof Error && error.name === 'UsageError') {
      io.err(`realtime-server ${command.name}: ${error.message}\nRun \`realtime-server ${command.name} --help\` for usage.`);
      return 2;
    }
    io.err(`realtime-server ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
