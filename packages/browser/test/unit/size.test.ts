import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

interface SizeRow { label: string; gzipBytes: number; budgetGzipBytes?: number; isWithinBudget?: boolean }

// The promise API's budget is 12 KB gzip; measured 2026-11-26 after the size round: 11.05 KB (11,312 bytes:
// session layer and promise API slimmed, eventemitter3 out of the session layer, then the argument checks
// restored and the codec's checks parsed once). The ceiling keeps the bundle near where it landed; lower it when the bundle shrinks, never raise
// it silently.
const promiseApiLabel = '@realtime/browser (promise API)';
const promiseApiCeilingGzipBytes = 11.25 * 1024;

describe('bundle size', () => {
  // scripts/size.mjs is ESM; running it as a process keeps jest out of ESM loading. It exits 1
  // when a bundle is over budget, so the rows are read from its output, not from its exit code.
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/size.mjs'), '--json'], { cwd: repoRoot, encoding: 'utf8' });
  const rows: SizeRow[] = run.stdout ? JSON.parse(run.stdout) : [];
  const promiseApi = rows.find((row) => row.label === promiseApiLabel);

  it('measures every bundle', () => {
    expect(run.stderr).toBe('');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.gzipBytes).toBeGreaterThan(1000);
  });

  it('keeps the promise API under its measured ceiling', () => {
    expect(promiseApi?.budgetGzipBytes).toBe(12 * 1024);
    expect(promiseApi!.gzipBytes).toBeLessThanOrEqual(promiseApiCeilingGzipBytes);
  });

  it('fits the promise API in its 12 KB gzip budget', () => {
    expect(promiseApi!.gzipBytes).toBeLessThanOrEqual(promiseApi!.budgetGzipBytes!);
  });
});
