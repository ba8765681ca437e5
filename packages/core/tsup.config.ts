import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// eventemitter3's `exports` hand bundlers CommonJS behind an ESM wrapper, which costs every app bundle
// esbuild's interop helpers (0.16 KB gzip). Its package also ships an ES-module build of the same
// code: the ESM build inlines that one, so apps bundling @realtime/* get the plain form.
const eventemitter3EsmBuild = join(dirname(createRequire(import.meta.url).resolve('eventemitter3/package.json')), 'dist/eventemitter3.esm.js');

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
    noExternal: ['eventemitter3'],
    esbuildOptions(options) {
      options.alias = { eventemitter3: eventemitter3EsmBuild };
    },
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
