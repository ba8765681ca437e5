import { defineConfig } from 'tsup';

// The library build. The <script>-tag bundle is built by scripts/bundle.cjs.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
});
