import { join } from 'node:path';
import { openPage, pageErrors } from '../../../scripts/test-support/chromium';
import { useChromiumAndServer } from '../../chat/test/helpers/chromium-and-server';
import { assertBuilt, chatDist } from '../../chat/test/helpers/cli-server';

jest.setTimeout(60_000);

describe('examples/legacy-page at /legacy/: a 2015 page on AV.realtime.min.js', () => {
  beforeAll(() => {
    assertBuilt(join(chatDist, 'legacy/index.html'), join(chatDist, 'legacy/AV.realtime.min.js'));
  });
  const fixture = useChromiumAndServer();
  const { newChat, newContext } = fixture;

  it('loads the SDK from its script tag and talks to the new chat app through one server', async () => {
    const chat = await newChat();
    await chat.signIn('alice');
    const id = await chat.createConversation('old and new', []);
    await chat.sendText('before you came');

    const page = await openPage(await newContext(), `${fixture.server.origin}/legacy/`);
    // The page's only SDK is the <script> tag: AV.realtime is there before any click.
    expect(await page.evaluate(() => typeof (window as unknown as { AV?: { realtime?: { version?: unknown } } }).AV?.realtime?.version)).toBe('string');

    await page.fill('#client-id', 'oldtimer');
    await page.fill('#conv-id', id);
    await page.click('#connect');
    await page.locator('#status', { hasText: 'connected' }).waitFor();
    await page.locator('#current-conv', { hasText: id }).waitFor();
    // conv.log: the history from the new app, decoded from its rich-media text format.
    await page.locator('#log li', { hasText: 'alice' }).filter({ hasText: 'before you came' }).waitFor();

    await page.fill('#text', 'hello from <b>2015</b>');
    await page.click('#send');
    // The chat shows it as text: markup from a peer is never interpreted.
    await chat.expectMessage('hello from <b>2015</b>');
    expect(await chat.page.locator('.message[data-from="oldtimer"] b').count()).toBe(0);
    await chat.expectOnline('oldtimer', true);

    await chat.sendText('welcome, old page');
    // conv.receive on the old page, with encodeHTML on.
    await page.locator('#log li', { hasText: 'welcome, old page' }).waitFor();
    expect(await page.locator('#log b').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('creates its own conversation when no id is given, and sees its history after a reload', async () => {
    const page = await openPage(await newContext(), `${fixture.server.origin}/legacy/`);
    await page.fill('#client-id', 'solo');
    await page.click('#connect');
    await page.locator('#status', { hasText: 'connected' }).waitFor();
    await page.locator('#current-conv', { hasText: /^[0-9a-f]{24}$/ }).waitFor();
    const id = (await page.locator('#current-conv').innerText()).trim();
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    await page.fill('#text', 'note to self');
    await page.press('#text', 'Enter');
    await page.locator('#log li.message', { hasText: 'note to self' }).waitFor();

    await page.reload();
    await page.fill('#client-id', 'solo');
    await page.fill('#conv-id', id);
    await page.click('#connect');
    await page.locator('#log li.message', { hasText: 'note to self' }).waitFor();
    expect(await page.locator('#log li.system', { hasText: 'history above' }).count()).toBe(1);
  });

  it("fires 'reuse' while the server is away and 'open' again when it is back", async () => {
    const page = await openPage(await newContext(), `${fixture.server.origin}/legacy/`);
    await page.fill('#client-id', 'steady');
    await page.click('#connect');
    await page.locator('#current-conv', { hasText: /^[0-9a-f]{24}$/ }).waitFor();

    await fixture.server.stop();
    await page.locator('#status', { hasText: 'reconnecting…' }).waitFor();
    await fixture.server.restart();
    await page.locator('#status', { hasText: /^connected$/ }).waitFor({ timeout: 45_000 });

    await page.fill('#text', 'after the outage');
    await page.click('#send');
    // The send callback (the server's ack) is what writes the line.
    await page.locator('#log li.message', { hasText: 'after the outage' }).waitFor();
  });
});
