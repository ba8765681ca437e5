import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../src/storage/sqlite-storage';
import type { ConversationDoc } from '../../src/storage/storage';

const iso = '2026-01-01T00:00:00.000Z';
function conversation(objectId: string, m: string[], extra: Partial<ConversationDoc> = {}): ConversationDoc {
  return { objectId, name: 'n', attr: {}, c: m[0], m, mu: [], createdAt: iso, updatedAt: iso, ...extra };
}
const cid = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('SqliteStorage', () => {
  let storage: SqliteStorage;
  beforeEach(() => {
    storage = new SqliteStorage(':memory:');
  });
  afterEach(() => storage.close());

  it('keeps unknown top-level keys of a conversation document', async () => {
    await storage.createConversation(conversation(cid, ['a', 'b'], { custom: { x: 1 } }));
    const doc = await storage.getConversation(cid);
    expect(doc).toMatchObject({ objectId: cid, m: ['a', 'b'], custom: { x: 1 } });
  });

  it('assigns ids, increasing seq and sets lm on append', async () => {
    await storage.createConversation(conversation(cid, ['a', 'b']));
    const [first, second] = await Promise.all([
      storage.appendMessage(cid, { from: 'a', data: 'one', wantsReceipt: false }),
      storage.appendMessage(cid, { from: 'a', data: 'two', wantsReceipt: true }),
    ]);
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.timestamp).toBeGreaterThanOrEqual(first.timestamp);
    const doc = await storage.getConversation(cid);
    expect(doc?.lm?.iso).toBe(new Date(second.timestamp).toISOString());
  });

  it('returns undelivered messages after the cursor, and acks move it', async () => {
    await storage.createConversation(conversation(cid, ['a', 'b']));
    const sent = [];
    for (let n = 0; n < 25; n++) sent.push(await storage.appendMessage(cid, { from: 'a', data: `m${n}`, wantsReceipt: false }));
    expect((await storage.getUndelivered('a')).length).toBe(0);
    expect((await storage.getUndelivered('b')).map((m) => m.data)).toEqual(sent.map((m) => m.data));
    const ack = await storage.acknowledge('b', cid, sent[9].id, 123);
    expect(ack).toMatchObject({ isFirstAck: true, message: { id: sent[9].id, ackAt: 123 } });
    expect((await storage.getUndelivered('b')).map((m) => m.seq)).toEqual(sent.slice(10).map((m) => m.seq));
    expect(await storage.acknowledge('b', cid, sent[3].id, 124)).toMatchObject({ isFirstAck: false });
    expect(await storage.acknowledge('z', cid, sent[3].id, 124)).toBeUndefined();
  });

  it('does not count the sender’s own devices acking its message as a delivery', async () => {
    await storage.createConversation(conversation(cid, ['a', 'b']));
    const sent = await storage.appendMessage(cid, { from: 'a', data: 'mine', wantsReceipt: true });
    expect((await storage.acknowledge('a', cid, sent.id, 50))?.message.ackAt).toBeUndefined();
    expect((await storage.getHistory(cid, 1))[0].ackAt).toBeUndefined();
    expect((await storage.acknowledge('b', cid, sent.id, 60))?.message.ackAt).toBe(60);
    expect((await storage.getHistory(cid, 1))[0].ackAt).toBe(60);
  });

  it('starts a new member at the end of the conversation', async () => {
    await storage.createConversation(conversation(cid, ['a']));
    await storage.appendMessage(cid, { from: 'a', data: 'before', wantsReceipt: false });
    await storage.addMembers(cid, ['c'], iso);
    await storage.appendMessage(cid, { from: 'a', data: 'after', wantsReceipt: false });
    expect((await storage.getUndelivered('c')).map((m) => m.data)).toEqual(['after']);
    expect((await storage.removeMembers(cid, ['c'], iso))).toEqual(['a']);
    expect(await storage.getUndelivered('c')).toEqual([]);
  });

  it('pages history oldest first with t and mid', async () => {
    let now = 1000;
    storage.close();
    storage = new SqliteStorage(':memory:', { now: () => now });
    await storage.createConversation(conversation(cid, ['a']));
    const all = [];
    for (let n = 0; n < 5; n++) all.push(await storage.appendMessage(cid, { from: 'a', data: `m${n}`, wantsReceipt: false }));
    // all five share timestamp 1000
    expect((await storage.getHistory(cid, 2)).map((m) => m.data)).toEqual(['m3', 'm4']);
    const page = await storage.getHistory(cid, 2, { beforeTimestamp: 1000, beforeId: all[3].id });
    expect(page.map((m) => m.data)).toEqual(['m1', 'm2']);
    now = 2000;
    expect((await storage.getHistory(cid, 10, { beforeTimestamp: 1000 })).length).toBe(0);
  });

  it('finds conversations by members, ids and the unique member set', async () => {
    await storage.createConversation(conversation(cid, ['a', 'b'], { unique: true }));
    await storage.createConversation(conversation('bbbbbbbbbbbbbbbbbbbbbbbb', ['a', 'c']));
    expect((await storage.findConversations({ withMembers: ['a'] })).length).toBe(2);
    expect((await storage.findConversations({ withMembers: ['a', 'b'] })).map((d) => d.objectId)).toEqual([cid]);
    expect((await storage.findConversations({ ids: ['bbbbbbbbbbbbbbbbbbbbbbbb', 'nope'] })).length).toBe(1);
    expect((await storage.findUniqueConversation(['b', 'a']))?.objectId).toBe(cid);
    expect(await storage.findUniqueConversation(['a', 'c'])).toBeUndefined();
  });

  it('imports idempotently, ordered by (timestamp, id), as already delivered', async () => {
    await storage.upsertConversation(conversation(cid, ['a', 'b']));
    await storage.upsertConversation(conversation(cid, ['a', 'b'], { name: 'renamed' }));
    expect((await storage.findConversations({})).length).toBe(1);
    const messages = [
      { id: 'id-2', from: 'a', data: 'second', timestamp: 20 },
      { id: 'id-1', from: 'b', data: 'first', timestamp: 10 },
    ];
    expect(await storage.insertMessages(cid, messages)).toBe(2);
    expect(await storage.insertMessages(cid, messages)).toBe(0);
    expect((await storage.getHistory(cid, 10)).map((m) => [m.data, m.seq])).toEqual([['first', 1], ['second', 2]]);
    expect(await storage.getUndelivered('b')).toEqual([]);
  });

  it('keeps data across reopen of a file database, with the schema version recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-storage-'));
    try {
      const file = join(dir, 'db.sqlite');
      const first = new SqliteStorage(file);
      await first.createConversation(conversation(cid, ['a', 'b']));
      const sent = await first.appendMessage(cid, { from: 'a', data: 'kept', wantsReceipt: false });
      await first.close();
      const second = new SqliteStorage(file);
      expect((await second.getUndelivered('b')).map((m) => m.id)).toEqual([sent.id]);
      const next = await second.appendMessage(cid, { from: 'a', data: 'next', wantsReceipt: false });
      expect(next.seq).toBe(2);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
