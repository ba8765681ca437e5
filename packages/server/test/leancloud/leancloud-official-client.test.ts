/**
 * The whole rescue path: fetch from a fake LeanCloud, import with the CLI command into a data
 * directory, start the real server on it, and read it back with the unmodified official
 * leancloud-realtime 2.4.0 client (the harness in ../official/helpers).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runImportLeanCloud } from '../../src/commands/import-leancloud';
import { fetchLeanCloudApp } from '../../src/leancloud/leancloud-fetcher';
import { databaseFileName } from '../../src/server';
import { SqliteStorage } from '../../src/storage/sqlite-storage';
import { OfficialClient } from '../official/helpers/official-client';
import { TestServer } from '../official/helpers/test-server';
import { servingFixture, startFakeLeanCloud } from './fake-leancloud-server';
import { makeFixture } from './fixtures/make-fixtures';
import { expectStorageToMatch } from './ground-truth';

jest.setTimeout(60_000);

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('fetch → import → official 2.4.0 client', () => {
  const fixture = makeFixture({ seed: 47, bulkConversations: 6, maxMessagesPerConversation: 40 });
  let dir: string;
  let server: TestServer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lc-e2e-'));
    const fake = await startFakeLeanCloud({
      ...servingFixture(fixture),
      faults: { rateLimitRate: 0.05, seed: 9 },
    });
    try {
      await fetchLeanCloudApp({
        api: fake.url,
        appId: fixture.appId,
        masterKey: fixture.masterKey,
        outDir: path.join(dir, 'lc-export'),
        pageSize: 4,
        rateLimitWaitMs: 5,
        minRetryDelayMs: 1,
        progressStream: new PassThrough(),
      });
    } finally {
      await fake.close();
    }
  });
  afterEach(async () => {
    OfficialClient.disposeAll();
    await server?.close();
    server = undefined;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const importInto = async (dataDir: string) => {
    const stdout = collect();
    const stderr = collect();
    const code = await runImportLeanCloud([path.join(dir, 'lc-export'), '--data', dataDir], { stdout: stdout.stream, stderr: stderr.stream, env: {} });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  it('imports the fetch output to exactly the ground truth, and a second run adds nothing', async () => {
    const dataDir = path.join(dir, 'data-truth');
    const first = await importInto(dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Messages: imported ${fixture.messages.length}, already present 0.`);
    const second = await importInto(dataDir);
    expect(second.stdout).toContain(`Messages: imported 0, already present ${fixture.messages.length}.`);

    const storage = new SqliteStorage(path.join(dataDir, databaseFileName));
    try {
      await expectStorageToMatch(storage, fixture);
    } finally {
      await storage.close();
    }
  });

  it('serves the imported data: query finds the conversations, log pages the whole history in order', async () => {
    const dataDir = path.join(dir, 'data-served');
    expect((await importInto(dataDir)).code).toBe(0);
    server = await TestServer.start({ dataDir });
    const alice = await OfficialClient.open({ ...server.endpoint, clientId: 'alice' });

    const normal = fixture.conversations.find((c) => c.objectId === fixture.special.normal)!;
    const [found] = await alice.query({ where: { objectId: normal.objectId } });
    expect(found).toMatchObject({ objectId: normal.objectId, name: normal.name, attr: normal.attr, c: 'alice' });
    expect([...found.m].sort()).toEqual([...normal.m].sort());
    const mine = await alice.query({ limit: 100 });
    const expectedMine = fixture.conversations.filter((c) => !c.tr && !c.sys && c.m.includes('alice')).map((c) => c.objectId);
    expect(mine.map((r) => r.objectId).sort()).toEqual(expectedMine.sort());

    for (const cid of [fixture.special.normal, ...fixture.conversations.slice(-3).map((c) => c.objectId)]) {
      const conv = fixture.conversations.find((c) => c.objectId === cid)!;
      const reader = conv.m.includes('alice') ? alice : await OfficialClient.open({ ...server.endpoint, clientId: conv.m[0] });
      const room = (await reader.room(cid))!;
      const seen: Array<{ msgId: string; timestamp: number; from: string }> = [];
      let page = await room.log({ limit: 4 });
      while (page.length > 0) {
        seen.unshift(...page.map((m) => ({ msgId: m.msgId as string, timestamp: m.timestamp as number, from: m.from as string })));
        page = await room.log({ t: page[0].timestamp, mid: page[0].msgId, limit: 4 });
      }
      const truth = fixture.messages.filter((m) => m.cid === cid);
      expect(seen).toEqual(truth.map((m) => ({ msgId: m.id, timestamp: m.timestamp, from: m.from })));
    }

    // Plain-text bodies come back exactly as LeanCloud stored them.
    const room = (await alice.room(normal.objectId))!;
    const logs = await room.log({ limit: 100 });
    const plain = fixture.messages.filter((m) => m.cid === normal.objectId && !m.data.startsWith('{') && !m.binary);
    for (const message of plain) expect(logs.find((l) => l.msgId === message.id)?.data).toBe(message.data);
  });
});
