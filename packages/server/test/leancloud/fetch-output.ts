import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LeanCloudFixture, RestRecord } from './fixtures/make-fixtures';

/** History files of a fetch directory, parsed: cid → records in file order (with `_q`). */
export async function readFetchedHistory(outDir: string): Promise<Map<string, Array<Record<string, unknown>>>> {
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const name of await readdir(path.join(outDir, 'messages'))) {
    const text = await readFile(path.join(outDir, 'messages', name), 'utf8');
    const records = text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    out.set(decodeURIComponent(name.replace(/\.jsonl$/, '')), records);
  }
  return out;
}

export async function readFetchedClass(outDir: string, className: string): Promise<unknown[]> {
  const text = await readFile(path.join(outDir, 'classes', `${className}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);
}

/** What a complete fetch of the fixture must contain: every history record of every non-service conversation, oldest first. */
export function expectedHistory(fixture: LeanCloudFixture): Map<string, Array<Record<string, unknown>>> {
  const expected = new Map<string, Array<Record<string, unknown>>>();
  for (const conv of fixture.conversations) {
    if (conv.sys) continue;
    const records: RestRecord[] = fixture.history.get(conv.objectId) ?? [];
    expected.set(
      conv.objectId,
      records.map((record) => ({ ...record, _q: { cid: conv.objectId, endpoint: conv.tr ? 'chatrooms' : 'conversations' } })),
    );
  }
  return expected;
}

/** Non-empty entries only: a conversation without messages may or may not leave an empty file. */
export function nonEmpty<T>(map: Map<string, T[]>): Map<string, T[]> {
  return new Map([...map].filter(([, list]) => list.length > 0));
}
