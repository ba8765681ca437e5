import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

interface SizeRow { label: string; gzipBytes: number; budgetGzipBytes?: number; isWithinBudget?: boolean }

describe('bundle size', () => {
  // scripts/size.mjs is ESM; running it as a process keeps jest out of ESM loading.
  const rows: SizeRow[] = JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'scripts/size.mjs'), '--json'], { cwd: repoRoot, encoding: 'utf8' }));

  it('measures every bundle', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.gzipBytes).toBeGreaterThan(1000);
  });

  it.each(rows.filter((row) => row.budgetGzipBytes !== undefined).map((row) => [row.label, row] as const))('%s stays within its gzip budget', (_label, row) => {
    expect(row.gzipBytes).toBeLessThanOrEqual(row.budgetGzipBytes!);
  });
});
