// The README's "SDK in one page" runs as written, against the real server, so it cannot drift
// from the API. Its `ts` blocks are joined in order into one async function; only the import
// line, the router address and the app's signer are supplied by the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac, randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '@realtime/server';
import * as sdk from '@realtime/node';

const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');

function sdkSnippets(): string[] {
  const section = readme.split('## The SDK in one page')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', requireSignature: false });
});

afterAll(async () => {
  await server.close();
});

it('has the SDK examples the README promises', () => {
  expect(sdkSnippets().length).toBeGreaterThanOrEqual(6);
});

it('runs every SDK example of the README against the real server', async () => {
  const body = sdkSnippets()
    .join('\n')
    .replace(/^import \{([^}]*)\} from '@realtime\/node';$/m, 'const {$1} = sdk;')
    .replaceAll('http://127.0.0.1:3000/v1/route', server.routerUrl)
    .replaceAll("'realtime-dev-app'", JSON.stringify(server.appId));
  expect(body).not.toMatch(/^import /m);

  const logged: unknown[][] = [];
  const console = { log: (...args: unknown[]) => logged.push(args) };
  const mySigner = (clientId: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomUUID();
    const signature = createHmac('sha1', server.masterKey).update(`${server.appId}:${clientId}::${timestamp}:${nonce}`).digest('hex');
    return { signature, timestamp, nonce };
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
  const run = new AsyncFunction('sdk', 'console', 'mySigner', `${body}\nreturn { tom, conversation, sent, latest, online };`);

  const { tom, conversation, sent, latest, online } = await run(sdk, console, mySigner);

  expect(tom.id).toBe('Tom');
  expect(conversation.name).toBe('Tom and Jerry');
  expect(typeof sent.id).toBe('string');
  expect(sent.timestamp.getTime()).toBeGreaterThan(0);
  expect(latest.length).toBeGreaterThanOrEqual(1);
  expect(online).toEqual([]);
  // count() ran after Spike was added and removed: Tom and Jerry.
  expect(logged).toContainEqual([2]);
  await tom.close().catch(() => undefined);
});
