import path from 'node:path';
import type { ImportedMessage, Storage } from '../storage/storage';
import { mapConversation, type ConversationNote } from './conversation-mapper';
import { readManifest } from './fetch-manifest';
import { collectInputFiles } from './input-files';
import { ImportReport } from './import-report';
import { LeanCloudError } from './leancloud-error';
import { mapHistoryRecord, type BinaryPolicy, type MessageNote } from './message-mapper';
import { kindFromFileName, kindFromRecord, type RecordKind } from './record-kind';
import { readRecords } from './record-reader';

export interface LeanCloudImportOptions {
  /** Fetch directories, console exports (directory or `.tar.gz`), loose files. */
  inputs: readonly string[];
  /** Where to write; may be omitted for a dry run. */
  storage?: Storage;
  /** Read, map and count everything, write nothing. @default false */
  dryRun?: boolean;
  /** Stop at the first malformed record instead of skipping it. @default false */
  strict?: boolean;
  /** `bin: true` bodies: keep their base64 text, or skip them. @default 'base64' */
  binary?: BinaryPolicy;
  /** Messages per storage transaction. @default 1000 */
  batchSize?: number;
  /** Progress lines (one per file). */
  log?: (line: string) => void;
}

const CONVERSATION_NOTES: Partial<Record<ConversationNote, string>> = {
  'no-creator': 'conversations without a creator (c); no owner',
  'members-ignored': 'chat-room/service conversations whose m was ignored (they have no persistent members)',
  'duplicate-members': 'conversations with duplicate entries in m (de-duplicated)',
  'no-createdAt': 'conversations without createdAt (import time used)',
};
const MESSAGE_NOTES: Record<MessageNote, string | undefined> = {
  'reserialized-body': 'message bodies that arrived as parsed objects, stored as their JSON text',
  'binary-as-base64': 'binary bodies (bin: true) stored as their base64 text',
  recalled: 'recalled messages (_lctype -127), kept as recalled',
  'cid-from-to': undefined,
  'cid-from-conv-id': 'messages whose conversation came from conv-id (no _q, no to)',
};

interface KnownConversation {
  isTransient: boolean;
  isSystem: boolean;
}

/**
 * `realtime-server import leancloud`: reads LeanCloud data offline and writes it through the
 * server's {@link Storage}, keeping ids, senders, bodies and times. Conversations go first
 * (messages need them), then history, one file at a time so memory stays bounded by the
 * largest file. Idempotent: conversations are upserted by id and messages ignored when their
 * id is stored, so a second run (or a top-up export) only adds what is new.
 */
