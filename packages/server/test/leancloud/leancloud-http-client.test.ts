import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LeanCloudHttpClient } from '../../src/leancloud/leancloud-http-client';

type Scripted = { status: number; body?: string; headers?: Record<string, string> };

/** An HTTP server on port 0 that answers with the scripted replies in order (the last one repeats). */
async function scriptedServer(replies: Scripted[]) {
  const seen: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
    response.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
    response.end(reply.body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const client = (api: string, overrides = {}) =>
  new LeanCloudHttpClient({ api, appId: 'app', masterKey: 'mk', retries: 3, minRetryDelayMs: 1, maxRetryDelayMs: 5, rateLimitWaitMs: 60_000, ...overrides });

describe('LeanCloudHttpClient', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the master-key headers and percent-encodes query values', async () => {
    server = await scriptedServer([{ status: 200, body: '[1]' }]);
    await expect(client(server.url).getJson('/1.2/rtm/conversations/c/messages', { msgid: 'a+b_c', reversed: true, skipped: undefined })).resolves.toEqual([1]);
    expect(server.seen[0].url).toBe('/1.2/rtm/conversations/c/messages?msgid=a%2Bb_c&reversed=true');
    expect(server.seen[0].headers).toMatchObject({ 'x-lc-id': 'app', 'x-lc-key': 'mk,master' });
  });

  it('waits out a 429 for its Retry-After rather than the one-minute default', async () => {
    server = await scriptedServer([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 200, body: '"ok"' }]);
    const startedAt = Date.now();
    await expect(client(server.url).getJson('/x')).resolves.toBe('ok');
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('waits rateLimitWaitMs after a 429 without Retry-After', async () => {
    server = await scriptedServer([{ status: 429 }, { status: 200, body: '"ok"' }]);
    const startedAt = Date.now();
    await client(server.url, { rateLimitWaitMs: 300 }).getJson('/x');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  });

  it('retries 5xx and broken bodies a bounded number of times, then says how to resume', async () => {
    server = await scriptedServer([{ status: 502 }, { status: 200, body: '{"trunc' }, { status: 200, body: '{"fine":true}' }]);
    const c = client(server.url);
    await expect(c.getJson('/x')).resolves.toEqual({ fine: true });
    expect(c.retryCount).toBe(2);

    await server.close();
    server = await scriptedServer([{ status: 503 }]);
    await expect(client(server.url).getJson('/x')).rejects.toMatchObject({ code: 'LEANCLOUD_RETRIES_EXHAUSTED', status: 503, message: expect.stringContaining('Re-run') });
    expect(server.seen).toHaveLength(4);
  });

  it('does not retry other client errors, and keeps their status', async () => {
    server = await scriptedServer([{ status: 404, body: '{"code":101,"error":"Class or object doesn\'t exists."}' }]);
    await expect(client(server.url).getJson('/x')).rejects.toMatchObject({ code: 'LEANCLOUD_HTTP_ERROR', status: 404 });
    expect(server.seen).toHaveLength(1);
  });

  it('rejects a malformed --api with a usage error', () => {
    expect(() => client('not a url')).toThrow(expect.objectContaining({ code: 'LEANCLOUD_USAGE' }));
  });
});
