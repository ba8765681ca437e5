import path from 'node:path';

/** What an input record is; decides the mapper it goes through. */
export type RecordKind = 'conversation' | 'member-info' | 'sys-message' | 'history' | 'unknown';

const CLASS_FILES: Record<string, RecordKind> = {
  _Conversation: 'conversation',
  _ConversationMemberInfo: 'member-info',
  _SysMessage: 'sys-message',
};

/**
 * Classifies a file by its name (`_Conversation.jsonl`, `…/messages/<cid>.jsonl`), or, when the
 * name says nothing, by its first record's keys (export doc §5.1): `msg-id` means history,
 * `objectId` with `m`/`tr`/`sys` a conversation, `cid` with `role` a member role, `msgId` with
 * `conv` a `_SysMessage` row.
 */
export function kindFromFileName(file: string): RecordKind {
  const base = path.basename(file).replace(/\.(jsonl|json)(\.gz)?$/i, '');
  // Console archives may prefix or suffix class names (`appid_Conversation_0`). Class names start
  // with `_`, which is boundary enough in front; behind, no letter may follow
  // (`_Conversation` must not match `_ConversationMemberInfo`).
  for (const [className, kind] of Object.entries(CLASS_FILES)) {
    if (new RegExp(`${className}($|[^A-Za-z])`).test(base)) return kind;
  }
  return 'unknown';
}

export function kindFromRecord(record: unknown): RecordKind {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return 'unknown';
  const r = record as Record<string, unknown>;
  if ('msg-id' in r) return 'history';
  if ('msgId' in r && 'conv' in r) return 'sys-message';
  if ('cid' in r && 'role' in r) return 'member-info';
  if ('objectId' in r && ('m' in r || 'tr' in r || 'sys' in r || 'c' in r || 'attr' in r)) return 'conversation';
  return 'unknown';
}
