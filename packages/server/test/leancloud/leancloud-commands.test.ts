import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runImportLeanCloud } from '../../src/commands/import-leancloud';
import { runLeanCloudFetch } from '../../src/commands/leancloud-fetch';
import { makeFixture } from './fixtures/make-fixtures';
import { writeConsoleExport } from './fixtures/write-export';

function io(env: NodeJS.ProcessEnv = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  return { io: { stdout: out, stderr: err, env }, stdout: () => stdout, stderr: () => stderr };
}

describe('leancloud CLI commands', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lc-cmd-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('fetch: names every missing flag and exits 2', async () => {
    const run = io();
    expect(await runLeanCloudFetch(['--out', dir], run.io)).toBe(2);
    expect(run.stderr()).toContain('Missing --api, --app-id, --master-key');
    const bad = io();
    expect(await runLeanCloudFetch(['--api', 'http://x', '--app-id', 'a', '--master-key', 'k', '--out', dir, '--page-size', '5000'], bad.io)).toBe(2);
    expect(bad.stderr()).toContain('--page-size must be an integer from 1 to 1000');
    const unknown = io();
    expect(await runLeanCloudFetch(['--bogus'], unknown.io)).toBe(2);
  });

  it('fetch: takes credentials from LC_API / LC_APP_ID / LC_MASTER_KEY and reports an unreachable host', async () => {
    const run = io({ LC_API: 'http://127.0.0.1:9', LC_APP_ID: 'a', LC_MASTER_KEY: 'k' });
    expect(await runLeanCloudFetch(['--out', dir, '--retries', '0'], run.io)).toBe(1);
    expect(run.stderr()).toContain('LEANCLOUD_RETRIES_EXHAUSTED');
  });

  it('import: a dry run creates no data directory; a real one writes the JSON report', async () => {
    const fixture = makeFixture({ seed: 3, bulkConversations: 2 });
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    const dataDir = path.join(dir, 'data');

    const dry = io();
    expect(await runImportLeanCloud([path.join(dir, 'export'), '--data', dataDir, '--dry-run'], dry.io)).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
    expect(dry.stdout()).toContain(`Messages: would import ${fixture.messages.length}.`);

    const real = io();
    const reportFile = path.join(dir, 'report.json');
    expect(await runImportLeanCloud([path.join(dir, 'export'), '--data', dataDir, '--report', reportFile], real.io)).toBe(0);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as { messages: { imported: number }; notAvailableFromLeanCloud: string[] };
    expect(report.messages.imported).toBe(fixture.messages.length);
    expect(report.notAvailableFromLeanCloud.length).toBeGreaterThan(5);
  });

  it('import: usage errors exit 2, unreadable inputs exit 1', async () => {
    const noPath = io();
    expect(await runImportLeanCloud(['--data', dir], noPath.io)).toBe(2);
    const badBinary = io();
    expect(await runImportLeanCloud([dir, '--data', dir, '--binary', 'hex'], badBinary.io)).toBe(2);
    const missing = io();
    expect(await runImportLeanCloud([path.join(dir, 'nope'), '--dry-run'], missing.io)).toBe(1);
    expect(missing.stderr()).toContain('LEANCLOUD_INPUT_UNREADABLE');
  });
});
