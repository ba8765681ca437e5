import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchChromium, openPage } from '../../../../scripts/test-support/chromium';
import { ChatPage } from './chat-page';
import { startCliServer, type CliServer } from './cli-server';

/**
 * The lifecycle the examples' browser tests share, registered on the calling `describe`: one Chromium
 * for the file, a fresh built-CLI server for each test, and the browser contexts a test opened closed
 * after it.
 */
export function useChromiumAndServer() {
  let browser: Browser | undefined;
  let server: CliServer | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startCliServer();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await server?.dispose();
  });

  const fixture = {
    /** This test's server. */
    get server(): CliServer {
      if (!server) throw new Error('no server: use it inside a test');
      return server;
    },
    /** The contexts this test opened, oldest first. */
    contexts,
    async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
      if (!browser) throw new Error('no browser: use it inside a test');
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    },
    /** The chat app in a context of its own (or in `context`). */
    async newChat(context?: BrowserContext): Promise<ChatPage> {
      return new ChatPage(await openPage(context ?? (await fixture.newContext()), `${fixture.server.origin}/`));
    },
  };
  return fixture;
}
