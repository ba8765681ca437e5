import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built bin of `@realtime/server`, i.e. what `npx realtime-server` runs. */
export const cliPath = join(__dirname, '../../../dist/cli.js');

/**
 * `realtime-server` as a child process, as an operator runs it. Reads the port and the app
 * credentials from what it prints at start.
 */
export class CliServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly appId: string,
    readonly output: () => string,
  ) {}

  static async start(args: string[], timeoutMs = 10_000): Promise<CliServer> {
    if (!existsSync(cliPath)) {
      throw new Error(`${cliPath} is missing: build the server first (npm run build -w @realtime/server)`);
    }
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const appId = /app id:\s*(\S+)/.exec(output)?.[1];
      if (port && appId) return new CliServer(child, Number(port), appId, () => output);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`realtime-server did not start (exit ${child.exitCode}):\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  get routerUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/route`;
  }

  /** Sends `signal` and resolves with the exit code. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.kill(signal);
    });
  }
}
