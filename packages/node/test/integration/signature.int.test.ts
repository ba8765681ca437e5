import { createHmac, randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '@realtime/server';
import { Realtime, TextMessage, type ConversationSignatureFactory, type SessionSignatureFactory } from '@realtime/node';
import { nextEvent } from '../helpers/events';

let server: RunningServer;
let realtime: Realtime;

beforeEach(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:', requireSignature: true });
  realtime = new Realtime({ appId: server.appId, router: server.routerUrl, reconnect: { baseDelayMs: 50, maxDelayMs: 200 } });
});

afterEach(async () => {
  await realtime.close();
  await server.close();
});

// What an app's signing server does (protocol §3): HMAC-SHA1 with the master key, lowercase hex.
function sign(parts: Array<string | number>, key = server.masterKey) {
  return createHmac('sha1', key).update(parts.join(':')).digest('hex');
}
const login = (key?: string): SessionSignatureFactory => (clientId) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = randomBytes(6).toString('hex');
  return { signature: sign([server.appId, clientId, '', timestamp, nonce], key), timestamp, nonce };
};
const conversationSigner: ConversationSignatureFactory = (conversationId, clientId, memberIds, action) => {
  const timestamp = Date.now();
  const nonce = randomBytes(6).toString('hex');
  const members = memberIds.join(':');
  const parts = conversationId === null
    ? [server.appId, clientId, members, timestamp, nonce]
    : [server.appId, clientId, conversationId, members, timestamp, nonce, action];
  return { signature: sign(parts), timestamp, nonce };
};

describe('signatures', () => {
  it('logs in and manages conversations with valid signatures, asked again on reconnect', async () => {
    const loginSigner = jest.fn(login());
    const alice = await realtime.createIMClient('alice', { signatureFactory: loginSigner, conversationSignatureFactory: conversationSigner });
    const bob = await realtime.createIMClient('bob', { signatureFactory: login(), conversationSignatureFactory: conversationSigner });
    const conversation = await alice.createConversation({ members: ['bob'] });
    await conversation.add(['carol']);
    await conversation.remove(['carol']);
    const received = nextEvent(bob, 'message');
    await conversation.send(new TextMessage('signed'));
    await received;
    expect(loginSigner).toHaveBeenCalledTimes(1);

    const { port } = server;
    const back = nextEvent(alice, 'reconnect', () => true, 10_000);
    await server.close();
    server = await startServer({ port, host: '127.0.0.1', dataDir: ':memory:', requireSignature: true });
    await back;
    expect(loginSigner).toHaveBeenCalledTimes(2);
  });

  it('rejects createIMClient with SIGNATURE_FAILED when the server refuses the login signature, without retrying', async () => {
    const loginSigner = jest.fn(login('not-the-master-key'));
    const error = await realtime.createIMClient('mallory', { signatureFactory: loginSigner }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SIGNATURE_FAILED', wireCode: 4102, retryable: false });
    expect(loginSigner).toHaveBeenCalledTimes(1);
  });

  it('rejects an unsigned conversation operation with CONVERSATION_SIGNATURE_FAILED', async () => {
    const alice = await realtime.createIMClient('alice', { signatureFactory: login() });
    await expect(alice.createConversation({ members: ['bob'] })).rejects.toMatchObject({ code: 'CONVERSATION_SIGNATURE_FAILED', wireCode: 4302 });
  });
});
