/** What a CLI subcommand may touch, passed in so tests can run commands in-process. */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM by the CLI; commands stop cleanly and keep their progress. */
  signal?: AbortSignal;
}

export function processIo(signal?: AbortSignal): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal };
}
