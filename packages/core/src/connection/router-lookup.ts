import { RealtimeError } from '../errors/realtime-error';

/** What a router answers (protocol §1.2). */
export interface RouterAnswer {
  server: string;
  secondary?: string;
  /** Seconds the answer may be cached. */
  ttl: number;
}

export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Asks the router which WebSocket URL to use. The answer carries `expiresAt` (ms since the epoch) so
 * reconnects can reuse it for its `ttl` and skip a router request (2.x asked every time, protocol §1.2).
 */
export async function askRouter(routerUrl: string, appId: string, fetchFn: FetchLike): Promise<RouterAnswer & { expiresAt: number }> {
  const url = new URL(routerUrl);
  url.searchParams.set('_t', String(Date.now()));
  url.searchParams.set('appId', appId);
  if (url.protocol === 'https:') url.searchParams.set('secure', '1');
  let response;
  try {
    response = await fetchFn(String(url));
  } catch (cause) {
    throw new RealtimeError('ROUTER_FAILED', `Router ${routerUrl} unreachable`, { cause, retryable: true });
  }
  const body = (await response.json().catch(() => undefined)) as RouterAnswer | undefined;
  const { ok, status } = response;
  if (!ok || typeof body?.server !== 'string') {
    // 403/404: the router does not know this app, retrying will not help. 5xx may pass.
    throw new RealtimeError(status === 404 || status === 403 ? 'APP_NOT_AVAILABLE' : 'ROUTER_FAILED', `Router answered ${status}`, {
      retryable: ok || status >= 500,
      frame: body,
    });
  }
  // A missing or malformed ttl gives NaN, which never counts as fresh.
  return { ...body, expiresAt: Date.now() + body.ttl * 1000 };
}
