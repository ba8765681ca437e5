/**
 * A `realtime-server` subcommand. Register new ones in the table in `cli.ts`. `run` returns the
 * process exit code (or keeps running, like `serve`, until a signal).
 */
export interface CliCommand {
  /** The first argument that selects it, e.g. `serve`, `leancloud`, `import`. */
  name: string;
  /** One line for `realtime-server --help`. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly code = 'USAGE';
}
