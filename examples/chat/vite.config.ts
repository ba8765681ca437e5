import { defineConfig } from 'vite';

// The server's `--static` option serves `dist/` at the site root, so assets use absolute
// paths. During `npm run dev` the app still talks to a server at `VITE_REALTIME_ORIGIN`
// (see src/server-origin.ts), because Vite's dev server does not speak the protocol.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
});
