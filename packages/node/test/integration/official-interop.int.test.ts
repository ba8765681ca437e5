import { startServer, type RunningServer } from '@realtime/server';
import { AudioMessage, FileMessage, ImageMessage, LocationMessage, Realtime, TextMessage, VideoMessage, type Message } from '@realtime/node';
// The server's promise-shaped driver for the unmodified leancloud-realtime 2.4.0 client (read-only reuse).
import { OfficialClient } from '../../../server/test/official/helpers/official-client';
import { eventually } from '../helpers/events';

let server: RunningServer;
let realtime: Realtime;

beforeEach(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:' });
  realtime = new Realtime({ appId: server.appId, router: server.routerUrl });
});

afterEach(async () => {
  OfficialClient.disposeAll();
  await realtime.close();
  await server.close();
});

describe('rich media interoperates with the official 2.4.0 client', () => {
  it('2.4.0 decodes what we send (protocol §5)', async () => {
    const alice = await realtime.createIMClient('alice');
    const official = await OfficialClient.open({ routerUrl: server.routerUrl, appId: server.appId, clientId: 'old-bob' });
    const conversation = await alice.createConversation({ members: ['old-bob'] });
    const room = (await official.room(conversation.id))!;

    await conversation.send(new TextMessage('hi').setAttributes({ mood: 'happy' }));
    await conversation.send(new ImageMessage({ url: 'https://cdn.test/a.png', objId: 'f1', metaData: { name: 'a.png', format: 'png', width: 4, height: 3, size: 99 } }, 'look'));
    await conversation.send(new AudioMessage({ url: 'https://cdn.test/a.mp3', metaData: { format: 'mp3', duration: 2.5, size: 10 } }));
    await conversation.send(new VideoMessage({ url: 'https://cdn.test/a.mp4', metaData: { format: 'mp4', duration: 9, size: 20 } }));
    await conversation.send(new LocationMessage({ latitude: 31.2, longitude: 121.5 }, 'here'));
    await conversation.send(new FileMessage({ url: 'https://cdn.test/a.pdf', name: 'a.pdf', size: 1234 }));
    await conversation.send('plain text');

    const received = (await room.waitForMessages(7)).map((frame) => frame.msg);
    expect(received[0]).toEqual({ type: 'text', text: 'hi', attr: { mood: 'happy' } });
    expect(received[1]).toMatchObject({ type: 'image', text: 'look', url: 'https://cdn.test/a.png', metaData: { width: 4, height: 3, format: 'png' } });
    expect(received[2]).toMatchObject({ type: 'audio', url: 'https://cdn.test/a.mp3', metaData: { duration: 2.5 } });
    expect(received[3]).toMatchObject({ type: 'video', url: 'https://cdn.test/a.mp4', metaData: { duration: 9 } });
    expect(received[4]).toMatchObject({ type: 'location', text: 'here', location: { latitude: 31.2, longitude: 121.5 } });
    expect(received[5]).toMatchObject({ type: 'file', url: 'https://cdn.test/a.pdf', metaData: { name: 'a.pdf', size: 1234 } });
    expect(received[6]).toBe('plain text');
  });

  it('we decode what 2.4.0 sends', async () => {
    const alice = await realtime.createIMClient('alice');
    const inbox: Message[] = [];
    alice.on('message', (message) => inbox.push(message));
    const official = await OfficialClient.open({ routerUrl: server.routerUrl, appId: server.appId, clientId: 'old-bob' });
    const room = await official.conv({ members: ['alice'] });

    await room.send({ text: 'hello', attr: { a: 1 } }, { type: 'text' });
    await room.send({ text: 'pic', url: 'https://cdn.test/b.png', metaData: { name: 'b.png', format: 'png', height: 2, width: 1, size: 5 } }, { type: 'image' });
    await room.send({ metaData: { longitude: 2, latitude: 1 } }, { type: 'location' });
    await room.send({ metaData: { name: 'c.zip', size: 77 } }, { type: 'file' });
    await room.send('just a string');
    await room.send({ custom: true });

    await eventually(() => inbox.length === 6, 5000, 'six messages');
    const [text, image, location, file, plain, object] = inbox;
    expect(text).toBeInstanceOf(TextMessage);
    expect(text).toMatchObject({ text: 'hello', attributes: { a: 1 }, from: 'old-bob' });
    expect(image).toBeInstanceOf(ImageMessage);
    expect((image as ImageMessage).file).toMatchObject({ url: 'https://cdn.test/b.png', metaData: { width: 1, height: 2 } });
    expect((location as LocationMessage).location).toEqual({ latitude: 1, longitude: 2 });
    // 2.x file messages carry only name and size (protocol §5.1 quirk).
    expect(file).toBeInstanceOf(FileMessage);
    expect((file as FileMessage).file).toMatchObject({ name: 'c.zip', size: 77 });
    expect(plain.content).toBe('just a string');
    expect(object.content).toEqual({ custom: true });
  });
});
