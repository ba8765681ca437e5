// Client weight, measured one way for everyone: esbuild bundles the entry for the browser,
// minified, and we report raw and gzip bytes. Ours come from the built packages; when the
// core engineer's scripts/size.mjs exists its JSON output is preferred for our bundles.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function measure(label, contents, resolveDir) {
  try {
    const result = await build({
      stdin: { contents, resolveDir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0].contents;
    return { label, minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  } catch (error) {
    return { label, error: error.message.split('\n')[0] };
  }
}

export async function bundleSizes() {
  const rows = [];
  const benchDir = join(repoRoot, 'scripts/bench');
  if (existsSync(join(repoRoot, 'packages/browser/dist'))) {
    rows.push(await measure('@realtime/browser (createClient + everything it pulls in)', "import * as m from '@realtime/browser'; globalThis.keep = m;", repoRoot));
  }
  if (existsSync(join(repoRoot, 'packages/legacy/dist'))) {
    rows.push(await measure('@realtime/legacy (AV.realtime surface)', "import * as m from '@realtime/legacy'; globalThis.keep = m;", repoRoot));
  }
  rows.push(await measure('socket.io-client 4 (`io`)', "import { io } from 'socket.io-client'; globalThis.keep = io;", benchDir));
  rows.push(await measure('leancloud-realtime 2.4.0 (the client we replace)', "import * as m from 'leancloud-realtime'; globalThis.keep = m;", repoRoot));
  return rows;
}
