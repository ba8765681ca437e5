import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { scanClass } from './class-scanner';
import { FetchProgress } from './fetch-progress';
import {
  type ConversationCheckpoint,
  type FetchManifest,
  MANIFEST_FORMAT,
  historyFileName,
  readManifest,
  writeManifest,
} from './fetch-manifest';
import { historySignatureParams } from './history-signature';
import { walkHistory } from './history-walker';
import { LeanCloudError, isLeanCloudError } from './leancloud-error';
import { LeanCloudHttpClient, type LeanCloudHttpClientOptions } from './leancloud-http-client';

/** Storage classes copied verbatim. Only `_Conversation` must exist. */
export const FETCHED_CLASSES = ['_Conversation', '_ConversationMemberInfo', '_SysMessage'] as const;

export interface LeanCloudFetchOptions extends LeanCloudHttpClientOptions {
  /** Output directory; holds `manifest.json`, `classes/`, `messages/`. */
  outDir: string;
  /** History and scan page size; LeanCloud caps both at 1000. @default 1000 */
  pageSize?: number;
  /** Conversations walked in parallel. Keep it low: the app's API workers are shared. @default 4 */
  concurrency?: number;
  /** Where progress goes; a TTY gets a live line. @default process.stderr */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Plain progress line interval when not on a TTY. @default 10000 */
  logIntervalMs?: number;
  /** Minimum time between manifest writes during the walk. @default 1000 */
  checkpointIntervalMs?: number;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
  /**
   * Sign history queries as this client id, for apps that require history signatures.
   * Switching that option off for the export is simpler. @default no signature
   */
  historySignClientId?: string;
}

export type FetchMode = 'fresh' | 'resume' | 'top-up';

export interface FetchSummary {
  mode: FetchMode;
  pass: number;
  tEnd: number;
  conversations: number;
  /** Conversations whose history was walked in this run. */
  conversationsWalked: number;
  /** Conversations without a history walk (service and temporary conversations). */
  conversationsSkipped: number;
  messagesFetched: number;
  messagesTotal: number;
  /** Conversations the API refused in this run (4xx); the next run retries them. */
  failedConversations: Array<{ cid: string; error: string }>;
  requests: number;
  retries: number;
  elapsedMs: number;
}

interface ConversationRef {
  cid: string;
  endpoint: ConversationCheckpoint['endpoint'];
}

/**
 * `realtime-server leancloud fetch`: copies an app's IM data into `outDir`, read-only.
 *
 *   no manifest            → fresh pass 1 with T_end = now
 *   manifest, pass open    → resume that pass (same T_end), skipping finished work
 *   manifest, pass closed  → top-up: pass n+1 with a new T_end, each conversation continuing
 *                            from its last (timestamp, msg-id), so only new messages come
 */
