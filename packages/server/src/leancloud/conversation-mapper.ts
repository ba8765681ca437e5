import type { ConversationDoc } from '../storage/storage';
import { toIso, toMillis } from './to-millis';

/** LeanCloud honoured only the first 500 members of a normal conversation (export doc §1.5). */
export const LEANCLOUD_MEMBER_LIMIT = 500;

/** Keys of a `_Conversation` row that map to our document's known fields. */
const KNOWN = new Set(['objectId', 'name', 'attr', 'c', 'm', 'mu', 'tr', 'sys', 'unique', 'uniqueId', 'lm', 'createdAt', 'updatedAt']);
/** Keys dropped on purpose: storage ACLs mean nothing to this server. */
const DROPPED = new Set(['ACL']);

export type ConversationMapping =
  | { ok: true; doc: ConversationDoc; notes: ConversationNote[] }
  | { ok: false; skip: 'malformed' | 'temporary'; reason: string };

export type ConversationNote = 'over-500-members' | 'no-creator' | 'duplicate-members' | 'members-ignored' | 'no-createdAt';

/**
 * A `_Conversation` row (console export or `scan`) → our conversation document (export doc
 * §3.1). Ids, names, `attr`, creator, members, flags and times are kept; custom top-level
 * columns (the 2.0.x attribute layout) stay verbatim at the top level, where old clients look.
 */
export function mapConversation(row: unknown): ConversationMapping {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return { ok: false, skip: 'malformed', reason: 'not a JSON object' };
  const r = row as Record<string, unknown>;
  const objectId = r.objectId;
  if (typeof objectId !== 'string' || objectId.length === 0) return { ok: false, skip: 'malformed', reason: 'no objectId' };
  // Temporary conversations have no _Conversation row on LeanCloud; one here is a stray.
  if (objectId.startsWith('_tmp:')) return { ok: false, skip: 'temporary', reason: 'temporary conversation' };

  const notes: ConversationNote[] = [];
  const isTransient = r.tr === true;
  const isSystem = r.sys === true;
  const createdMs = toMillis(r.createdAt) ?? toMillis(r.updatedAt);
  if (createdMs === undefined) notes.push('no-createdAt');
  const created = createdMs ?? Date.now();
  const updated = toMillis(r.updatedAt) ?? created;

  const doc: ConversationDoc = { objectId, createdAt: toIso(created), updatedAt: toIso(updated) };
  if (typeof r.name === 'string') doc.name = r.name;
  if (r.attr !== null && typeof r.attr === 'object' && !Array.isArray(r.attr)) doc.attr = r.attr as Record<string, unknown>;
  if (typeof r.c === 'string' && r.c.length > 0) doc.c = r.c;
  else notes.push('no-creator');

  const members = stringList(r.m);
  if (isTransient || isSystem) {
    // `m` means nothing for chat rooms and service conversations (export doc §4.4 #14).
    if (members.length > 0) notes.push('members-ignored');
    doc.m = [];
  } else {
    const unique = [...new Set(members)];
    if (unique.length !== members.length) notes.push('duplicate-members');
    if (unique.length > LEANCLOUD_MEMBER_LIMIT) notes.push('over-500-members');
    doc.m = unique;
  }
  const muted = stringList(r.mu);
  if (muted.length > 0 || Array.isArray(r.mu)) doc.mu = [...new Set(muted)];
  if (isTransient) doc.tr = true;
  if (isSystem) doc.sys = true;
  if (r.unique === true) doc.unique = true;
  if (typeof r.uniqueId === 'string') doc.uniqueId = r.uniqueId;
  const lm = toMillis(r.lm);
  if (lm !== undefined) doc.lm = { __type: 'Date', iso: toIso(lm) };

  for (const [key, value] of Object.entries(r)) {
    if (!KNOWN.has(key) && !DROPPED.has(key)) doc[key] = value;
  }
  return { ok: true, doc, notes };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
