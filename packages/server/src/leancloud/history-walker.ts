import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LeanCloudHttpClient } from './leancloud-http-client';
import type { ConversationCheckpoint, HistoryPosition } from './fetch-manifest';
import { LeanCloudError } from './leancloud-error';

export interface HistoryWalkOptions {
  client: LeanCloudHttpClient;
  outDir: string;
  cid: string;
  checkpoint: ConversationCheckpoint;
  /** Fixed end of this pass, ms. */
  tEnd: number;
  /** At most 1000 (LeanCloud's cap). */
  pageSize: number;
  /** Called after each page is on disk with the checkpoint that now describes the file. */
  onPage?: (checkpoint: ConversationCheckpoint, newMessages: number) => void;
  signal?: AbortSignal;
  /** Adds history-signature parameters to each request (apps with signed history queries). */
  signQuery?: (cid: string) => Record<string, string | number>;
}

/** The key a history record is stored under in our files: the id we asked for, and where. */
export const QUERY_KEY = '_q';

/**
 * Walks one conversation's history oldest first, as export doc §2.4 prescribes:
 *
 *   GET …/{cid}/messages?reversed=true&till_timestamp=T_end&limit=N
 *   GET …/{cid}/messages?reversed=true&till_timestamp=T_end&limit=N&timestamp=<last ts>&msgid=<last id>
 *   … until a page is empty.
 *
 * Bounds are exclusive, so the cursor message is not repeated and messages sharing its
 * millisecond but sorting after it are still returned. Records are appended verbatim (plus
 * `_q`), one JSON object per line.
 */
export async function walkHistory(options: HistoryWalkOptions): Promise<ConversationCheckpoint> {
  const { client, outDir, cid, tEnd, pageSize, onPage, signal, signQuery } = options;
  let checkpoint = { ...options.checkpoint };
  const filePath = path.join(outDir, checkpoint.file);

  const existingBytes = await stat(filePath).then(
    (s) => s.size,
    () => 0,
  );
  if (existingBytes < checkpoint.bytes) {
    // The file lost data the manifest vouched for (deleted by hand?): walk this one again.
    checkpoint = { ...checkpoint, bytes: 0, count: 0, last: undefined, completedTEnd: undefined };
  }
  const handle = await open(filePath, existingBytes === 0 ? 'w' : 'r+');
  try {
    // Drop whatever a killed run wrote after its last checkpoint; it is fetched again below.
    await handle.truncate(checkpoint.bytes);
    let position = checkpoint.bytes;
    const endpointPath = `/1.2/rtm/${checkpoint.endpoint}/${encodeURIComponent(cid)}/messages`;
    // Ids already written in the cursor's millisecond. LeanCloud's order among messages of one
    // millisecond is its own, so the cursor is the page's last record as the API ordered it,
    // and only exact repeats are dropped (a retried page, a server that includes the bound).
    let idsAtCursorMs = new Set(checkpoint.last ? [checkpoint.last.msgId] : []);

    for (;;) {
      signal?.throwIfAborted();
      const last = checkpoint.last;
      const page = await client.getJson(endpointPath, {
        reversed: true,
        till_timestamp: tEnd,
        limit: pageSize,
        timestamp: last?.timestamp,
        msgid: last?.msgId,
        ...signQuery?.(cid),
      });
      if (!Array.isArray(page)) {
        throw new LeanCloudError('LEANCLOUD_BAD_RESPONSE', `${endpointPath} did not answer with an array of messages`);
      }
      const fresh = page.filter((record) => {
        const at = positionOf(record, endpointPath);
        if (!last || at.timestamp > last.timestamp) return true;
        return at.timestamp === last.timestamp && !idsAtCursorMs.has(at.msgId);
      });
      if (fresh.length === 0) {
        if (page.length > 0) {
          // A server that ignores the cursor would loop forever; stop loudly instead.
          throw new LeanCloudError('LEANCLOUD_BAD_RESPONSE', `${endpointPath} returned only messages at or before the cursor; it ignores msgid/timestamp`);
        }
        break;
      }
      const lines = fresh.map((record) => `${JSON.stringify({ ...record, [QUERY_KEY]: { cid, endpoint: checkpoint.endpoint } })}\n`).join('');
      const buffer = Buffer.from(lines, 'utf8');
      await handle.write(buffer, 0, buffer.length, position);
      // On disk before the manifest can vouch for it: a power loss must not leave a checkpoint
      // pointing past what the file really holds.
      await handle.datasync();
      position += buffer.length;
      const newest = positionOf(fresh[fresh.length - 1], endpointPath);
      if (last && newest.timestamp === last.timestamp) {
        for (const record of fresh) idsAtCursorMs.add(positionOf(record, endpointPath).msgId);
      } else {
        idsAtCursorMs = new Set(fresh.map((record) => positionOf(record, endpointPath)).filter((p) => p.timestamp === newest.timestamp).map((p) => p.msgId));
      }
      checkpoint = { ...checkpoint, bytes: position, count: checkpoint.count + fresh.length, last: newest };
      onPage?.(checkpoint, fresh.length);
    }
    return { ...checkpoint, completedTEnd: tEnd };
  } finally {
    await handle.close();
  }
}

function positionOf(record: unknown, endpointPath: string): HistoryPosition {
  const r = record as Record<string, unknown> | null;
  if (!r || typeof r['msg-id'] !== 'string' || typeof r.timestamp !== 'number') {
    throw new LeanCloudError('LEANCLOUD_BAD_RESPONSE', `${endpointPath} returned a record without msg-id/timestamp: ${JSON.stringify(record).slice(0, 200)}`);
  }
  return { timestamp: r.timestamp, msgId: r['msg-id'] };
}
