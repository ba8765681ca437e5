import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importLeanCloud } from '../../src/leancloud/leancloud-importer';
import { SqliteStorage } from '../../src/storage/sqlite-storage';
import { makeFixture, type LeanCloudFixture } from './fixtures/make-fixtures';
import { writeConsoleExport, writeConsoleExportArchive, type ExportLayout } from './fixtures/write-export';
import { expectStorageToMatch } from './ground-truth';

describe('leancloud import', () => {
  let dir: string;
  let fixture: LeanCloudFixture;
  let storage: SqliteStorage;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lc-import-'));
    fixture = makeFixture({ seed: 31, bulkConversations: 8, maxMessagesPerConversation: 50 });
    storage = new SqliteStorage(':memory:');
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each<ExportLayout>(['jsonl', 'jsonl.gz', 'results-json', 'array-json'])('reproduces the ground truth from a console export (%s)', async (layout) => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), layout);
    const report = await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    await expectStorageToMatch(storage, fixture);
    expect(report.conversations.imported).toBe(fixture.conversations.length);
    expect(report.messages.imported).toBe(fixture.messages.length);
  });

  it('reads a .tar.gz export directly', async () => {
    const archive = await writeConsoleExportArchive(fixture, dir, 'jsonl');
    await importLeanCloud({ inputs: [archive], storage });
    await expectStorageToMatch(storage, fixture);
  });

  it('reads loose files given one by one', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    // History dumps with a name that says nothing: recognised by their first record.
    const loose = path.join(dir, 'page-dump.json');
    await writeFile(loose, JSON.stringify([...fixture.history.get(fixture.special.normal)!].reverse()));
    await importLeanCloud({ inputs: [path.join(dir, 'export', '_Conversation.jsonl'), loose], storage });
    const history = await storage.getHistory(fixture.special.normal, 1000);
    expect(history.map((m) => m.id)).toEqual(fixture.messages.filter((m) => m.cid === fixture.special.normal).map((m) => m.id));
  });

  it('adds nothing when run twice, and says so', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    const again = await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    expect(again.messages).toMatchObject({ imported: 0, alreadyPresent: fixture.messages.length });
    await expectStorageToMatch(storage, fixture);
  });

  it('does not roll back a conversation changed on this server since the import', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    const later = new Date(Date.now() + 1000).toISOString();
    await storage.updateConversation(fixture.special.normal, { name: 'renamed after the move' }, later);
    await storage.addMembers(fixture.special.normal, ['newcomer'], later);

    const again = await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    expect(again.conversations.skipped).toEqual({ 'kept the stored version: it is newer (updatedAt) than this LeanCloud copy': 1 });
    const kept = await storage.getConversation(fixture.special.normal);
    expect(kept).toMatchObject({ name: 'renamed after the move', updatedAt: later });
    expect(kept?.m).toContain('newcomer');
    // Its history is still imported idempotently.
    expect(again.messages.alreadyPresent).toBe(fixture.messages.length);
  });

  it('writes nothing in a dry run but counts what it would import', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    const report = await importLeanCloud({ inputs: [path.join(dir, 'export')], storage, dryRun: true });
    expect(report.conversations.imported).toBe(fixture.conversations.length);
    expect(report.messages.imported).toBe(fixture.messages.length);
    expect(await storage.findConversations({})).toEqual([]);
    expect(report.format()).toMatch(/^Dry run: nothing was written/);
  });

  it('reports what it skipped and why', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    await appendFile(path.join(dir, 'export', '_Conversation.jsonl'), '{"objectId": "broken",\n');
    await writeFile(
      path.join(dir, 'orphans.json'),
      JSON.stringify([{ 'msg-id': 'orphanorphanorphan0001', 'conv-id': 'ffffffffffffffffffffffff00000000', to: 'ffffffffffffffffffffffff', from: 'z', timestamp: 1, data: 'lost', 'is-conv': true }]),
    );
    const report = await importLeanCloud({ inputs: [path.join(dir, 'export'), path.join(dir, 'orphans.json')], storage });
    const json = JSON.parse(JSON.stringify(report)) as ReturnType<typeof report.toJSON>;
    expect(json.conversations.skipped).toEqual({ 'malformed line': 1 });
    expect(json.messages.skipped).toMatchObject({
      'chat-room history: this server keeps no history for transient conversations': fixture.history.get(fixture.special.chatRoom)!.length,
      'orphan: conversation not in this import nor in the data directory': 1,
      'member roles (_ConversationMemberInfo): not stored by this server; the creator stays the owner': 2,
      'messages to service conversations (_SysMessage): not served by this server': 1,
    });
    expect(json.notes).toMatchObject({
      'binary bodies (bin: true) stored as their base64 text': 1,
      'message bodies that arrived as parsed objects, stored as their JSON text': 1,
      'recalled messages (_lctype -127), kept as recalled': 1,
      'conversations without a creator (c); no owner': 2,
    });
    expect(json.conversationsOver500Members).toEqual([fixture.special.large]);
    expect(json.samples[0]).toMatchObject({ file: path.join(dir, 'export', '_Conversation.jsonl'), reason: 'malformed line' });
    expect(json.notAvailableFromLeanCloud).toContain('member join times');
    await expectStorageToMatch(storage, fixture);
  });

  it('stops at the first malformed record under strict', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    await appendFile(path.join(dir, 'export', '_Conversation.jsonl'), 'not json\n');
    await expect(importLeanCloud({ inputs: [path.join(dir, 'export')], storage, strict: true })).rejects.toMatchObject({
      code: 'LEANCLOUD_MALFORMED_RECORD',
    });
  });

  it('skips binary bodies when asked to', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    const report = await importLeanCloud({ inputs: [path.join(dir, 'export')], storage, binary: 'skip' });
    expect(report.messages.skipped['binary body (--binary skip)']).toBe(1);
    const binary = fixture.messages.find((m) => m.binary)!;
    const history = await storage.getHistory(binary.cid, 1000);
    expect(history.map((m) => m.id)).not.toContain(binary.id);
  });

  it('keeps same-millisecond messages in (timestamp, id) order and bodies byte for byte', async () => {
    await writeConsoleExport(fixture, path.join(dir, 'export'), 'jsonl');
    await importLeanCloud({ inputs: [path.join(dir, 'export')], storage });
    const history = await storage.getHistory(fixture.special.normal, 1000);
    const bodies = history.map((m) => Buffer.from(m.data, 'utf8'));
    const expected = fixture.messages.filter((m) => m.cid === fixture.special.normal).map((m) => Buffer.from(m.data, 'utf8'));
    expect(bodies).toEqual(expected);
    const binary = history.find((m) => fixture.messages.find((t) => t.id === m.id)?.binary)!;
    expect([...Buffer.from(binary.data, 'base64')]).toEqual([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]);
  });
});
