import type { ConversationDoc, Storage, StoredMessage } from '../../src/storage/storage';
import type { LeanCloudFixture, TruthConversation } from './fixtures/make-fixtures';

/** The conversation document an import must produce for a truth conversation. */
export function expectedConversation(fixture: LeanCloudFixture, conv: TruthConversation): ConversationDoc {
  const imported = conv.tr || conv.sys ? [] : fixture.messages.filter((m) => m.cid === conv.objectId);
  const newest = imported.length > 0 ? imported[imported.length - 1].timestamp : undefined;
  const lm = conv.lm === undefined ? newest : newest === undefined ? conv.lm : Math.max(conv.lm, newest);
  const doc: ConversationDoc = {
    objectId: conv.objectId,
    createdAt: new Date(conv.createdAt).toISOString(),
    updatedAt: new Date(conv.updatedAt).toISOString(),
    m: conv.tr || conv.sys ? [] : conv.m,
    mu: conv.mu,
    ...conv.extra,
  };
  if (conv.name !== undefined) doc.name = conv.name;
  if (conv.attr !== undefined) doc.attr = conv.attr;
  if (conv.c !== undefined) doc.c = conv.c;
  if (conv.tr) doc.tr = true;
  if (conv.sys) doc.sys = true;
  if (conv.unique) {
    doc.unique = true;
    doc.uniqueId = conv.uniqueId;
  }
  if (lm !== undefined) doc.lm = { __type: 'Date', iso: new Date(lm).toISOString() };
  return doc;
}

export interface StoredMessageView {
  id: string;
  from: string;
  data: string;
  timestamp: number;
  ackAt?: number;
}

export function expectedMessages(fixture: LeanCloudFixture, cid: string): StoredMessageView[] {
  return fixture.messages
    .filter((m) => m.cid === cid)
    .map((m) => ({ id: m.id, from: m.from, data: m.data, timestamp: m.timestamp, ...(m.ackAt === undefined ? {} : { ackAt: m.ackAt }) }));
}

function view(message: StoredMessage): StoredMessageView {
  return { id: message.id, from: message.from, data: message.data, timestamp: message.timestamp, ...(message.ackAt === undefined ? {} : { ackAt: message.ackAt }) };
}

/** Asserts (with jest's `expect`) that storage holds exactly the fixture's ground truth. */
export async function expectStorageToMatch(storage: Storage, fixture: LeanCloudFixture): Promise<void> {
  for (const conv of fixture.conversations) {
    expect(await storage.getConversation(conv.objectId)).toEqual(expectedConversation(fixture, conv));
    const history = await storage.getHistory(conv.objectId, 1_000_000);
    expect(history.map(view)).toEqual(conv.tr || conv.sys ? [] : expectedMessages(fixture, conv.objectId));
  }
  const all = await storage.findConversations({});
  expect(all.map((c) => c.objectId).sort()).toEqual(fixture.conversations.map((c) => c.objectId).sort());
}
