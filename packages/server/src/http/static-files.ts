import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendJsonError } from './json-response';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves files under `root` (the chat demo). Paths that resolve outside `root` are refused, so
 * `..` cannot read the rest of the disk; `/dir/` serves `dir/index.html`.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse, isHead: boolean): Promise<void> {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendJsonError(response, 400, 'Malformed path');
    return;
  }
  let file = resolve(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) {
    sendJsonError(response, 403, 'Path outside the static directory');
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    response.writeHead(200, {
      'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
    });
    if (isHead) response.end();
    else createReadStream(file).on('error', () => response.destroy()).pipe(response);
  } catch {
    sendJsonError(response, 404, `Not found: ${pathname}`);
  }
}
