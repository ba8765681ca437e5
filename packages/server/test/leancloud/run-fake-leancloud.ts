/**
 * Runs the fake LeanCloud on its own, so the fetch command can be tried (and timed) exactly as
 * docs/migration.md tells users to run it against the real API:
 *
 *   npx esbuild --bundle --platform=node --outfile=/tmp/fake-leancloud.js \
 *     packages/server/test/leancloud/run-fake-leancloud.ts
 *   node /tmp/fake-leancloud.js --conversations 200 --messages 2000 --latency-ms 50
 *
 * Prints the API URL, app id and master key as shell exports, then serves until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { servingFixture, startFakeLeanCloud } from './fake-leancloud-server';
import { makeFixture } from './fixtures/make-fixtures';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '50' },
      messages: { type: 'string', default: '200' },
      'latency-ms': { type: 'string', default: '0' },
      'rate-limit-rate': { type: 'string', default: '0' },
      'server-error-rate': { type: 'string', default: '0' },
      seed: { type: 'string', default: '7' },
    },
  });
  const fixture = makeFixture({
    seed: Number(values.seed),
    bulkConversations: Number(values.conversations),
    // The generator draws 0…max per conversation; twice the mean gives the requested mean.
    maxMessagesPerConversation: Number(values.messages) * 2,
  });
  const fake = await startFakeLeanCloud({
    ...servingFixture(fixture),
    latencyMs: Number(values['latency-ms']),
    faults: { rateLimitRate: Number(values['rate-limit-rate']), serverErrorRate: Number(values['server-error-rate']) },
  });
  const total = [...fixture.history.values()].reduce((n, list) => n + list.length, 0);
  process.stdout.write(
    `# fake LeanCloud: ${fixture.conversations.length} conversations, ${total} history records\n` +
      `export LC_API=${fake.url}\nexport LC_APP_ID=${fixture.appId}\nexport LC_MASTER_KEY=${fixture.masterKey}\n`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
