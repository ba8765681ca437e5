import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fetchLeanCloudApp, type LeanCloudFetchOptions } from '../../src/leancloud/leancloud-fetcher';
import { readManifest } from '../../src/leancloud/fetch-manifest';
import { importLeanCloud } from '../../src/leancloud/leancloud-importer';
import { isLeanCloudError } from '../../src/leancloud/leancloud-error';
import { servingFixture, startFakeLeanCloud, type FakeLeanCloud, type FakeLeanCloudFaults } from './fake-leancloud-server';
import { addMessage, makeFixture, type LeanCloudFixture } from './fixtures/make-fixtures';
import { expectedHistory, nonEmpty, readFetchedClass, readFetchedHistory } from './fetch-output';

describe('leancloud fetch', () => {
  let dir: string;
  let fake: FakeLeanCloud | undefined;
  let fixture: LeanCloudFixture;
  let log: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lc-fetch-'));
    fixture = makeFixture({ seed: 11, bulkConversations: 10, maxMessagesPerConversation: 60 });
    log = '';
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const gone = new Set<string>();
  const serve = async (faults?: FakeLeanCloudFaults, extra: { requireHistorySignature?: boolean } = {}) => {
    gone.clear();
    fake = await startFakeLeanCloud({
      ...extra,
      goneConversations: gone,
      ...servingFixture(fixture),
      faults,
    });
    return fake;
  };
  const options = (overrides: Partial<LeanCloudFetchOptions> = {}): LeanCloudFetchOptions => {
    const progressStream = new PassThrough();
    progressStream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    return {
      api: fake!.url,
      appId: fixture.appId,
      masterKey: fixture.masterKey,
      outDir: path.join(dir, 'out'),
      // Small pages put page edges inside same-millisecond bursts.
      pageSize: 3,
      concurrency: 3,
      rateLimitWaitMs: 5,
      minRetryDelayMs: 1,
      maxRetryDelayMs: 20,
      retries: 30,
      progressStream,
      ...overrides,
    };
  };

  it('copies every class row and every history record exactly once, through random 429s and 5xx', async () => {
    await serve({ rateLimitRate: 0.1, serverErrorRate: 0.05, seed: 5 });
    const summary = await fetchLeanCloudApp(options());

    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(nonEmpty(expectedHistory(fixture)));
    for (const className of ['_Conversation', '_ConversationMemberInfo', '_SysMessage']) {
      const sorted = [...fixture.classes[className]].sort((a, b) => (String(a.objectId) < String(b.objectId) ? -1 : 1));
      expect(await readFetchedClass(path.join(dir, 'out'), className)).toEqual(sorted);
    }
    expect(fake!.counts.rateLimited).toBeGreaterThan(0);
    expect(fake!.counts.serverErrors).toBeGreaterThan(0);
    expect(summary.retries).toBe(fake!.counts.rateLimited + fake!.counts.serverErrors);
    expect(summary).toMatchObject({ mode: 'fresh', pass: 1, messagesFetched: [...fixture.history.values()].flat().length });

    const manifest = await readManifest(path.join(dir, 'out'));
    expect(manifest?.pass.completedAt).toBeDefined();
    expect(manifest?.totals.messages).toBe(summary.messagesFetched);
    expect(log).toMatch(/done: \d+ new messages/);
  });

  it('sends message ids percent-encoded, so ids with + and _ survive as cursors', async () => {
    await serve();
    await fetchLeanCloudApp(options({ pageSize: 1 }));
    const special = fixture.messages.find((m) => m.id.includes('+') && m.id.includes('_'))!;
    const cursors = fake!.historyQueries.filter((q) => q.cid === special.cid).map((q) => q.query.get('msgid'));
    expect(cursors).toContain(special.id);
    for (const q of fake!.historyQueries) {
      expect(q.query.get('reversed')).toBe('true');
      expect(Number(q.query.get('till_timestamp'))).toBeGreaterThan(0);
    }
  });

  it('walks chat rooms through their own endpoint and skips service conversations', async () => {
    await serve();
    await fetchLeanCloudApp(options());
    const queried = new Set(fake!.historyQueries.map((q) => q.cid));
    expect(queried.has(fixture.special.chatRoom)).toBe(true);
    expect(queried.has(fixture.special.system)).toBe(false);
  });

  it('fetches only new messages in a top-up run', async () => {
    await serve();
    const first = await fetchLeanCloudApp(options());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const normal = fixture.conversations.find((c) => c.objectId === fixture.special.normal)!;
    const arrivedAt = Date.now();
    // Four messages in one millisecond, after the first pass ended.
    for (let i = 0; i < 4; i += 1) addMessage(fixture, normal, { from: 'alice', data: `late ${i}`, timestamp: arrivedAt });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const queriesBefore = fake!.historyQueries.length;

    const second = await fetchLeanCloudApp(options());
    expect(second).toMatchObject({ mode: 'top-up', pass: 2, messagesFetched: 4, messagesTotal: first.messagesFetched + 4 });
    expect(second.tEnd).toBeGreaterThan(first.tEnd);
    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(nonEmpty(expectedHistory(fixture)));
    // Every conversation with history continued from its cursor instead of starting over.
    const topUpQueries = fake!.historyQueries.slice(queriesBefore);
    const fromScratch = topUpQueries.filter((q) => !q.query.has('timestamp') && (fixture.history.get(q.cid)?.length ?? 0) > 0);
    expect(fromScratch).toEqual([]);
  });

  it('resumes an interrupted run without missing or doubling anything', async () => {
    await serve();
    const controller = new AbortController();
    let pages = 0;
    const interrupted = fetchLeanCloudApp(
      options({
        signal: controller.signal,
        concurrency: 1,
        checkpointIntervalMs: 0,
        onRetry: undefined,
      }),
    );
    // Abort from the server side once some history has been served.
    const poll = setInterval(() => {
      pages = fake!.counts.history;
      if (pages >= 20) controller.abort(new Error('test interruption'));
    }, 1);
    await expect(interrupted).rejects.toThrow();
    clearInterval(poll);
    const partial = await readManifest(path.join(dir, 'out'));
    expect(partial?.pass.completedAt).toBeUndefined();
    const early = await importLeanCloud({ inputs: [path.join(dir, 'out')], dryRun: true });
    expect(early.warnings).toEqual([expect.stringContaining('fetch pass 1 did not finish')]);

    const resumed = await fetchLeanCloudApp(options());
    expect(resumed.mode).toBe('resume');
    expect(resumed.tEnd).toBe(partial!.pass.tEnd);
    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(nonEmpty(expectedHistory(fixture)));
  });

  it('records a conversation the API refuses, finishes the others, and retries it next run', async () => {
    await serve();
    gone.add(fixture.special.unique);
    const first = await fetchLeanCloudApp(options());
    expect(first.failedConversations).toEqual([{ cid: fixture.special.unique, error: expect.stringContaining('HTTP 404') }]);
    expect(log).toContain(`warning: conversation ${fixture.special.unique} skipped`);
    const withoutIt = nonEmpty(expectedHistory(fixture));
    withoutIt.delete(fixture.special.unique);
    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(withoutIt);

    gone.clear();
    const second = await fetchLeanCloudApp(options());
    expect(second.failedConversations).toEqual([]);
    expect(second.messagesFetched).toBe(fixture.history.get(fixture.special.unique)!.length);
    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(nonEmpty(expectedHistory(fixture)));
  });

  it('signs history queries when the app requires it', async () => {
    await serve(undefined, { requireHistorySignature: true });
    await expect(fetchLeanCloudApp(options())).rejects.toMatchObject({
      code: 'LEANCLOUD_AUTH_REJECTED',
      message: expect.stringContaining('--history-sign-client'),
    });

    const signed = await fetchLeanCloudApp(options({ historySignClientId: 'exporter' }));
    expect(signed.failedConversations).toEqual([]);
    expect(nonEmpty(await readFetchedHistory(path.join(dir, 'out')))).toEqual(nonEmpty(expectedHistory(fixture)));
  });

  it('refuses to mix two apps in one output directory', async () => {
    await serve();
    await fetchLeanCloudApp(options());
    const other = startFakeLeanCloud({ appId: 'other', masterKey: 'k', classes: { _Conversation: [] }, history: new Map() });
    const otherFake = await other;
    try {
      await expect(fetchLeanCloudApp(options({ api: otherFake.url, appId: 'other', masterKey: 'k' }))).rejects.toMatchObject({
        code: 'LEANCLOUD_MANIFEST_MISMATCH',
      });
    } finally {
      await otherFake.close();
    }
  });

  it('stops at once with LEANCLOUD_AUTH_REJECTED on a wrong master key', async () => {
    await serve();
    const error = await fetchLeanCloudApp(options({ masterKey: 'wrong' })).catch((e: unknown) => e);
    expect(isLeanCloudError(error) && error.code).toBe('LEANCLOUD_AUTH_REJECTED');
    expect(fake!.counts.unauthorized).toBe(1);
  });
});
