import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Realtime, TextMessage, isRealtimeError, type Message } from '@realtime/node';
import { eventually } from '../helpers/events';

// Needs the built server CLI (`npm run build -w @realtime/server`; `npm test` builds first): the server
// runs in its own process so it can be killed with SIGKILL, mid-write, with no goodbye to anyone.
const cli = join(__dirname, '..', '..', '..', 'server', 'dist', 'cli.js');

interface ServerProcess { child: ChildProcess; wsUrl: string; port: number }

async function runServer(dataDir: string, port = 0): Promise<ServerProcess> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build -w @realtime/server\` first`);
  const child = spawn(process.execPath, [cli, '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /websocket:\s+(ws:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, wsUrl: match[1], port: Number(new URL(match[1]).port) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

function kill(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

let dataDir: string;
let server: ServerProcess | undefined;
let realtime: Realtime | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'realtime-crash-'));
});

afterEach(async () => {
  await realtime?.close();
  if (server) await kill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('server killed with SIGKILL mid-conversation', () => {
  it('every acknowledged message arrives exactly once, in order; nothing arrives twice', async () => {
    server = await runServer(dataDir);
    const { port } = server;
    realtime = new Realtime({ appId: 'realtime-dev-app', server: server.wsUrl, reconnect: { baseDelayMs: 50, maxDelayMs: 300 } });
    const alice = await realtime.createIMClient('alice');
    const bob = await realtime.createIMClient('bob');
    const received: Message[] = [];
    bob.on('message', (m) => received.push(m));
    const conversation = await alice.createConversation({ members: ['bob'] });

    const acknowledged: string[] = [];
    const lost: string[] = [];
    for (let n = 0; n < 60; n++) {
      if (n === 20) {
        await kill(server); // mid-stream, no close frames
        void runServer(dataDir, port).then((restarted) => (server = restarted)); // back after a moment
      }
      try {
        acknowledged.push((await conversation.send(new TextMessage(`m${n}`))).id!);
      } catch (error) {
        // Written before the crash, reply never came: the app is told, never left hanging.
        expect(isRealtimeError(error) && error.code).toBe('CONNECTION_LOST');
        lost.push(`m${n}`);
      }
    }

    await eventually(() => acknowledged.every((id) => received.some((m) => m.id === id)), 15_000, 'every acknowledged message at bob');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const receivedIds = received.map((m) => m.id!);
    expect(new Set(receivedIds).size).toBe(receivedIds.length);
    expect(receivedIds.filter((id) => acknowledged.includes(id))).toEqual(acknowledged);
    expect(acknowledged.length + lost.length).toBe(60);
    expect(lost.length).toBeLessThanOrEqual(1);

    const history = (await conversation.queryMessages({ limit: 100 })).map((m) => m.id!);
    expect(new Set(history).size).toBe(history.length);
    expect(history.filter((id) => acknowledged.includes(id))).toEqual(acknowledged);
  });
});
