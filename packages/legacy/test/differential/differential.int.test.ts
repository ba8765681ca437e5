// The differential suite: each scenario runs through the official leancloud-realtime@2.4.0
// client and through ours, each against its own fresh server, and what the app code saw must
// be the same field by field (ids and times replaced by numbered placeholders).
import { official, ours } from '../helpers/implementations';
import { startTestServer } from '../helpers/legacy-test-server';
import { normalize } from '../helpers/observe';
import { scenarios } from './scenarios';

jest.setTimeout(30000);

describe('differential: official 2.4.0 vs ours against our server', () => {
  const officialImpl = official();
  const ourImpl = ours();
  afterEach(() => {
    officialImpl.disposeAll();
    ourImpl.disposeAll();
  });

  it.each(Object.keys(scenarios))('%s', async (name) => {
    const run = async (impl: typeof officialImpl) => {
      const options = name.includes('signature') ? { requireSignature: true } : {};
      let server = await startTestServer(options);
      const control = {
        async restart(downMs: number) {
          const { port } = server;
          await server.close();
          await new Promise((resolve) => setTimeout(resolve, downMs));
          server = await startTestServer({ ...options, port });
        },
      };
      try {
        return normalize(await scenarios[name](impl, server, control));
      } finally {
        impl.disposeAll();
        await server.close();
      }
    };
    const theirs = await run(officialImpl);
    const mine = await run(ourImpl);
    // Something was observed (a scenario that saw nothing would compare equal trivially).
    expect(countLeaves(theirs)).toBeGreaterThan(0);
    expect(mine).toEqual(theirs);
  });
});

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countLeaves(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + countLeaves(item), 0);
  return value === undefined ? 0 : 1;
}
