import { Realtime, TextMessage } from '@realtime/node';
import { pageErrors } from '../../../scripts/test-support/chromium';
import { useChromiumAndServer } from './helpers/chromium-and-server';

jest.setTimeout(90_000);

describe('the chat web app, served by the built CLI as `npm start` runs it', () => {
  const fixture = useChromiumAndServer();
  const { contexts, newChat, newContext } = fixture;

  it('lets two people in two browser contexts chat, with delivery receipts and presence', async () => {
    const alice = await newChat();
    const bob = await newChat();
    await alice.signIn('alice');
    await bob.signIn('bob');

    await alice.createConversation('lunch', ['bob']);
    await alice.sendText('hello bob');
    await alice.expectStatus('hello bob', 'sent');

    expect(await bob.unreadCount('lunch')).toBe(1);
    await bob.openConversation('lunch');
    await bob.expectMessage('hello bob');
    // Bob's client acknowledged the message, so alice sees it delivered.
    await alice.expectStatus('hello bob', 'delivered');

    await bob.sendText('hi alice!');
    await alice.expectMessage('hi alice!');
    await alice.expectOnline('bob', true);
    await bob.expectOnline('alice', true);

    // A third person joins by the id shown under the title; the others see a new member.
    const id = await alice.openConversationId();
    const carol = await newChat();
    await carol.signIn('carol');
    await carol.joinConversation(id);
    await carol.expectMessage('hi alice!');
    await alice.expectOnline('carol', true);
    await carol.sendText('room for one more?');
    await bob.expectMessage('room for one more?');

    await carol.page.getByRole('button', { name: 'Leave conversation' }).click();
    await carol.page.locator('.conversation-title', { hasText: 'No conversation open' }).waitFor();
    expect(await carol.page.locator('.conversation', { hasText: 'lunch' }).count()).toBe(0);
    await alice.page.locator('.member-list li[data-id="carol"]').waitFor({ state: 'detached' });
    expect(await alice.page.locator('.message[data-from="bob"] .message-from').innerText()).toBe('bob');
    expect(pageErrors(alice.page)).toEqual([]);
    expect(pageErrors(bob.page)).toEqual([]);
  });

  it('shows a message sent while the tab was closed once the tab is open again', async () => {
    const alice = await newChat();
    let bob = await newChat();
    await alice.signIn('alice2');
    await bob.signIn('bob2');
    await alice.createConversation('while away', ['bob2']);
    await alice.sendText('first');
    await bob.openConversation('while away');
    await bob.expectMessage('first');

    await bob.page.close();
    await alice.expectOnline('bob2', false);
    await alice.sendText('sent while you were away');
    await alice.expectStatus('sent while you were away', 'sent');

    // A new tab in the same browser: the id is pre-filled from last time.
    bob = await newChat(contexts[1]);
    expect(await bob.page.getByLabel('Client id').inputValue()).toBe('bob2');
    await bob.page.getByRole('button', { name: 'Connect' }).click();
    await bob.waitForConnection('connected');
    expect(await bob.unreadCount('while away')).toBe(1);
    expect(await bob.page.title()).toBe('(1) realtime chat');
    await bob.openConversation('while away');
    await bob.expectMessage('sent while you were away');
    expect(await bob.page.title()).toBe('realtime chat');
    expect(await bob.messageTexts()).toEqual(['first', 'sent while you were away']);
    await alice.expectStatus('sent while you were away', 'delivered');
  });

  it('shows history after a reload and loads older pages on demand', async () => {
    // Thirty messages from another client, so there is more history than one page (20).
    const realtime = new Realtime({ appId: 'realtime-dev-app', router: `${fixture.server.origin}/v1/route` });
    const carol = await realtime.createIMClient('carol');
    const conversation = await carol.createConversation({ name: 'archive', members: ['dave'] });
    for (let n = 1; n <= 30; n++) await conversation.send(new TextMessage(`note ${n}`));
    await realtime.close();

    const dave = await newChat();
    await dave.signIn('dave');
    await dave.openConversation('archive');
    await dave.expectMessage('note 30');
    const firstPage = await dave.messageTexts();
    expect(firstPage).toEqual(Array.from({ length: 20 }, (_, i) => `note ${i + 11}`));

    await dave.sendText('my reply');
    await dave.expectStatus('my reply', 'sent');

    await dave.page.reload();
    // Signed straight back in (same tab), the conversation in the URL reopened.
    await dave.waitForConnection('connected');
    await dave.expectMessage('my reply');
    expect((await dave.messageTexts()).slice(-2)).toEqual(['note 30', 'my reply']);

    await dave.page.getByRole('button', { name: 'Load earlier messages' }).click();
    await dave.expectMessage('note 2');
    const all = await dave.messageTexts();
    expect(all).toEqual([...Array.from({ length: 30 }, (_, i) => `note ${i + 1}`), 'my reply']);
    await expect(dave.page.getByRole('button', { name: 'Load earlier messages' }).isVisible()).resolves.toBe(false);
  });

  it('sends an image and a location that the other side renders', async () => {
    const erin = await newChat();
    const frank = await newChat(await newContext({ geolocation: { latitude: 31.2304, longitude: 121.4737 }, permissions: ['geolocation'] }));
    await erin.signIn('erin');
    await frank.signIn('frank');
    await erin.createConversation('media', ['frank']);
    await frank.openConversation('media');

    const svg = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#2f6df6"/></svg>')}`;
    await erin.page.getByRole('button', { name: 'Image' }).click();
    await erin.page.getByLabel('Image link').fill(svg);
    await erin.page.getByRole('button', { name: 'Send image' }).click();
    const image = frank.page.locator('.message[data-kind="image"] img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toBe(svg);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);

    // A picked file travels as a small inline JPEG (the server stores messages, not files).
    const png = await erin.page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 800;
      canvas.height = 600;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#e4572e';
      context.fillRect(0, 0, 800, 600);
      context.fillStyle = '#ffffff';
      context.fillRect(200, 150, 400, 300);
      return canvas.toDataURL('image/png').split(',')[1];
    });
    await erin.page.getByRole('button', { name: 'Image' }).click();
    await erin.page.getByLabel('Image file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await erin.page.getByRole('button', { name: 'Send image' }).click();
    const thumbnail = frank.page.locator('.message[data-kind="image"] img').nth(1);
    await thumbnail.waitFor();
    const src = (await thumbnail.getAttribute('src')) ?? '';
    expect(src).toMatch(/^data:image\/jpeg;base64,/);
    expect(src.length).toBeLessThanOrEqual(4000);
    // Scaled to fit 240 px on its longer side, keeping the aspect ratio.
    expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([240, 180]);

    await frank.page.getByRole('button', { name: 'Location' }).click();
    const location = erin.page.locator('.message[data-kind="location"] a.location');
    await location.waitFor();
    expect(await location.innerText()).toContain('31.23040, 121.47370');
    expect(await location.getAttribute('href')).toContain('mlat=31.2304');
  });

  it('says "Reconnecting…" while the server is down, queues what is sent, and recovers when it returns', async () => {
    const gina = await newChat();
    const hank = await newChat();
    await gina.signIn('gina');
    await hank.signIn('hank');
    await gina.createConversation('outage', ['hank']);
    await hank.openConversation('outage');

    await fixture.server.stop();
    await gina.waitForConnection('reconnecting');
    const banner = gina.page.locator('.connection-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/^Reconnecting…/);

    await gina.sendText('typed during the outage');
    await gina.page.locator('.message', { hasText: 'typed during the outage' }).locator('.status[data-status="sending"]').waitFor();

    await fixture.server.restart();
    await gina.waitForConnection('connected', 45_000);
    await hank.waitForConnection('connected', 45_000);
    expect(await banner.isVisible()).toBe(false);
    await gina.expectStatus('typed during the outage', 'sent');
    await hank.expectMessage('typed during the outage', 20_000);
  });
});
