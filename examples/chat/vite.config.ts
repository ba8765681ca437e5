import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Ships the 2015-style page of examples/legacy-page at `/legacy/`, next to its
 * `AV.realtime.min.js`, so `npm start` shows an old page and the new app talking through
 * one server.
 */
function legacyPage(): Plugin {
  return {
    name: 'realtime-legacy-page',
    apply: 'build',
    generateBundle() {
      const bundle = join(dirname(require.resolve('@realtime/legacy/package.json')), 'dist', 'AV.realtime.min.js');
      let script: Buffer;
      try {
        script = readFileSync(bundle);
      } catch {
        // Lerna builds @realtime/legacy first (it is a devDependency), so this means a partial build.
        this.error(`${bundle} is missing: run npm run build -w @realtime/legacy first`);
      }
      this.emitFile({ type: 'asset', fileName: 'legacy/AV.realtime.min.js', source: script });
      this.emitFile({ type: 'asset', fileName: 'legacy/index.html', source: readFileSync(join(here, '../legacy-page/index.html')) });
    },
  };
}

// The server's `--static` option serves `dist/` at the site root, so assets use absolute
// paths. During `npm run dev` the app talks to a server at `VITE_REALTIME_ORIGIN`
// (see src/server-origin.ts), because Vite's dev server does not speak the protocol.
export default defineConfig({
  base: '/',
  plugins: [legacyPage()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
});
