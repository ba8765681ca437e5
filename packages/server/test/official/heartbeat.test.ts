// The official 2.4.0 client's liveness against the real server. 2.4.0 sends `{}` only a
// fixed time after the last frame it received and nothing after that, so it stays connected
// only if the server answers each `{}` (protocol §1.6). `heartbeatsTime` is a documented
// `realtime.config` key; shortening it (and the server's read timeout) makes that observable.
import { officialRealtime } from './helpers/official-realtime';
import { useTestServer } from './helpers/use-test-server';

const READ_TIMEOUT_MS = 800;
const fixture = useTestServer({ readTimeoutMs: READ_TIMEOUT_MS });
const realtime = officialRealtime();

afterEach(() => {
  // The setting is global to the module: put 2.4.0's default back.
  realtime.config({ heartbeatsTime: 60_000 });
});

describe('official 2.4.0 client: heartbeat', () => {
  it('stays connected well past the read timeout because the server answers every {}', async () => {
    realtime.config({ heartbeatsTime: 200 });
    const alice = await fixture.open('alice');
    const bob = await fixture.open('bob');

    await new Promise((resolve) => setTimeout(resolve, READ_TIMEOUT_MS * 3));

    expect(alice.events.all('close')).toEqual([]);
    expect(alice.events.all('reuse')).toEqual([]);
    await expect(bob.ping('alice')).resolves.toEqual(['alice']);
  });

  it('a client that stays silent past the read timeout is closed with 4107, then reconnects by itself', async () => {
    realtime.config({ heartbeatsTime: 60_000 });
    const alice = await fixture.open('alice');

    const closed = await alice.events.waitFor('close', () => true, READ_TIMEOUT_MS * 5);

    expect(closed.code).toBe(4107);
    await alice.events.waitFor('reuse');
    // 2.4.0 retries 5 s after a drop.
    await alice.events.waitForCount('open', 2, () => true, 10_000);
  }, 20_000);
});
