import { defineConfig } from 'tsup';

// ES2022, as scripts/size.mjs measures: Node 20 and current browsers run class fields and #private natively,
// and lowering them would add helpers to every app bundle.
// p-retry (and its is-network-error) are ESM-only. The CJS build bundles them so `require('@realtime/core')`
// works on every Node 20 (require(esm) is not guaranteed there); the ESM build keeps them external.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    sourcemap: true,
    target: 'es2022',
    dts: true,
    noExternal: ['p-retry', 'is-network-error'],
  },
]);
