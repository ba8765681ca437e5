// Starts each server under test as its own process, so its CPU and RSS can be read from
// /proc/<pid>, and returns where to connect.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const STARTUP_TIMEOUT_MS = 20_000;

export const TARGETS = {
  realtime: { label: '@realtime/server', script: join(repoRoot, 'packages/server/dist/cli.js'), needsDataDir: true },
  socketio: { label: 'Socket.IO 4', script: join(here, 'servers/socketio-server.mjs') },
  bare: { label: 'bare ws (floor)', script: join(here, 'servers/bare-ws-server.mjs') },
};

/**
 * @param {string} target key of TARGETS
 * @param {{ cpuProfileDir?: string, appId: string }} options
 */
export async function startTarget(target, { cpuProfileDir, appId }) {
  const spec = TARGETS[target];
  const dataDir = spec.needsDataDir ? mkdtempSync(join(tmpdir(), 'realtime-bench-')) : null;
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  // REALTIME_BENCH_SERVER_CLI points at another build of the server (e.g. an experiment's copy).
  const script = (target === 'realtime' && process.env.REALTIME_BENCH_SERVER_CLI) || spec.script;
  const args = [...nodeArgs, script, ...(dataDir ? ['--port', '0', '--data', dataDir] : [])];
  // Raise the soft fd limit to the hard one for the idle scenarios; `exec` keeps the pid.
  const child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec node "$@"', 'bash', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const port = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`${spec.label} did not start within ${STARTUP_TIMEOUT_MS} ms: ${stderr}`)), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on https?:\/\/[^:\s]+:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.label} exited with ${code} before listening: ${stderr}`));
    });
  });
  let url = `http://127.0.0.1:${port}`;
  if (target === 'realtime') {
    // Ask the router like a 2.x client would, so the bench follows the server's own URL.
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/route?appId=${encodeURIComponent(appId)}`);
      const body = await response.json();
      url = body.server ?? `ws://127.0.0.1:${port}/`;
    } catch {
      url = `ws://127.0.0.1:${port}/`;
    }
  } else if (target === 'bare') {
    url = `ws://127.0.0.1:${port}/`;
  }
  return {
    pid: child.pid,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    url,
    stderr: () => stderr,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
