import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';
import { LeanCloudError } from './leancloud-error';

/** One record of an input file, or why the line could not be read. */
export type ReadItem = { line: number; record: unknown } | { line: number; error: string };

/**
 * Reads records from one input file. JSON Lines (`.jsonl`, `.jsonl.gz`) stream line by line, so a
 * multi-gigabyte class export never sits in memory; `.json` holds either an array (a REST
 * page dump) or `{results: [...]}` (a `scan`/query reply). A bad line is yielded as an error
 * and reading goes on.
 */
export async function* readRecords(file: string): AsyncGenerator<ReadItem> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.jsonl.gz')) {
    const raw = createReadStream(file);
    const input = lower.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    try {
      for await (const text of lines) {
        line += 1;
        if (text.trim() === '') continue;
        try {
          yield { line, record: JSON.parse(text) as unknown };
        } catch (error) {
          yield { line, error: `not JSON: ${(error as Error).message}` };
        }
      }
    } catch (cause) {
      throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${file}: ${(cause as Error).message}`, { cause });
    }
    return;
  }

  let parsed: unknown;
  try {
    const bytes = await readFile(file);
    parsed = JSON.parse((lower.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (cause) {
    throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${file} is not a JSON file: ${(cause as Error).message}`, { cause });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { results?: unknown } | null)?.results;
  if (!Array.isArray(list)) {
    throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${file}: expected a JSON array or {"results": [...]}`);
  }
  for (let i = 0; i < list.length; i += 1) yield { line: i + 1, record: list[i] };
}
