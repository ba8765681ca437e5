// The "done when": `npx realtime-server` (the built bin, as a child process) and the
// unmodified official 2.4.0 client chat end to end, and survive a SIGTERM + restart of the
// server on the same --data directory and port. Needs the built CLI
// (`npm run build -w @realtime/server`; `npm test` builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliServer } from './helpers/cli-server';
import { OfficialClient } from './helpers/official-client';

let dataDir: string;
const servers: CliServer[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'realtime-official-cli-'));
});

afterEach(async () => {
  OfficialClient.disposeAll();
  for (const server of servers.splice(0)) await server.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startCli(port = 0): Promise<CliServer> {
  const server = await CliServer.start(['--port', String(port), '--host', '127.0.0.1', '--data', dataDir]);
  servers.push(server);
  return server;
}

describe('official 2.4.0 client against `realtime-server`', () => {
  it('chats end to end, and picks up again after SIGTERM and a restart on the same data and port', async () => {
    const server = await startCli();
    const endpoint = { routerUrl: server.routerUrl, appId: server.appId };
    const alice = await OfficialClient.open({ ...endpoint, clientId: 'alice' });
    const bob = await OfficialClient.open({ ...endpoint, clientId: 'bob' });

    const conv = await alice.conv({ name: 'cli chat', members: ['bob', 'carol'] });
    const bobConv = (await bob.room(conv.id))!;
    const hello = await conv.send('hello over the CLI server');
    const reply = await bobConv.send('hello back');
    expect((await bobConv.waitForMessages(1))[0]).toMatchObject({ id: hello.uid, msg: 'hello over the CLI server' });
    expect((await conv.waitForMessages(1))[0]).toMatchObject({ id: reply.uid, msg: 'hello back' });

    // Stop it as an operator would; it exits 0 and the clients see the socket close.
    await expect(server.stop('SIGTERM')).resolves.toBe(0);
    await alice.events.waitFor('reuse');
    await startCli(server.port);

    // 2.4.0 comes back by itself 5 s later.
    await alice.events.waitForCount('open', 2, () => true, 15_000);
    await bob.events.waitForCount('open', 2, () => true, 15_000);
    const after = await conv.send('after the restart');
    expect((await bobConv.waitForMessages(2))[1].id).toBe(after.uid);
    expect((await conv.log()).map((m) => m.msgId)).toEqual([hello.uid, reply.uid, after.uid]);

    // carol never connected: her whole backlog from both server runs is waiting for her.
    const carol = await OfficialClient.open({ ...endpoint, clientId: 'carol' });
    const backlog = await carol.events.waitForCount('message', 3);
    expect(backlog.map((m) => m.id)).toEqual([hello.uid, reply.uid, after.uid]);
  }, 40_000);
});
