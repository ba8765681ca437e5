import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // p-retry is ESM-only; Node 20 before 20.19 cannot require() it, so the CJS build carries it.
  noExternal: ['p-retry', 'is-network-error'],
});
