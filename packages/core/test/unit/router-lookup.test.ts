import { Connection } from '@realtime/core';
import { FakeTransport, flushMicrotasks } from '../fakes/fake-transport';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function routerFetch(answers: Array<{ status: number; body: unknown }>) {
  const urls: string[] = [];
  const fetch = jest.fn(async (url: string) => {
    urls.push(url);
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
  });
  return { fetch, urls };
}

describe('router lookup', () => {
  it('asks the router with appId and connects to the server it names', async () => {
    const fake = new FakeTransport();
    const { fetch, urls } = routerFetch([{ status: 200, body: { server: 'ws://rtm.example/', ttl: 3600 } }]);
    const connection = new Connection({ appId: 'app1', clientId: 'a', router: 'http://router.example/v1/route', transport: fake.factory, fetch });
    connection.connect();
    await flushMicrotasks(20);
    expect(new URL(urls[0]).searchParams.get('appId')).toBe('app1');
    expect(fake.last.url).toBe('ws://rtm.example/');
  });

  it('caches the answer for its ttl across reconnects, then asks again', async () => {
    const fake = new FakeTransport();
    const { fetch } = routerFetch([{ status: 200, body: { server: 'ws://rtm.example/', ttl: 10 } }]);
    const connection = new Connection({
      appId: 'app1', clientId: 'a', router: 'http://router.example/v1/route', transport: fake.factory, fetch,
      reconnect: { random: () => 0 },
    });
    connection.connect();
    await flushMicrotasks(20);
    fake.last.open();
    await flushMicrotasks();
    fake.last.acceptSession();
    await flushMicrotasks();
    fake.last.drop({ code: 1000, reason: '' });
    await jest.advanceTimersByTimeAsync(1);
    expect(fake.sockets).toHaveLength(2);
    expect(fetch).toHaveBeenCalledTimes(1);
    jest.setSystemTime(Date.now() + 11_000);
    fake.last.open();
    await flushMicrotasks();
    fake.last.acceptSession();
    await flushMicrotasks();
    fake.last.drop({ code: 1000, reason: '' });
    await jest.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('retries a router 5xx and stops on a 404 (unknown app)', async () => {
    const fake = new FakeTransport();
    const { fetch } = routerFetch([{ status: 503, body: { error: 'busy' } }, { status: 404, body: { code: 1, error: 'no such app' } }]);
    const connection = new Connection({ appId: 'x', clientId: 'a', router: 'http://r/v1/route', transport: fake.factory, fetch, reconnect: { random: () => 0 } });
    const opened = connection.connect();
    await jest.advanceTimersByTimeAsync(10);
    await expect(opened).rejects.toMatchObject({ code: 'APP_NOT_AVAILABLE' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fake.sockets).toHaveLength(0);
  });

  it('stops with a coded CONNECT_FAILED when the router URL cannot be parsed', async () => {
    const fake = new FakeTransport();
    const { fetch } = routerFetch([{ status: 200, body: { server: 'ws://rtm.example/', ttl: 10 } }]);
    const connection = new Connection({ appId: 'x', clientId: 'a', router: 'not a url', transport: fake.factory, fetch });
    await expect(connection.connect()).rejects.toMatchObject({ code: 'CONNECT_FAILED', retryable: false });
    expect(fetch).not.toHaveBeenCalled();
    expect(connection.state).toBe('closed');
  });
});
