import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../../../scripts/test-support/chromium';

const blankApp = '<!doctype html><meta charset="utf-8"><title>app</title>';

/**
 * Runs `use` with a Chromium page at `http://localhost:<port>/`, served by a plain page host
 * of its own, then closes both. The page's origin is thus not the server's
 * (`http://127.0.0.1:<port>`): the router lookup is a real cross-origin request, as it was
 * for apps using LeanCloud. Both are loopback on purpose: Chromium's local network access
 * rules block a page that is not itself on the loopback network from calling it.
 */
export async function withBrowserPage<T>(use: (page: Page, pageOrigin: string) => Promise<T>): Promise<T> {
  const pageHost = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(blankApp);
  });
  await new Promise<void>((resolve) => pageHost.listen(0, '127.0.0.1', resolve));
  const pageOrigin = `http://localhost:${(pageHost.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${pageOrigin}/`);
    return await use(page, pageOrigin);
  } finally {
    await browser.close();
    pageHost.closeAllConnections();
    await new Promise((resolve) => pageHost.close(resolve));
  }
}
