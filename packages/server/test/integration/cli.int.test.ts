import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsClient } from '../helpers/ws-client';

// Needs the built CLI: `npm run build -w @realtime/server`.
const cli = join(__dirname, '../../dist/cli.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForListening(output: () => string): Promise<number> {
  for (let n = 0; n < 100; n++) {
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    // the credentials follow the listening line; wait for the last of them
    if (match && output().includes('data:')) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no listening line; output: ${output()}`);
}

describe('realtime-server CLI', () => {
  beforeAll(() => {
    // A missing build is a setup error, not a reason to pass silently.
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build -w @realtime/server\` first`);
  });

  it('prints the listening line with the real port and the credentials, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'realtime-cli-'));
    const server = run(['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--app-id', 'cli-app']);
    try {
      const port = await waitForListening(server.output);
      expect(port).toBeGreaterThan(0);
      expect(server.output()).toContain('cli-app');
      expect(server.output()).toContain('master key');
      const route = await (await fetch(`http://127.0.0.1:${port}/v1/route?appId=cli-app`)).json();
      expect(route.server).toBe(`ws://127.0.0.1:${port}/`);
      const client = await WsClient.open(route.server, 'cli-app', 'alice');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect((await client.closed).code).toBe(1001);
      expect(existsSync(join(dataDir, 'realtime.sqlite'))).toBe(true);
    } finally {
      server.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reads settings from environment variables, flags first', async () => {
    const server = run(['--app-id', 'from-flag'], { REALTIME_PORT: '0', REALTIME_HOST: '127.0.0.1', REALTIME_APP_ID: 'from-env', REALTIME_REQUIRE_SIGNATURE: 'true' });
    try {
      const port = await waitForListening(server.output);
      expect(server.output()).toContain('from-flag');
      expect((await fetch(`http://127.0.0.1:${port}/v1/route?appId=from-flag`)).status).toBe(200);
      const client = await WsClient.connect(`ws://127.0.0.1:${port}/`);
      const refused = await client.request({ cmd: 'session', op: 'open', appId: 'from-flag', peerId: 'a' });
      expect(refused).toMatchObject({ op: 'closed', code: 4102 });
      await client.close();
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('exits non-zero with a clear message for invalid flags and values', async () => {
    for (const args of [['--bogus'], ['--port', 'eighty'], ['--port', '70000'], ['serve', 'extra'], ['unknown-command'], ['--max-messages-per-minute', '0']]) {
      const { output, exited } = run(args);
      expect(await exited).toBe(2);
      expect(output()).toMatch(/realtime-server/);
    }
    const bad = run([], { REALTIME_REQUIRE_SIGNATURE: 'maybe', REALTIME_PORT: '0' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('REALTIME_REQUIRE_SIGNATURE');
  });

  it('prints help with the flags, their environment variables and the commands', async () => {
    const { output, exited } = run(['--help']);
    expect(await exited).toBe(0);
    for (const text of ['--port', 'REALTIME_PORT', '--data', 'REALTIME_DATA_DIR', '--require-signature', '--max-messages-per-minute', 'serve']) {
      expect(output()).toContain(text);
    }
  });
});
