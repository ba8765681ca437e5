#!/usr/bin/env node
// Takes docs/chat.png: the built CLI (as `npm start` runs it, on a free port and a temporary
// data directory) and two or three people chatting in headless Chromium.
//   npm run build && npm run screenshot -w @realtime/example-chat [-- <output.png>]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const output = resolve(process.argv[2] ?? join(repoRoot, 'docs/chat.png'));
const dataDir = mkdtempSync(join(tmpdir(), 'realtime-screenshot-'));

const server = spawn(
  process.execPath,
  [join(repoRoot, 'packages/server/dist/cli.js'), '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--static', join(repoRoot, 'examples/chat/dist')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const origin = await new Promise((resolveOrigin, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match) resolveOrigin(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// A small picture drawn inline, so the screenshot needs no network.
const picture = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="220" height="130" viewBox="0 0 220 130">' +
    '<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5ff"/><stop offset="1" stop-color="#e0f0ff"/></linearGradient></defs>' +
    '<rect width="220" height="130" fill="url(#s)"/><circle cx="170" cy="32" r="14" fill="#ffd45c"/>' +
    '<path d="M0 130 L60 55 L100 100 L140 45 L220 130 Z" fill="#4f7d5c"/><path d="M120 70 L140 45 L160 70 Z" fill="#fff"/>' +
    '<path d="M0 130 L40 95 L80 130 Z" fill="#3b6148"/></svg>',
)}`;

async function person(clientId, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByLabel('Client id').fill(clientId);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.locator('.connection[data-state="connected"]').waitFor();
  return page;
}

async function say(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.message', { hasText: text }).waitFor();
}

try {
  const alice = await person('alice');
  const bob = await person('bob', { geolocation: { latitude: 30.2741, longitude: 120.1551 }, permissions: ['geolocation'] });
  await person('carol');

  await alice.getByLabel('Conversation name').fill('Team standup');
  await alice.getByLabel('Members (comma separated)').fill('bob, dave');
  await alice.getByRole('button', { name: 'Create' }).click();
  await alice.locator('.conversation-title', { hasText: 'Team standup' }).waitFor();

  await alice.getByLabel('Conversation name').fill('Weekend trip');
  await alice.getByLabel('Members (comma separated)').fill('bob, carol, dave');
  await alice.getByRole('button', { name: 'Create' }).click();
  await alice.locator('.conversation-title', { hasText: 'Weekend trip' }).waitFor();
  await bob.locator('.conversation', { hasText: 'Weekend trip' }).click();
  await bob.locator('.conversation-title', { hasText: 'Weekend trip' }).waitFor();

  await say(alice, 'Who is in for the hike on Saturday?');
  await say(bob, 'Me! Found this view from the ridge last time:');
  await bob.getByRole('button', { name: 'Image' }).click();
  await bob.getByLabel('Image link').fill(picture);
  await bob.getByRole('button', { name: 'Send image' }).click();
  await alice.locator('.message[data-kind="image"] img').waitFor();
  await say(alice, 'Beautiful. Where do we meet?');
  await bob.getByRole('button', { name: 'Location' }).click();
  await alice.locator('.message[data-kind="location"]').waitFor();
  await say(alice, 'Perfect, see you at 8.');
  await alice.locator('.message.mine .status[data-status="delivered"]').last().waitFor();
  await alice.locator('.member-list li[data-id="bob"][data-online="true"]').waitFor({ timeout: 15_000 });
  await alice.locator('.member-list li[data-id="carol"][data-online="true"]').waitFor({ timeout: 15_000 });
  // Let the last images decode and layout settle before the picture is taken.
  await alice.waitForTimeout(300);
  await alice.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
