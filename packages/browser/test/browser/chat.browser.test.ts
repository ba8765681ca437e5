import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../../scripts/test-support/chromium';
import { startServer, type RunningServer } from '@realtime/server';
import { Realtime as NodeRealtime, TextMessage as NodeTextMessage } from '@realtime/node';

// Real headless Chromium; two pages chat through a browser bundle of @realtime/browser built here
// with esbuild and served by the realtime server itself (same origin as the router).
jest.setTimeout(60_000);

const repoRoot = join(__dirname, '..', '..', '..', '..');

let staticDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'realtime-browser-'));
  await build({
    stdin: { contents: "export * from '@realtime/browser';", resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'RealtimeSDK',
    platform: 'browser',
    target: 'es2022',
    outfile: join(staticDir, 'realtime-browser.js'),
    logLevel: 'silent',
    plugins: [{
      name: 'workspace-sources',
      setup(builder) {
        builder.onResolve({ filter: /^@realtime\/(core|legacy|browser)$/ }, (args) => ({
          path: join(repoRoot, 'packages', args.path.slice('@realtime/'.length), 'src', 'index.ts'),
        }));
      },
    }],
  });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>chat</title><script src="/realtime-browser.js"></script>');
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:', staticDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

/** Opens a page logged in as `clientId`; incoming texts collect in `window.inbox`. */
async function openChatPage(clientId: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.httpUrl}/index.html`);
  await page.evaluate(async ({ appId, clientId }) => {
    const sdk = (window as any).RealtimeSDK;
    const realtime = new sdk.Realtime({ appId, router: `${location.origin}/v1/route` });
    const client = await realtime.createIMClient(clientId);
    const w = window as any;
    w.client = client;
    w.inbox = [];
    client.on('message', (message: any, conversation: any) => {
      w.inbox.push({ text: message.getText?.() ?? message.content, from: message.from, cid: conversation.id, isText: message instanceof sdk.TextMessage });
    });
  }, { appId: server.appId, clientId });
  expect(errors).toEqual([]);
  return page;
}

async function inboxOf(page: Page, count: number): Promise<Array<{ text: string; from: string; cid: string; isText: boolean }>> {
  await page.waitForFunction((n) => (window as any).inbox.length >= n, count, { timeout: 10_000 });
  return page.evaluate(() => (window as any).inbox);
}

describe('@realtime/browser in headless Chromium', () => {
  it('two pages chat through the built bundle', async () => {
    const alice = await openChatPage('alice');
    const bob = await openChatPage('bob');

    const conversationId = await alice.evaluate(async () => {
      const w = window as any;
      w.conversation = await w.client.createConversation({ members: ['bob'], name: 'browser chat' });
      const sent = await w.conversation.send(new w.RealtimeSDK.TextMessage('hi bob, from a browser'));
      return { id: w.conversation.id as string, messageId: sent.id as string };
    });
    expect(conversationId.messageId).toEqual(expect.any(String));

    const [received] = await inboxOf(bob, 1);
    expect(received).toEqual({ text: 'hi bob, from a browser', from: 'alice', cid: conversationId.id, isText: true });

    await bob.evaluate(async (cid) => {
      const w = window as any;
      const conversation = await w.client.getConversation(cid);
      await conversation.send(new w.RealtimeSDK.TextMessage('hello alice'));
    }, conversationId.id);
    const [reply] = await inboxOf(alice, 1);
    expect(reply).toMatchObject({ text: 'hello alice', from: 'bob', isText: true });

    const history = await bob.evaluate(async (cid) => {
      const conversation = await (window as any).client.getConversation(cid);
      return (await conversation.queryMessages({ limit: 10 })).map((m: any) => m.getText());
    }, conversationId.id);
    expect(history).toEqual(['hi bob, from a browser', 'hello alice']);
  });

  it('a Node bot and a browser page chat through the promise API', async () => {
    const bot = await new NodeRealtime({ appId: server.appId, router: server.routerUrl }).createIMClient('echo-bot');
    try {
      // The bot answers every text with its upper-case version.
      bot.on('message', (message, conversation) => {
        if (message instanceof NodeTextMessage && message.from !== 'echo-bot') {
          void conversation.send(new NodeTextMessage(message.text!.toUpperCase()));
        }
      });
      const page = await openChatPage('dave');
      await page.evaluate(async () => {
        const w = window as any;
        const conversation = await w.client.createConversation({ members: ['echo-bot'] });
        await conversation.send(new w.RealtimeSDK.TextMessage('shout this'));
      });
      const [reply] = await inboxOf(page, 1);
      expect(reply).toMatchObject({ text: 'SHOUT THIS', from: 'echo-bot', isText: true });
    } finally {
      await bot.close();
    }
  });

  it('exposes AV.realtime-style `realtime` and createClient alongside the promise API', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/index.html`);
    const shape = await page.evaluate(async (appId) => {
      const sdk = (window as any).RealtimeSDK;
      const client = await sdk.createClient({ appId, router: `${location.origin}/v1/route`, clientId: 'one-call' });
      const state = client.connection.state;
      await client.close();
      return { realtime: typeof sdk.realtime, version: typeof sdk.realtime.version, Realtime: typeof sdk.Realtime, createClient: state };
    }, server.appId);
    expect(shape).toEqual({ realtime: 'function', version: 'string', Realtime: 'function', createClient: 'connected' });
  });

  it('reconnects at once on the browser online signal instead of waiting out the backoff', async () => {
    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:' });
    const { port } = second;
    let restarted: RunningServer | undefined;
    const page = await browser.newPage();
    try {
      await page.goto(`${server.httpUrl}/index.html`);
      await page.evaluate(async ({ appId, wsUrl }) => {
        const w = window as any;
        // A minute of backoff: only the `online` signal can bring it back within the test.
        w.rt = new w.RealtimeSDK.Realtime({ appId, server: wsUrl, reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.999 } });
        w.client = await w.rt.createIMClient('carol');
        w.states = [];
        w.client.on('statechange', (change: any) => w.states.push(`${change.current}:${change.reason}`));
      }, { appId: second.appId, wsUrl: second.wsUrl });
      await second.close();
      await page.waitForFunction(() => (window as any).client.connection.state === 'reconnecting');
      restarted = await startServer({ port, host: '127.0.0.1', dataDir: ':memory:' });
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForFunction(() => (window as any).client.connection.state === 'connected', undefined, { timeout: 5000 });
      const states: string[] = await page.evaluate(() => (window as any).states);
      expect(states).toContain('connecting:retry-now');
    } finally {
      await page.close();
      await restarted?.close();
      await second.close();
    }
  });

  it('drops the socket on the offline signal and is back on online, delivering what was sent meanwhile', async () => {
    const page = await openChatPage('erin');
    const bot = await new NodeRealtime({ appId: server.appId, server: server.wsUrl }).createIMClient('frank');
    try {
      const inbox: string[] = [];
      bot.on('message', (message) => inbox.push((message as InstanceType<typeof NodeTextMessage>).text!));
      await page.evaluate(async () => {
        const w = window as any;
        w.conversation = await w.client.createConversation({ members: ['frank'] });
        w.events = [];
        for (const name of ['disconnect', 'reconnect']) w.client.on(name, () => w.events.push(name));
        window.dispatchEvent(new Event('offline'));
        w.stateAfterOffline = w.client.connection.state;
        w.pending = w.conversation.send(new w.RealtimeSDK.TextMessage('sent while offline'));
        w.queued = w.client.connection.queuedCount;
        window.dispatchEvent(new Event('online'));
        await w.pending;
      });
      const state = await page.evaluate(() => {
        const w = window as any;
        return { stateAfterOffline: w.stateAfterOffline, queued: w.queued, events: w.events };
      });
      expect(state).toEqual({ stateAfterOffline: 'reconnecting', queued: 1, events: ['disconnect', 'reconnect'] });
      await eventuallyTrue(() => inbox.includes('sent while offline'));
    } finally {
      await bot.close();
      await page.close();
    }
  });
});

async function eventuallyTrue(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
