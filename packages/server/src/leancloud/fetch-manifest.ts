import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { LeanCloudError } from './leancloud-error';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'realtime-leancloud-fetch/1';

/** A position in a conversation's history: the pair LeanCloud pages by (export doc §2.4). */
export interface HistoryPosition {
  timestamp: number;
  msgId: string;
}

/**
 * Where one conversation's history walk stands. `bytes` and `last` always describe the same
 * moment: a resumed run cuts the file back to `bytes` and asks for what follows `last`, so a
 * page written after the last checkpoint is neither lost nor doubled.
 */
export interface ConversationCheckpoint {
  endpoint: 'conversations' | 'chatrooms';
  /** Relative to the output directory. */
  file: string;
  bytes: number;
  count: number;
  last?: HistoryPosition;
  /** `tEnd` of the pass that walked this conversation to its end. */
  completedTEnd?: number;
  /** Why the API refused this conversation in the last run; retried next run. */
  error?: string;
}

export interface ClassCheckpoint {
  file: string;
  count: number;
  /** The class does not exist in the app (LeanCloud answered 404). */
  missing?: boolean;
  fetchedAt: string;
}

/** One run through the app; a top-up starts a new pass with a later `tEnd`. */
export interface FetchPass {
  number: number;
  /** Every walk in this pass stops before this time (ms), so the snapshot is stable. */
  tEnd: number;
  startedAt: string;
  completedAt?: string;
  /** Classes scanned during this pass. */
  classesDone: string[];
}

export interface FetchManifest {
  format: typeof MANIFEST_FORMAT;
  api: string;
  appId: string;
  pass: FetchPass;
  classes: Record<string, ClassCheckpoint>;
  conversations: Record<string, ConversationCheckpoint>;
  totals: { messages: number; requests: number; retries: number };
}

/** Reads the manifest in `outDir`, or `undefined` when there is none yet. */
export async function readManifest(outDir: string): Promise<FetchManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const manifest = JSON.parse(text) as FetchManifest;
    if (manifest.format !== MANIFEST_FORMAT) throw new Error(`unknown format ${String(manifest.format)}`);
    return manifest;
  } catch (cause) {
    throw new LeanCloudError('LEANCLOUD_MANIFEST_CORRUPT', `${path.join(outDir, MANIFEST_FILE)} is not a fetch manifest: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Replaces the manifest atomically (write + rename), so a kill never leaves half a file. */
export async function writeManifest(outDir: string, manifest: FetchManifest): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const target = path.join(outDir, MANIFEST_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(manifest, null, 1)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}

/** File name for a conversation id: ids are hex today, but nothing guarantees it. */
export function historyFileName(cid: string): string {
  return `messages/${encodeURIComponent(cid)}.jsonl`;
}
