// The <script>-tag bundle (dist/AV.realtime.min.js, built here with the same options as the
// package build) in real headless Chromium: two pages chat through AV.realtime as an old page
// would, and a page that already has `window.AV` keeps its members.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../../scripts/test-support/chromium';
import { startServer, type RunningServer } from '@realtime/server';

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBundle } = require('../../scripts/bundle.cjs');

let staticDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'realtime-legacy-browser-'));
  const { code } = await buildBundle(true);
  writeFileSync(join(staticDir, 'AV.realtime.min.js'), code);
  writeFileSync(join(staticDir, 'chat.html'), '<!doctype html><meta charset="utf-8"><title>chat</title><script src="/AV.realtime.min.js"></script>');
  writeFileSync(
    join(staticDir, 'existing-av.html'),
    [
      '<!doctype html><meta charset="utf-8"><title>existing AV</title>',
      // What the LeanCloud storage SDK leaves on a page: AV with its own members.
      '<script>window.AV = { version: "js-storage-0.5", Object: function AVObject() {}, initialize: function () { return "initialized"; } };</script>',
      '<script src="/AV.realtime.min.js"></script>',
    ].join(''),
  );
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:', staticDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (staticDir) rmSync(staticDir, { recursive: true, force: true });
});

/** A page running plain 2.x app code: connect as `clientId`, keep every message event. */
async function openChatPage(clientId: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.httpUrl}/chat.html`);
  await page.evaluate(
    ({ appId, clientId }) =>
      new Promise<void>((resolve) => {
        const w = window as any;
        w.messages = [];
        w.errors = [];
        // The one line a migrating page changes: where the server is.
        w.AV.realtime.config({ router: location.origin + '/v1/route' });
        w.rt = w.AV.realtime({ appId, clientId, encodeHTML: true }, () => resolve());
        w.rt.on('message', (data: any) => w.messages.push({ cid: data.cid, from: data.fromPeerId, msg: data.msg }));
        w.rt.on('error', (error: any) => w.errors.push(String(error && (error.reason || error.message))));
      }),
    { appId: server.appId, clientId },
  );
  return { page, errors };
}

async function messagesOf(page: Page, count: number): Promise<Array<{ cid: string; from: string; msg: unknown }>> {
  await page.waitForFunction((n) => (window as any).messages.length >= n, count, { timeout: 10_000 });
  return page.evaluate(() => (window as any).messages);
}

describe('AV.realtime.min.js in Chromium', () => {
  it('lets two pages chat: create, send, receive, reply, history', async () => {
    const alice = await openChatPage('alice');
    const bob = await openChatPage('bob');

    const cid = await alice.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const w = window as any;
          w.room = w.rt.conv({ members: ['bob'], name: 'page chat' }, (room: any) => {
            w.replies = [];
            room.receive((data: any) => w.replies.push(data.msg));
            room.send('hello <b>bob</b>', () => resolve(room.id));
          });
        }),
    );
    const [received] = await messagesOf(bob.page, 1);
    expect(received).toEqual({ cid, from: 'alice', msg: 'hello &lt;b&gt;bob&lt;/b&gt;' });

    await bob.page.evaluate(
      (cid) =>
        new Promise<void>((resolve) => {
          const w = window as any;
          w.rt.room(cid, (room: any) => room.send({ text: 'hi alice', attr: { mood: 'good' } }, { type: 'text' }, () => resolve()));
        }),
      cid,
    );
    await alice.page.waitForFunction(() => (window as any).replies.length >= 1, null, { timeout: 10_000 });
    expect(await alice.page.evaluate(() => (window as any).replies)).toEqual([{ text: 'hi alice', attr: { mood: 'good' }, type: 'text' }]);

    const history = await bob.page.evaluate(
      (cid) =>
        new Promise<unknown[]>((resolve) => {
          const w = window as any;
          w.rt.room(cid, (room: any) => room.log((logs: any[]) => resolve(logs.map((entry) => [entry.fromPeerId, entry.data]))));
        }),
      cid,
    );
    expect(history).toEqual([
      ['alice', 'hello &lt;b&gt;bob&lt;/b&gt;'],
      ['bob', { text: 'hi alice', attr: { mood: 'good' }, type: 'text' }],
    ]);

    for (const { page, errors } of [alice, bob]) {
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (window as any).errors)).toEqual([]);
      await page.close();
    }
  });

  it('extends an existing window.AV instead of replacing it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.httpUrl}/existing-av.html`);
    const seen = await page.evaluate(() => {
      const AV = (window as any).AV;
      return {
        version: AV.version,
        hasObject: typeof AV.Object,
        initialize: AV.initialize(),
        realtime: typeof AV.realtime,
        realtimeVersion: AV.realtime.version,
        config: typeof AV.realtime.config,
      };
    });
    expect(seen).toEqual({
      version: 'js-storage-0.5',
      hasObject: 'function',
      initialize: 'initialized',
      realtime: 'function',
      realtimeVersion: '0.1.0',
      config: 'function',
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