export async function fetchLeanCloudApp(options: LeanCloudFetchOptions): Promise<FetchSummary> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 1000;
  const { outDir } = options;
  const api = new URL(options.api).origin;

  const progress = new FetchProgress({ stream: options.progressStream ?? process.stderr, logIntervalMs: options.logIntervalMs, now });
  const client = new LeanCloudHttpClient({
    ...options,
    onRetry: (notice) => {
      progress.retries += 1;
      options.onRetry?.(notice);
    },
  });

  await mkdir(path.join(outDir, 'messages'), { recursive: true });
  let manifest = await readManifest(outDir);
  let mode: FetchMode;
  if (!manifest) {
    mode = 'fresh';
    manifest = {
      format: MANIFEST_FORMAT,
      api,
      appId: options.appId,
      pass: { number: 1, tEnd: startedAt, startedAt: new Date(startedAt).toISOString(), classesDone: [] },
      classes: {},
      conversations: {},
      totals: { messages: 0, requests: 0, retries: 0 },
    };
  } else {
    if (manifest.appId !== options.appId || manifest.api !== api) {
      throw new LeanCloudError(
        'LEANCLOUD_MANIFEST_MISMATCH',
        `${outDir} holds a fetch of app ${manifest.appId} at ${manifest.api}; use another --out for app ${options.appId} at ${api}`,
      );
    }
    if (manifest.pass.completedAt) {
      mode = 'top-up';
      manifest.pass = { number: manifest.pass.number + 1, tEnd: startedAt, startedAt: new Date(startedAt).toISOString(), classesDone: [] };
    } else {
      mode = 'resume';
    }
  }
  const requestsBefore = manifest.totals.requests;
  const retriesBefore = manifest.totals.retries;
  const m: FetchManifest = manifest;
  // Writes are chained: two overlapping writes of the same temporary file could interleave.
  let lastWrite: Promise<void> = Promise.resolve();
  const save = () => {
    const write = async () => {
      m.totals.requests = requestsBefore + client.requestCount;
      m.totals.retries = retriesBefore + client.retryCount;
      await writeManifest(outDir, m);
    };
    lastWrite = lastWrite.then(write, write);
    return lastWrite;
  };
  await save();

  progress.log(
    `leancloud fetch: ${mode} pass ${m.pass.number} of app ${m.appId} at ${api}; history up to ${new Date(m.pass.tEnd).toISOString()}; output ${outDir}`,
  );
  progress.start();
  try {
    // 1. Storage classes, each finished before any history request (scan cursors expire).
    for (const className of FETCHED_CLASSES) {
      if (m.pass.classesDone.includes(className)) continue;
      progress.phase = `scan ${className}`;
      const result = await scanClass({ client, outDir, className, pageSize, signal: options.signal });
      if (result.missing && className === '_Conversation') {
        throw new LeanCloudError('LEANCLOUD_HTTP_ERROR', 'The app has no _Conversation class: nothing to fetch. Check --app-id and --api.');
      }
      m.classes[className] = { file: result.file, count: result.count, missing: result.missing || undefined, fetchedAt: new Date(now()).toISOString() };
      m.pass.classesDone.push(className);
      await save();
      progress.log(`scanned ${className}: ${result.missing ? 'class does not exist' : `${result.count} rows`}`);
    }

    // 2. History, one conversation at a time per worker.
    const { walk, skipped } = await listConversations(path.join(outDir, m.classes._Conversation.file));
    progress.conversationsTotal = walk.length;
    const pending: ConversationRef[] = [];
    for (const ref of walk) {
      const checkpoint = m.conversations[ref.cid];
      if (checkpoint?.completedTEnd === m.pass.tEnd) progress.conversationsDone += 1;
      else pending.push(ref);
    }
    progress.phase = 'history';
    progress.log(`history: ${walk.length} conversations (${pending.length} to walk in this run), ${skipped} without history (service/temporary)`);

    let lastSave = now();
    let saving: Promise<void> | undefined;
    const maybeSave = () => {
      if (saving || now() - lastSave < checkpointIntervalMs) return;
      lastSave = now();
      saving = save().finally(() => {
        saving = undefined;
      });
    };
    const signAs = options.historySignClientId;
    let messagesFetched = 0;
    let next = 0;
    const failed: FetchSummary['failedConversations'] = [];
    const worker = async () => {
      while (next < pending.length) {
        const ref = pending[next++];
        const checkpoint: ConversationCheckpoint = m.conversations[ref.cid] ?? {
          endpoint: ref.endpoint,
          file: historyFileName(ref.cid),
          bytes: 0,
          count: 0,
        };
        // The conversation may have changed kind since the last pass; the scan is current.
        m.conversations[ref.cid] = { ...checkpoint, endpoint: ref.endpoint, error: undefined };
        try {
          m.conversations[ref.cid] = await walkHistory({
            client,
            outDir,
            cid: ref.cid,
            checkpoint: m.conversations[ref.cid],
            tEnd: m.pass.tEnd,
            pageSize,
            signal: options.signal,
            signQuery: signAs === undefined ? undefined : ((cid) => historySignatureParams({ appId: options.appId, masterKey: options.masterKey, clientId: signAs, cid })),
            onPage: (updated, newMessages) => {
              m.conversations[ref.cid] = updated;
              m.totals.messages += newMessages;
              messagesFetched += newMessages;
              progress.messagesFetched = messagesFetched;
              maybeSave();
            },
          });
        } catch (error) {
          // One conversation the API refuses (deleted meanwhile, an odd kind) must not stop a
          // multi-hour run that cannot get past it on resume either. Record it; the next run
          // retries it from its cursor.
          if (!isLeanCloudError(error) || (error.code !== 'LEANCLOUD_HTTP_ERROR' && error.code !== 'LEANCLOUD_BAD_RESPONSE')) throw error;
          m.conversations[ref.cid] = { ...m.conversations[ref.cid], error: error.message };
          failed.push({ cid: ref.cid, error: error.message });
          progress.log(`warning: conversation ${ref.cid} skipped in this run: ${error.message}`);
        }
        progress.conversationsDone += 1;
        maybeSave();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, pending.length)) }, worker));
    await saving;

    m.pass.completedAt = new Date(now()).toISOString();
    await save();
    const summary: FetchSummary = {
      mode,
      pass: m.pass.number,
      tEnd: m.pass.tEnd,
      conversations: walk.length + skipped,
      conversationsWalked: pending.length,
      conversationsSkipped: skipped,
      messagesFetched,
      messagesTotal: m.totals.messages,
      failedConversations: failed,
      requests: client.requestCount,
      retries: client.retryCount,
      elapsedMs: now() - startedAt,
    };
    progress.stop();
    if (failed.length > 0) {
      progress.log(`${failed.length} conversations could not be fetched in this run (see warnings above); run the same command again to retry them.`);
    }
    progress.log(
      `done: ${summary.messagesFetched} new messages (${summary.messagesTotal} in total) from ${summary.conversations} conversations, ${summary.requests} requests, ${summary.retries} retries, ${Math.round(summary.elapsedMs / 1000)}s`,
    );
    return summary;
  } catch (error) {
    progress.stop();
    // Keep whatever was finished; the next run resumes from here.
    await save().catch(() => undefined);
    throw error;
  }
}

/** Reads `_Conversation` rows back from disk and decides which history endpoint each needs. */
async function listConversations(file: string): Promise<{ walk: ConversationRef[]; skipped: number }> {
  const walk: ConversationRef[] = [];
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const cid = row.objectId;
    if (typeof cid !== 'string' || cid.length === 0) continue;
    // Service conversations keep no per-conversation history (broadcasts never appear in it),
    // and temporary ones have none at all (export doc §4.4, §1.1).
    if (row.sys === true || cid.startsWith('_tmp:')) {
      skipped += 1;
      continue;
    }
    walk.push({ cid, endpoint: row.tr === true ? 'chatrooms' : 'conversations' });
  }
  return { walk, skipped };
}
