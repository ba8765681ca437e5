import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { LeanCloudHttpClient } from './leancloud-http-client';
import { LeanCloudError, isLeanCloudError } from './leancloud-error';

export interface ClassScanResult {
  /** Relative to the output directory. */
  file: string;
  count: number;
  /** LeanCloud answered 404: the app never created this class. */
  missing: boolean;
}

export interface ClassScanOptions {
  client: LeanCloudHttpClient;
  outDir: string;
  className: string;
  /** Rows per `scan` page; LeanCloud allows up to 1000. */
  pageSize: number;
  onPage?: (rowsSoFar: number) => void;
  signal?: AbortSignal;
}

/**
 * Copies a whole storage class through `GET /1.1/scan/classes/<Class>` (export doc §1.4) into
 * `classes/<Class>.jsonl`, one row per line exactly as the API returned it.
 *
 * A scan cursor expires after 10 minutes, so rows are streamed to disk between pages and
 * nothing else is fetched meanwhile. The file is written as `.partial` and renamed at the end:
 * a killed scan restarts from scratch rather than trusting a cursor that may have expired.
 */
export async function scanClass(options: ClassScanOptions): Promise<ClassScanResult> {
  const { client, outDir, className, pageSize, onPage, signal } = options;
  const file = `classes/${className}.jsonl`;
  const target = path.join(outDir, file);
  const partial = `${target}.partial`;
  await mkdir(path.dirname(target), { recursive: true });
  const handle = await open(partial, 'w');
  let count = 0;
  try {
    let cursor: string | undefined;
    do {
      signal?.throwIfAborted();
      let reply: unknown;
      try {
        reply = await client.getJson(`/1.1/scan/classes/${encodeURIComponent(className)}`, { limit: pageSize, cursor });
      } catch (error) {
        if (count === 0 && isLeanCloudError(error) && error.status === 404) {
          await handle.close();
          await rename(partial, target);
          return { file, count: 0, missing: true };
        }
        throw error;
      }
      const { results, cursor: next } = (reply ?? {}) as { results?: unknown; cursor?: unknown };
      if (!Array.isArray(results) || (next !== null && next !== undefined && typeof next !== 'string')) {
        throw new LeanCloudError('LEANCLOUD_BAD_RESPONSE', `scan of ${className} did not answer {results: [...], cursor}`);
      }
      if (results.length > 0) {
        await handle.write(results.map((row) => `${JSON.stringify(row)}\n`).join(''));
      }
      count += results.length;
      onPage?.(count);
      cursor = typeof next === 'string' && next.length > 0 ? next : undefined;
    } while (cursor);
  } finally {
    await handle.close().catch(() => undefined);
  }
  await rename(partial, target);
  return { file, count, missing: false };
}
