/**
 * A fake LeanCloud API host on port 0, serving a fixture the way the documented REST API
 * would (export doc §1.4, §2): `scan` with cursors, per-conversation and chat-room history
 * with the (timestamp, msgid) bounds, the app-wide history, master-key checks, and, when asked,
 * random 429s and 5xx so the fetcher's retries are exercised.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { ClassRow, LeanCloudFixture, RestRecord } from './fixtures/make-fixtures';
import { SeededRandom } from './fixtures/seeded-random';

export interface FakeLeanCloudFaults {
  /** Share of requests answered 429. */
  rateLimitRate?: number;
  /** Share of requests answered 502/503. */
  serverErrorRate?: number;
  seed?: number;
}

export interface FakeLeanCloudOptions {
  appId: string;
  masterKey: string;
  classes: Record<string, ClassRow[]>;
  /** Per conversation, ascending by (timestamp, msg-id). Read live, so tests can add messages. */
  history: Map<string, RestRecord[]>;
  /** Conversation ids served by `/1.2/rtm/chatrooms/…` instead of `/1.2/rtm/conversations/…`. */
  chatRooms?: ReadonlySet<string>;
  faults?: FakeLeanCloudFaults;
  /** Called for every request before it is answered (tests kill a child from here). */
  onRequest?: (info: { path: string; query: URLSearchParams }) => void;
  /** @default Date.now */
  now?: () => number;
  /** Delay before each answer, like a real round trip. @default 0 */
  latencyMs?: number;
  /** Require the history signature (HMAC-SHA1 of `appid:client_id:convid:nonce:timestamp`). */
  requireHistorySignature?: boolean;
  /** History of these conversations answers 404, as for a conversation deleted meanwhile. Read live. */
  goneConversations?: Set<string>;
}

export interface FakeLeanCloud {
  url: string;
  /** Answered requests by kind. */
  counts: { scan: number; history: number; rateLimited: number; serverErrors: number; unauthorized: number };
  /** Every history query as received (decoded), for assertions on cursors. */
  historyQueries: Array<{ cid: string; query: URLSearchParams }>;
  close(): Promise<void>;
}

/** The options that serve `fixture` as it is: its app, classes, history, and its transient conversations as chat rooms. */
export function servingFixture(fixture: LeanCloudFixture): FakeLeanCloudOptions {
  const { appId, masterKey, classes, history, conversations } = fixture;
  return { appId, masterKey, classes, history, chatRooms: new Set(conversations.filter((c) => c.tr).map((c) => c.objectId)) };
}

const SCAN_CURSOR_TTL_MS = 10 * 60_000;

