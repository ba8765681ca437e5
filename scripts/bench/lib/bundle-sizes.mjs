// Client weight. Our bundles come from the core engineer's scripts/size.mjs; socket.io-client and
// the official 2.x client are measured by the same function (esbuild, browser, ESM, minified,
// gzip level 9), so the rows compare.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAll, measureBundle, repoRoot } from '../../size.mjs';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const references = [
  { label: 'socket.io-client 4 (`io`, websocket + polling)', contents: "export { io } from 'socket.io-client';", resolveDir: benchDir },
  { label: 'leancloud-realtime 2.4.0 (the official client we replace)', contents: "export * from 'leancloud-realtime';", resolveDir: repoRoot },
];

export async function bundleSizes() {
  let rows;
  try {
    rows = await measureAll();
  } catch (error) {
    rows = [{ label: 'our bundles (scripts/size.mjs)', error: firstLine(error) }];
  }
  for (const bundle of references) {
    try {
      rows.push(await measureBundle(bundle));
    } catch (error) {
      rows.push({ label: bundle.label, error: firstLine(error) });
    }
  }
  return rows;
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];
