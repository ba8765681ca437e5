import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../src/storage/sqlite-storage';
import type { ConversationDoc } from '../../src/storage/storage';

// Receivers' acks are answered from memory and written lazily (storage/delivery-acks.ts). These
// tests pin what must still hold: every reader of the cursors or of ackAt sees the ack at once,
// and a clean close or a membership change leaves nothing behind.
const iso = '2026-01-01T00:00:00.000Z';
const cid = 'bbbbbbbbbbbbbbbbbbbbbbbb';
function conversation(m: string[]): ConversationDoc {
  return { objectId: cid, name: 'n', attr: {}, c: m[0], m, mu: [], createdAt: iso, updatedAt: iso };
}

describe('receiver acks written lazily', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'acks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows an ack to catch-up and history immediately, before its timer commits it', async () => {
    const storage = new SqliteStorage(join(dir, 'db.sqlite'));
    await storage.createConversation(conversation(['a', 'b']));
    const first = await storage.appendMessage(cid, { from: 'a', data: 'one', wantsReceipt: false });
    const second = await storage.appendMessage(cid, { from: 'a', data: 'two', wantsReceipt: false });
    expect(await storage.acknowledge('b', cid, first.id, 555)).toMatchObject({ isFirstAck: true });
    expect((await storage.getUndelivered('b')).map((m) => m.id)).toEqual([second.id]);
    const history = await storage.getHistory(cid, 10);
    expect(history.map((m) => m.ackAt)).toEqual([555, undefined]);
    await storage.close();
  });

  it('answers repeated and out-of-order acks from memory the way the table would', async () => {
    const storage = new SqliteStorage(':memory:');
    await storage.createConversation(conversation(['a', 'b']));
    const sent = [];
    for (let n = 0; n < 3; n++) sent.push(await storage.appendMessage(cid, { from: 'a', data: `m${n}`, wantsReceipt: true }));
    expect(await storage.acknowledge('b', cid, sent[2].id, 10)).toMatchObject({ isFirstAck: true });
    expect(await storage.acknowledge('b', cid, sent[2].id, 11)).toMatchObject({ isFirstAck: false });
    expect(await storage.acknowledge('b', cid, sent[0].id, 12)).toMatchObject({ isFirstAck: false });
    expect(await storage.acknowledge('nobody', cid, sent[0].id, 13)).toBeUndefined();
    expect(await storage.acknowledge('b', cid, 'no-such-message-id-xxx', 14)).toBeUndefined();
    await storage.close();
  });

  it('commits pending acks on close, so a reopened database does not deliver them again', async () => {
    const file = join(dir, 'db.sqlite');
    const before = new SqliteStorage(file);
    await before.createConversation(conversation(['a', 'b']));
    const message = await before.appendMessage(cid, { from: 'a', data: 'x', wantsReceipt: false });
    await before.acknowledge('b', cid, message.id, 777);
    await before.close();
    const after = new SqliteStorage(file);
    expect(await after.getUndelivered('b')).toEqual([]);
    expect((await after.getHistory(cid, 10))[0].ackAt).toBe(777);
    await after.close();
  });

  it('forgets cached cursors when members change, so a re-joined member starts at the end', async () => {
    const storage = new SqliteStorage(':memory:');
    await storage.createConversation(conversation(['a', 'b']));
    const old = await storage.appendMessage(cid, { from: 'a', data: 'old', wantsReceipt: false });
    await storage.acknowledge('b', cid, old.id, 1);
    await storage.removeMembers(cid, ['b'], iso);
    const missed = await storage.appendMessage(cid, { from: 'a', data: 'while away', wantsReceipt: false });
    await storage.addMembers(cid, ['b'], iso);
    const fresh = await storage.appendMessage(cid, { from: 'a', data: 'new', wantsReceipt: false });
    expect((await storage.getUndelivered('b')).map((m) => m.id)).toEqual([fresh.id]);
    expect(await storage.acknowledge('b', cid, missed.id, 2)).toMatchObject({ isFirstAck: false });
    await storage.close();
  });
});
