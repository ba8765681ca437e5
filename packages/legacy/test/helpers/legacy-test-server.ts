import { startServer, type RunningServer, type ServerOptions } from '@realtime/server';

export type { RunningServer };

/** The real server on port 0 (never a fixed port), in memory unless told otherwise. */
export function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:', ...options });
}

/** 2.4.0 and our `router` option want the router's `/v1/route` path. */
export function routerPath(routerUrl: string): string {
  const url = new URL(routerUrl);
  if (!url.pathname.endsWith('/v1/route')) url.pathname = url.pathname.replace(/\/$/, '') + '/v1/route';
  url.search = '';
  return url.toString();
}
