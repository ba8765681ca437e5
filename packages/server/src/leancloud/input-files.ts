import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { LeanCloudError } from './leancloud-error';

/** File endings the importer reads; anything else in a directory is ignored (and reported). */
const READABLE = /\.(jsonl|jsonl\.gz|json|json\.gz)$/i;
const ARCHIVE = /\.(tar\.gz|tgz)$/i;

export interface InputFiles {
  /** Absolute paths of readable files, in a stable order. */
  files: string[];
  /** Files found in directories that are not JSON/JSON Lines (reported, not read). */
  ignored: string[];
  /** Removes archives' temporary extraction directories. */
  cleanup(): Promise<void>;
}

/**
 * Expands the command's `<path>...` into files: a fetch directory, an unpacked console export,
 * a `.tar.gz` export (extracted to a temporary directory), or loose files, in any mix.
 */
export async function collectInputFiles(inputs: readonly string[]): Promise<InputFiles> {
  const files: string[] = [];
  const ignored: string[] = [];
  const temporaryDirs: string[] = [];
  const cleanup = async () => {
    await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };

  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === 'manifest.json' || entry.name.endsWith('.partial') || entry.name.endsWith('.tmp')) continue;
      else if (READABLE.test(entry.name)) files.push(full);
      else if (ARCHIVE.test(entry.name)) await extract(full);
      else ignored.push(full);
    }
  };
  const extract = async (archive: string): Promise<void> => {
    const target = await mkdtemp(path.join(os.tmpdir(), 'realtime-lc-import-'));
    temporaryDirs.push(target);
    try {
      await tar.extract({ file: archive, cwd: target, strict: true });
    } catch (cause) {
      throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${archive} is not a readable .tar.gz: ${(cause as Error).message}`, { cause });
    }
    await walk(target);
  };

  try {
    for (const input of inputs) {
      const absolute = path.resolve(input);
      const info = await stat(absolute).catch((cause: unknown) => {
        throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${input} does not exist`, { cause });
      });
      if (info.isDirectory()) await walk(absolute);
      else if (ARCHIVE.test(absolute)) await extract(absolute);
      else if (READABLE.test(absolute)) files.push(absolute);
      else {
        throw new LeanCloudError('LEANCLOUD_INPUT_UNREADABLE', `${input}: expected a directory, .tar.gz, .jsonl, .jsonl.gz or .json file`);
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { files, ignored, cleanup };
}
