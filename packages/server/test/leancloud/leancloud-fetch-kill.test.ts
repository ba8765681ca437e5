/**
 * A real kill: the fetch command runs in a child process (bundled from source with esbuild,
 * so no build is needed) and gets SIGKILL halfway through the history. Re-running the same
 * command must produce exactly the ground truth.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { readManifest } from '../../src/leancloud/fetch-manifest';
import { servingFixture, startFakeLeanCloud, type FakeLeanCloud } from './fake-leancloud-server';
import { makeFixture } from './fixtures/make-fixtures';
import { expectedHistory, nonEmpty, readFetchedHistory } from './fetch-output';

jest.setTimeout(60_000);

describe('leancloud fetch killed with SIGKILL', () => {
  let dir: string;
  let cli: string;
  let fake: FakeLeanCloud | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lc-kill-'));
    cli = path.join(dir, 'fetch-cli.js');
    await build({
      stdin: {
        contents: `require('./leancloud-fetch').runLeanCloudFetch(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => process.exit(code));`,
        resolveDir: path.join(__dirname, '../../src/commands'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: cli,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes from the manifest and ends with every record exactly once', async () => {
    const fixture = makeFixture({ seed: 23, bulkConversations: 12, maxMessagesPerConversation: 60 });
    let child: ReturnType<typeof spawn> | undefined;
    let historyRequests = 0;
    let killedAt = -1;
    fake = await startFakeLeanCloud({
      ...servingFixture(fixture),
      latencyMs: 8,
      onRequest: ({ path: requestPath }) => {
        if (!requestPath.endsWith('/messages')) return;
        historyRequests += 1;
        if (historyRequests === 150 && child) {
          killedAt = historyRequests;
          child.kill('SIGKILL');
        }
      },
    });
    const outDir = path.join(dir, 'out');
    const args = ['--api', fake.url, '--app-id', fixture.appId, '--master-key', fixture.masterKey, '--out', outDir, '--page-size', '2', '--concurrency', '2'];
    const run = () =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
        let stderr = '';
        child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
      });

    const first = await run();
    expect(first.signal).toBe('SIGKILL');
    expect(killedAt).toBe(150);
    const partial = await readManifest(outDir);
    expect(partial?.pass.completedAt).toBeUndefined();
    const allRecords = [...fixture.history.values()].flat().length;
    expect(partial!.totals.messages).toBeLessThan(allRecords);

    child = undefined;
    const second = await run();
    expect(second).toMatchObject({ code: 0, signal: null });
    expect(second.stderr).toMatch(/resume pass 1/);
    expect(nonEmpty(await readFetchedHistory(outDir))).toEqual(nonEmpty(expectedHistory(fixture)));
    const done = await readManifest(outDir);
    expect(done?.pass.tEnd).toBe(partial!.pass.tEnd);
    expect(done?.totals.messages).toBe(allRecords);
  });
});
