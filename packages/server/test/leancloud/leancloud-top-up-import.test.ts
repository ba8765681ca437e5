import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fetchLeanCloudApp } from '../../src/leancloud/leancloud-fetcher';
import { importLeanCloud } from '../../src/leancloud/leancloud-importer';
import { SqliteStorage } from '../../src/storage/sqlite-storage';
import { servingFixture, startFakeLeanCloud } from './fake-leancloud-server';
import { addMessage, makeFixture } from './fixtures/make-fixtures';
import { expectStorageToMatch } from './ground-truth';

describe('full fetch, import, top-up fetch, import again', () => {
  it('adds exactly the new messages and the changed conversation fields', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lc-topup-'));
    const fixture = makeFixture({ seed: 61, bulkConversations: 5, maxMessagesPerConversation: 30 });
    const fake = await startFakeLeanCloud({
      ...servingFixture(fixture),
    });
    const storage = new SqliteStorage(':memory:');
    const outDir = path.join(dir, 'lc-export');
    const fetch = () =>
      fetchLeanCloudApp({ api: fake.url, appId: fixture.appId, masterKey: fixture.masterKey, outDir, pageSize: 5, progressStream: new PassThrough() });
    try {
      await fetch();
      const first = await importLeanCloud({ inputs: [outDir], storage });
      expect(first.messages.imported).toBe(fixture.messages.length);

      // Life goes on at LeanCloud: a rename, a new member, and messages after the first fetch.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const conv = fixture.conversations.find((c) => c.objectId === fixture.special.unique)!;
      conv.name = 'renamed';
      conv.m = [...conv.m, 'zed'];
      const row = fixture.classes._Conversation.find((r) => r.objectId === conv.objectId)!;
      Object.assign(row, { name: conv.name, m: conv.m });
      const now = Date.now();
      for (let i = 0; i < 3; i += 1) addMessage(fixture, conv, { from: 'zed', data: `new ${i}`, timestamp: now + i });
      await new Promise((resolve) => setTimeout(resolve, 10));

      const topUp = await fetch();
      expect(topUp).toMatchObject({ mode: 'top-up', messagesFetched: 3 });
      const second = await importLeanCloud({ inputs: [outDir], storage });
      expect(second.messages).toMatchObject({ imported: 3, alreadyPresent: fixture.messages.length - 3 });
      await expectStorageToMatch(storage, fixture);
    } finally {
      await storage.close();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
