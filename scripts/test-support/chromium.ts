// Shared by every browser test in the repository (packages and examples).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium with the flags that keep it quiet and sandbox-free in containers. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const errorsByPage = new WeakMap<Page, string[]>();

/**
 * Opens `url` in a new page of `context` and records its uncaught errors, so a test can
 * assert there were none instead of meeting them later as a confusing timeout.
 */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  errorsByPage.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return page;
}

/** Uncaught errors of a page opened with {@link openPage}. */
export function pageErrors(page: Page): string[] {
  return errorsByPage.get(page) ?? [];
}