export async function startFakeLeanCloud(options: FakeLeanCloudOptions): Promise<FakeLeanCloud> {
  const now = options.now ?? Date.now;
  const random = new SeededRandom(options.faults?.seed ?? 1);
  const counts: FakeLeanCloud['counts'] = { scan: 0, history: 0, rateLimited: 0, serverErrors: 0, unauthorized: 0 };
  const historyQueries: FakeLeanCloud['historyQueries'] = [];

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      let payload: Buffer = Buffer.from(JSON.stringify(body));
      const out: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', ...headers };
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        payload = gzipSync(payload);
        out['Content-Encoding'] = 'gzip';
      }
      const send = () => {
        response.writeHead(status, out);
        response.end(payload);
      };
      if (options.latencyMs) setTimeout(send, options.latencyMs);
      else send();
    };
    options.onRequest?.({ path: url.pathname, query: url.searchParams });

    if (request.method !== 'GET') return reply(405, { code: 1, error: 'The fake only serves reads.' });
    if (request.headers['x-lc-id'] !== options.appId || request.headers['x-lc-key'] !== `${options.masterKey},master`) {
      counts.unauthorized += 1;
      return reply(401, { code: 401, error: 'Unauthorized.' });
    }
    const faults = options.faults ?? {};
    if (faults.rateLimitRate && random.next() < faults.rateLimitRate) {
      counts.rateLimited += 1;
      // Half with Retry-After, half without: the client must handle both.
      return reply(429, { code: 429, error: 'Too many requests.' }, random.next() < 0.5 ? { 'Retry-After': '0' } : {});
    }
    if (faults.serverErrorRate && random.next() < faults.serverErrorRate) {
      counts.serverErrors += 1;
      return reply(random.next() < 0.5 ? 502 : 503, { code: 1, error: 'Internal server error.' });
    }

    const scan = /^\/1\.1\/scan\/classes\/([^/]+)$/.exec(url.pathname);
    if (scan) {
      counts.scan += 1;
      return serveScan(decodeURIComponent(scan[1]), url.searchParams);
    }
    const history = /^\/1\.2\/rtm\/(conversations|chatrooms)\/([^/]+)\/messages$/.exec(url.pathname);
    if (history) {
      counts.history += 1;
      const cid = decodeURIComponent(history[2]);
      if (options.goneConversations?.has(cid)) return reply(404, { code: 4401, error: 'Conversation not found.' });
      if (options.requireHistorySignature && !hasValidSignature(cid, url.searchParams)) {
        return reply(403, { code: 4102, error: 'Signature verification failed.' });
      }
      const isChatRoom = options.chatRooms?.has(cid) ?? false;
      if ((history[1] === 'chatrooms') !== isChatRoom) {
        return reply(400, { code: 4316, error: `${cid} is ${isChatRoom ? '' : 'not '}a chat room.` });
      }
      historyQueries.push({ cid, query: url.searchParams });
      return reply(200, selectHistory(options.history.get(cid) ?? [], url.searchParams, now()));
    }
    if (url.pathname === '/1.2/rtm/messages') {
      counts.history += 1;
      const all = [...options.history.values()].flat().sort(compare);
      return reply(200, selectHistory(all, url.searchParams, now()));
    }
    return reply(404, { code: 404, error: 'Not found.' });

    function serveScan(className: string, query: URLSearchParams) {
      const rows = options.classes[className];
      if (!rows) return reply(404, { code: 101, error: "Class or object doesn't exists." });
      const limit = Number(query.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return reply(400, { code: 1, error: 'limit must be 1..1000.' });
      let after = '';
      const cursor = query.get('cursor');
      if (cursor) {
        const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { after: string; expiresAt: number };
        if (decoded.expiresAt < now()) return reply(400, { code: 1, error: 'cursor expired.' });
        after = decoded.after;
      }
      const sorted = [...rows].sort((a, b) => (String(a.objectId) < String(b.objectId) ? -1 : 1));
      const page = sorted.filter((row) => String(row.objectId) > after).slice(0, limit);
      const more = page.length === limit && sorted.some((row) => String(row.objectId) > String(page[page.length - 1].objectId));
      const next = more
        ? Buffer.from(JSON.stringify({ after: String(page[page.length - 1].objectId), expiresAt: now() + SCAN_CURSOR_TTL_MS })).toString('base64url')
        : null;
      return reply(200, { results: page, cursor: next });
    }
  });

  function hasValidSignature(cid: string, query: URLSearchParams): boolean {
    const [clientId, nonce, timestamp, signature] = ['client_id', 'nonce', 'signature_ts', 'signature'].map((k) => query.get(k));
    if (!clientId || !nonce || !timestamp || !signature) return false;
    const expected = createHmac('sha1', options.masterKey).update(`${options.appId}:${clientId}:${cid}:${nonce}:${timestamp}`).digest('hex');
    return signature === expected;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    historyQueries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Bound {
  timestamp: number;
  msgId?: string;
}

/** Position of a record relative to a bound; without a msgid the whole millisecond is the bound. */
function versus(record: RestRecord, bound: Bound): number {
  if (record.timestamp !== bound.timestamp) return record.timestamp < bound.timestamp ? -1 : 1;
  if (bound.msgId === undefined) return 0;
  return record['msg-id'] < bound.msgId ? -1 : record['msg-id'] > bound.msgId ? 1 : 0;
}

function compare(a: RestRecord, b: RestRecord): number {
  return a.timestamp - b.timestamp || (a['msg-id'] < b['msg-id'] ? -1 : a['msg-id'] > b['msg-id'] ? 1 : 0);
}

/**
 * The documented history query (IMREST 309-343): newest first from `timestamp` (default now)
 * down to `till_timestamp` (default 0); `reversed=true` walks oldest first from `timestamp`
 * (default 0) up to `till_timestamp` (default now). Both bounds exclusive unless
 * `include_start` / `include_stop`; a msgid only counts together with its timestamp.
 */
export function selectHistory(ascending: readonly RestRecord[], query: URLSearchParams, nowMs: number): RestRecord[] {
  const reversed = query.get('reversed') === 'true';
  const number = (key: string) => (query.has(key) ? Number(query.get(key)) : undefined);
  const timestamp = number('timestamp');
  const till = number('till_timestamp');
  const start: Bound = { timestamp: timestamp ?? (reversed ? 0 : nowMs), msgId: timestamp === undefined ? undefined : (query.get('msgid') ?? undefined) };
  const stop: Bound = { timestamp: till ?? (reversed ? nowMs : 0), msgId: till === undefined ? undefined : (query.get('till_msgid') ?? undefined) };
  const includeStart = query.get('include_start') === 'true';
  const includeStop = query.get('include_stop') === 'true';
  const limit = Math.min(1000, Math.max(1, number('limit') ?? 100));
  const direction = reversed ? 1 : -1;
  const selected = ascending.filter((record) => {
    const fromStart = versus(record, start) * direction; // > 0: past the start in walk direction
    const toStop = versus(record, stop) * direction; // < 0: before the stop in walk direction
    return (includeStart ? fromStart >= 0 : fromStart > 0) && (includeStop ? toStop <= 0 : toStop < 0);
  });
  const ordered = reversed ? selected : [...selected].reverse();
  return ordered.slice(0, limit);
}
