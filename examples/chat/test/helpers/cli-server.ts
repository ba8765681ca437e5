import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
export const cliPath = join(repoRoot, 'packages/server/dist/cli.js');
export const chatDist = join(repoRoot, 'examples/chat/dist');

export interface CliServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the process again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
}

/** Fails early with the command to run, instead of a timeout, when the build is missing. */
export function assertBuilt(...files: string[]): void {
  for (const file of [cliPath, join(chatDist, 'index.html'), ...files]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` at the repo root first`);
  }
}

/**
 * Runs the built CLI exactly as the root `npm start` does (`--data <dir> --static
 * examples/chat/dist`), but on a free port and a temporary data directory.
 */
export async function startCliServer(): Promise<CliServer> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'realtime-examples-'));
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async (): Promise<void> => {
    const process_ = spawn(process.execPath, [cliPath, '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--static', chatDist], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    port = await new Promise<number>((resolvePort, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`server did not start within 10 s:\n${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolvePort(Number(match[1]));
        }
      };
      process_.stdout!.on('data', onData);
      process_.stderr!.on('data', onData);
      process_.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((done) => {
      running.once('exit', () => done());
      running.kill('SIGTERM');
      // A server stuck in shutdown must not hang the suite.
      setTimeout(() => running.kill('SIGKILL'), 5_000).unref();
    });
  };

  await launch();
  return {
    get origin() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
