import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // ES2022 like core: #private stays native instead of lowered helpers.
  target: 'es2022',
});
