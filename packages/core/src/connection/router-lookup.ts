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
 * Asks the router which WebSocket URL to use and caches the answer for its `ttl`, so reconnects do
 * not cost a router request each (2.x asked every time, protocol §1.2).
 */
export class RouterLookup {
  #cached: { answer: RouterAnswer; expiresAt: number } | undefined;

  constructor(
    private readonly routerUrl: string,
    private readonly appId: string,
    private readonly fetchFn: FetchLike,
  ) {}

  async server(): Promise<string> {
    if (this.#cached && Date.now() < this.#cached.expiresAt) return this.#cached.answer.server;
    const url = new URL(this.routerUrl);
    url.searchParams.set('_t', String(Date.now()));
    url.searchParams.set('appId', this.appId);
    if (url.protocol === 'https:') url.searchParams.set('secure', '1');
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await this.fetchFn(url.toString());
    } catch (cause) {
      throw new RealtimeError('ROUTER_FAILED', `Router ${this.routerUrl} unreachable; retrying`, { cause, retryable: true });
    }
    const body = (await response.json().catch(() => undefined)) as Partial<RouterAnswer> & { code?: number; error?: string } | undefined;
    if (!response.ok || !body || typeof body.server !== 'string') {
      // 4xx means the router refused this app: retrying will not help. 5xx may pass.
      const retryable = response.status >= 500 || response.ok;
      throw new RealtimeError(
        response.status === 404 || response.status === 403 ? 'APP_NOT_AVAILABLE' : 'ROUTER_FAILED',
        `Router answered ${response.status}${body?.error ? `: ${body.error}` : ''}; check appId and the router URL`,
        { retryable, frame: body },
      );
    }
    const ttlSeconds = typeof body.ttl === 'number' && body.ttl > 0 ? body.ttl : 0;
    this.#cached = { answer: body as RouterAnswer, expiresAt: Date.now() + ttlSeconds * 1000 };
    return body.server;
  }

  /** Forgets the cached answer (the server it named did not answer). */
  invalidate(): void {
    this.#cached = undefined;
  }
}
