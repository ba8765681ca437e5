// The official 2.4.0 browser bundle (`dist/AV.realtime.js`, the file apps load with a script
// tag) in real Chromium against the real server, chatting with an official client in Node.
// Two ways of pointing it at a self-hosted router are checked: rewriting the hard-coded router
// URL in XMLHttpRequest before the SDK loads (no SDK internals), and replacing
// `AV.realtime._engine.getServer`. The socket is the browser's own WebSocket.
import type { Page } from 'playwright-core';
import { useTestServer } from './helpers/use-test-server';
import { withBrowserPage } from './helpers/with-browser-page';

const fixture = useTestServer();
const bundlePath = require.resolve('leancloud-realtime/dist/AV.realtime.js');

/**
 * Before the SDK loads: any request to LeanCloud's router host goes to ours instead. This is
 * the snippet of docs/official-client.md, verbatim but for the router URL, as a classic script.
 */
async function rewriteRouterInXhr(page: Page, routerUrl: string): Promise<void> {
  await page.addScriptTag({
    content: `
  (function () {
    var ourRouter = ${JSON.stringify(routerUrl)};
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      arguments[1] = String(url).replace(/^https?:\\/\\/router-[ag]0-push\\.leancloud\\.cn\\/v1\\/route/, ourRouter);
      return open.apply(this, arguments);
    };
  })();`,
  });
  await page.addScriptTag({ path: bundlePath });
}

/** After the SDK loads: replace its router lookup, keeping its own ajax and caching. */
async function replaceGetServer(page: Page, routerUrl: string): Promise<void> {
  await page.addScriptTag({ path: bundlePath });
  await page.evaluate((ourRouter) => {
    const realtime = (window as any).AV.realtime;
    realtime._engine.getServer = (cache: any, options: any, callback: (data: unknown) => void) => {
      let url = `${ourRouter}?_t=${Date.now()}&appId=${encodeURIComponent(options.appId)}`;
      if (options.secure) url += '&secure=1';
      realtime._tool.ajax(url, (_error: unknown, data: any) => {
        if (!data) return cache.ec.emit('error');
        data.expires = Date.now() + data.ttl * 1000;
        cache.server = data;
        callback(data);
      });
    };
  }, routerUrl);
}

/** In the page: open as `web`, start a conversation with `peer`, keep what arrives in it. */
function openAndStart(page: Page, appId: string, peer: string) {
  return page.evaluate(
    ({ appId, peer }) =>
      new Promise<{ opened: any; cid: string; pageOrigin: string }>((resolve, reject) => {
        const w = window as any;
        const rt = w.AV.realtime({ appId, clientId: 'web' }, (opened: unknown) => {
          rt.conv({ name: 'from the browser', members: [peer] }, (conv: any) => {
            w.app = { rt, conv, received: [] as unknown[] };
            conv.receive((frame: unknown) => w.app.received.push(frame));
            resolve({ opened, cid: conv.id, pageOrigin: location.origin });
          });
        });
        rt.on('error', (error: unknown) => reject(new Error(`AV.realtime error: ${JSON.stringify(error)}`)));
      }),
    { appId, peer },
  );
}

async function chatsWithNode(page: Page, pageOrigin: string): Promise<void> {
  const bob = await fixture.open('bob');
  const { opened, cid, pageOrigin: seenOrigin } = await openAndStart(page, fixture.server.appId, 'bob');
  expect(seenOrigin).toBe(pageOrigin);
  expect(new URL(fixture.server.endpoint.routerUrl).origin).not.toBe(pageOrigin);
  expect(opened).toMatchObject({ cmd: 'session', op: 'opened', peerId: 'web' });

  const ack = await page.evaluate(() => new Promise<any>((resolve) => (window as any).app.conv.send('hello from chromium', resolve)));
  expect(ack).toMatchObject({ cmd: 'ack', uid: expect.any(String), t: expect.any(Number) });
  const atBob = await bob.events.waitFor('message', (f) => f.id === ack.uid);
  expect(atBob).toMatchObject({ cid, fromPeerId: 'web', msg: 'hello from chromium' });

  const reply = await (await bob.room(cid))!.send({ text: 'hi, browser', attr: { from: 'node' } }, { type: 'text' });
  await page.waitForFunction(() => (window as any).app.received.length > 0);
  const atWeb = await page.evaluate(() => (window as any).app.received[0]);
  expect(atWeb).toMatchObject({ cid, id: reply.uid, fromPeerId: 'bob', msg: { type: 'text', text: 'hi, browser', attr: { from: 'node' } } });

  const logs = await page.evaluate(() => new Promise<any[]>((resolve) => (window as any).app.conv.log(resolve)));
  expect(logs.map((m) => m.msgId)).toEqual([ack.uid, reply.uid]);

  const closeCode = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const { rt } = (window as any).app;
        rt.on('close', (event: CloseEvent) => resolve(event.code));
        rt.close();
      }),
  );
  expect(typeof closeCode).toBe('number');
}

describe('official 2.4.0 browser bundle in Chromium', () => {
  it('chats with a Node client when its router URL is rewritten in XMLHttpRequest', async () => {
    await withBrowserPage(async (page, pageOrigin) => {
      await rewriteRouterInXhr(page, fixture.server.endpoint.routerUrl);
      await chatsWithNode(page, pageOrigin);
    });
  }, 30_000);

  it('chats with a Node client when AV.realtime._engine.getServer is replaced', async () => {
    await withBrowserPage(async (page, pageOrigin) => {
      await replaceGetServer(page, fixture.server.endpoint.routerUrl);
      await chatsWithNode(page, pageOrigin);
    });
  }, 30_000);
});
