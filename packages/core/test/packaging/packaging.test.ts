import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Needs the built packages (`npm test` builds first): checks what would be published.
jest.setTimeout(120_000);

const repoRoot = join(__dirname, '..', '..', '..', '..');
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

describe.each(['core', 'node', 'browser'])('@realtime/%s package', (name) => {
  const dir = join(repoRoot, 'packages', name);

  it('is built: ESM, CJS and type declarations for both', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(join(dir, 'dist', file)) || `${file} missing: run npm run build -w @realtime/${name}`).toBe(true);
    }
  });

  it('passes publint', () => {
    const output = execFileSync(bin('publint'), ['--strict'], { cwd: dir, encoding: 'utf8' });
    expect(output).toContain('All good');
  });

  it('passes attw --pack (types resolve for node10, node16 CJS/ESM and bundlers)', () => {
    // attw exits non-zero when it finds a problem, which fails the test with its report.
    execFileSync(bin('attw'), ['--pack', '.', '--format', 'ascii'], { cwd: dir, encoding: 'utf8' });
  });
});

it('@realtime/core works from require() although p-retry is ESM-only (bundled into the CJS build)', () => {
  const script = "const c = require('@realtime/core'); new c.ReconnectPolicy(); process.stdout.write(typeof c.Connection)";
  expect(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' })).toBe('function');
});