export async function importLeanCloud(options: LeanCloudImportOptions): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const { storage, strict = false, binary = 'base64', batchSize = 1000, log } = options;
  if (!dryRun && !storage) throw new LeanCloudError('LEANCLOUD_USAGE', 'importLeanCloud needs a storage unless dryRun is set');
  const report = new ImportReport({ dryRun });
  for (const input of options.inputs) {
    const manifest = await readManifest(input).catch(() => undefined);
    if (manifest && !manifest.pass.completedAt) {
      report.warnings.push(`${input}: fetch pass ${manifest.pass.number} did not finish; run the same 'leancloud fetch' again, then import again`);
    }
  }
  const inputs = await collectInputFiles(options.inputs);
  report.ignoredFiles.push(...inputs.ignored);
  const known = new Map<string, KnownConversation>();
  const seenMessageIds = dryRun ? new Set<string>() : undefined;

  const malformed = (file: string, line: number, reason: string) => {
    if (strict) throw new LeanCloudError('LEANCLOUD_MALFORMED_RECORD', `${file}:${line}: ${reason} (--strict)`);
  };

  try {
    const classified: Array<{ file: string; kind: RecordKind }> = [];
    for (const file of inputs.files) classified.push({ file, kind: await classify(file) });
    const order: RecordKind[] = ['conversation', 'member-info', 'sys-message', 'history', 'unknown'];
    classified.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    let historyFilesDone = 0;

    for (const { file, kind } of classified) {
      const entry = { file, kind, records: 0 };
      report.files.push(entry);
      const byConversation = new Map<string, { isChatRoom: boolean; messages: Map<string, ImportedMessage> }>();

      for await (const item of readRecords(file)) {
        entry.records += 1;
        if ('error' in item) {
          malformed(file, item.line, item.error);
          (kind === 'conversation' ? report.skipConversation.bind(report) : report.skipMessage.bind(report))('malformed line', { file, line: item.line });
          continue;
        }
        const record = item.record;
        if (kind === 'conversation') {
          const mapped = mapConversation(record);
          if (!mapped.ok) {
            if (mapped.skip === 'malformed') malformed(file, item.line, mapped.reason);
            report.skipConversation(mapped.skip === 'temporary' ? 'temporary conversation' : `malformed: ${mapped.reason}`, { file, line: item.line });
            continue;
          }
          for (const note of mapped.notes) {
            if (note === 'over-500-members') report.conversationsOver500Members.push(mapped.doc.objectId);
            const text = CONVERSATION_NOTES[note];
            if (text) report.note(text);
          }
          // Newer wins: a conversation changed on this server after the import (members joined,
          // renamed) is not rolled back by re-importing an older LeanCloud copy of it.
          const stored = await storage?.getConversation(mapped.doc.objectId);
          if (stored && Date.parse(stored.updatedAt) > Date.parse(mapped.doc.updatedAt)) {
            known.set(stored.objectId, { isTransient: stored.tr === true, isSystem: stored.sys === true });
            report.skipConversation('kept the stored version: it is newer (updatedAt) than this LeanCloud copy');
            continue;
          }
          if (!dryRun) await storage!.upsertConversation(mapped.doc);
          known.set(mapped.doc.objectId, { isTransient: mapped.doc.tr === true, isSystem: mapped.doc.sys === true });
          report.conversations.imported += 1;
        } else if (kind === 'member-info') {
          report.skipMessage('member roles (_ConversationMemberInfo): not stored by this server; the creator stays the owner');
        } else if (kind === 'sys-message') {
          report.skipMessage('messages to service conversations (_SysMessage): not served by this server');
        } else if (kind === 'history') {
          const mapped = mapHistoryRecord(record, binary);
          if (!mapped.ok) {
            if (mapped.skip === 'malformed') malformed(file, item.line, mapped.reason);
            report.skipMessage(mapped.skip === 'binary' ? 'binary body (--binary skip)' : `malformed: ${mapped.reason}`, { file, line: item.line });
            continue;
          }
          for (const note of mapped.notes) {
            const text = MESSAGE_NOTES[note];
            if (text) report.note(text);
          }
          const group = byConversation.get(mapped.cid) ?? { isChatRoom: false, messages: new Map() };
          group.isChatRoom ||= mapped.isChatRoom;
          // The same record twice in one file (an overlapping page dump) counts once.
          group.messages.set(mapped.message.id, mapped.message);
          byConversation.set(mapped.cid, group);
        } else {
          malformed(file, item.line, 'unrecognised record');
          report.skipMessage('unrecognised record (neither a _Conversation row nor a history record)', { file, line: item.line });
        }
      }

      for (const [cid, group] of byConversation) {
        const messages = [...group.messages.values()].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const target = known.get(cid) ?? (await lookUp(storage, cid));
        if (!target) {
          report.skipMessage('orphan: conversation not in this import nor in the data directory', { file, line: 0 }, messages.length);
          continue;
        }
        if (group.isChatRoom || target.isTransient) {
          report.skipMessage('chat-room history: this server keeps no history for transient conversations', undefined, messages.length);
          continue;
        }
        if (dryRun) {
          for (const message of messages) {
            if (seenMessageIds!.has(message.id)) report.messages.alreadyPresent += 1;
            else {
              seenMessageIds!.add(message.id);
              report.messages.imported += 1;
            }
          }
          continue;
        }
        for (let i = 0; i < messages.length; i += batchSize) {
          const batch = messages.slice(i, i + batchSize);
          const inserted = await storage!.insertMessages(cid, batch);
          report.messages.imported += inserted;
          report.messages.alreadyPresent += batch.length - inserted;
        }
      }
      // One line per class file; history comes one file per conversation, so only every 500th.
      historyFilesDone += kind === 'history' ? 1 : 0;
      if (kind !== 'history' || historyFilesDone % 500 === 0) {
        log?.(kind === 'history' ? `history: ${historyFilesDone} files, ${report.messages.imported} messages so far` : `${path.basename(file)}: ${entry.records} ${kind} records`);
      }
    }
  } finally {
    await inputs.cleanup();
  }
  return report;
}

async function classify(file: string): Promise<RecordKind> {
  const byName = kindFromFileName(file);
  if (byName !== 'unknown') return byName;
  for await (const item of readRecords(file)) {
    if ('record' in item) {
      const kind = kindFromRecord(item.record);
      if (kind !== 'unknown') return kind;
    }
    // Sniff a few records only; a file's first lines decide.
    if (item.line > 20) break;
  }
  return path.basename(path.dirname(file)) === 'messages' ? 'history' : 'unknown';
}

async function lookUp(storage: Storage | undefined, cid: string): Promise<KnownConversation | undefined> {
  const doc = await storage?.getConversation(cid);
  return doc && { isTransient: doc.tr === true, isSystem: doc.sys === true };
}
