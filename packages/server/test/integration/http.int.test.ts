import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { TestServer } from '../helpers/test-server';

/** A GET whose path is sent as-is (fetch would normalise `..`). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

describe('HTTP: router, health, static files', () => {
  let t: TestServer;
  let staticDir: string;
  beforeAll(() => {
    staticDir = mkdtempSync(join(tmpdir(), 'realtime-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<h1>chat</h1>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
  beforeEach(async () => {
    t = await TestServer.start({ staticDir });
  });
  afterEach(() => t.stop());

  it('routes a known app to this server’s WebSocket URL with a positive ttl and CORS', async () => {
    const response = await fetch(`${t.server.routerUrl}?_t=${Date.now()}&appId=${t.server.appId}&secure=1`, { headers: { origin: 'http://example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toMatchObject({ server: t.server.wsUrl, ttl: expect.any(Number), groupId: 'g0' });
    expect(body.ttl).toBeGreaterThan(0);
    const behindTls = await rawGet(t.server.httpUrl, `/v1/route?appId=${t.server.appId}&secure=1`, { 'x-forwarded-proto': 'https', host: 'chat.example.com' });
    expect(JSON.parse(behindTls.body).server).toBe('wss://chat.example.com/');
    const forwarded = await rawGet(t.server.httpUrl, `/v1/route?appId=${t.server.appId}`, { 'x-forwarded-host': 'rt.example.com:8443, inner' });
    expect(JSON.parse(forwarded.body).server).toBe('ws://rt.example.com:8443/');
  });

  it('answers an unknown or missing appId with a JSON error and a 4xx', async () => {
    const unknown = await fetch(`${t.server.routerUrl}?appId=someone-else`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
    expect(await unknown.json()).toMatchObject({ code: 404, error: expect.stringContaining('someone-else') });
    const missing = await fetch(t.server.routerUrl);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: expect.any(String) });
    const preflight = await fetch(t.server.routerUrl, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers /health', async () => {
    const response = await fetch(`${t.server.httpUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the static directory, index.html for /, and nothing outside it', async () => {
    const index = await fetch(`${t.server.httpUrl}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toBe('<h1>chat</h1>');
    const script = await fetch(`${t.server.httpUrl}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${t.server.httpUrl}/missing.txt`)).status).toBe(404);
    const escape = await rawGet(t.server.httpUrl, '/../../../../etc/passwd');
    expect([403, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('root:');
    const encoded = await rawGet(t.server.httpUrl, '/%2e%2e/%2e%2e/etc/passwd');
    expect([403, 404]).toContain(encoded.status);
    expect(encoded.body).not.toContain('root:');
  });

  it('speaks WebSocket on the same port without selecting a subprotocol', async () => {
    const client = await t.open('alice');
    expect(client.socket.protocol).toBe('');
  });
});
