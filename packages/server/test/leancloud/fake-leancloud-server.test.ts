import { startFakeLeanCloud, type FakeLeanCloud } from './fake-leancloud-server';
import type { RestRecord } from './fixtures/make-fixtures';

const appId = 'testapp';
const masterKey = 'secret';
const headers = { 'X-LC-Id': appId, 'X-LC-Key': `${masterKey},master` };

// Three messages id1 < id2 < id3 at t1 < t2 < t3, as in the documented table (IMREST 329-343).
const t1 = 1_700_000_000_001;
const t2 = 1_700_000_000_002;
const t3 = 1_700_000_000_003;
const record = (id: string, timestamp: number): RestRecord => ({ 'msg-id': id, timestamp, from: 'a', data: id, 'conv-id': 'c', to: 'c' });

describe('fake LeanCloud', () => {
  let fake: FakeLeanCloud;
  const rows = Array.from({ length: 25 }, (_, i) => ({ objectId: `obj${String(i).padStart(3, '0')}` }));

  beforeEach(async () => {
    fake = await startFakeLeanCloud({
      appId,
      masterKey,
      classes: { _Conversation: rows },
      history: new Map([['conv1', [record('id1', t1), record('id2', t2), record('id3', t3)]], ['room1', [record('r1', t1)]]]),
      chatRooms: new Set(['room1']),
    });
  });
  afterEach(() => fake.close());

  const ids = async (query: string) => {
    const response = await fetch(`${fake.url}/1.2/rtm/conversations/conv1/messages?${query}`, { headers });
    expect(response.status).toBe(200);
    return ((await response.json()) as RestRecord[]).map((r) => r['msg-id']);
  };

  it.each([
    [`timestamp=${t3}&msgid=id3&till_timestamp=${t1}&till_msgid=id1`, ['id2']],
    [`timestamp=${t3}&msgid=id3&till_timestamp=${t1}&till_msgid=id1&include_start=true&include_stop=true`, ['id3', 'id2', 'id1']],
    [`timestamp=${t1}&msgid=id1&till_timestamp=${t3}&till_msgid=id3&reversed=true`, ['id2']],
    [`timestamp=${t1}&msgid=id1&till_timestamp=${t3}&till_msgid=id3&reversed=true&include_start=true&include_stop=true`, ['id1', 'id2', 'id3']],
    [`timestamp=${t3}&msgid=id3`, ['id2', 'id1']],
    [`timestamp=${t1}&msgid=id1&reversed=true`, ['id2', 'id3']],
  ])('reproduces the documented bound table: %s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('defaults to newest first from now, and honours limit', async () => {
    expect(await ids('')).toEqual(['id3', 'id2', 'id1']);
    expect(await ids('limit=2')).toEqual(['id3', 'id2']);
    expect(await ids('reversed=true&limit=2')).toEqual(['id1', 'id2']);
  });

  it('treats an unencoded + in msgid as the space it decodes to', async () => {
    const history = new Map([['conv1', [record('a+b', t1), record('a+c', t1)]]]);
    const local = await startFakeLeanCloud({ appId, masterKey, classes: {}, history });
    try {
      const get = async (msgid: string) =>
        ((await (await fetch(`${local.url}/1.2/rtm/conversations/conv1/messages?reversed=true&timestamp=${t1}&msgid=${msgid}`, { headers })).json()) as RestRecord[]).map(
          (r) => r['msg-id'],
        );
      expect(await get(encodeURIComponent('a+b'))).toEqual(['a+c']);
      // "a b" sorts before both ids, so the raw + silently returns a message the cursor had passed.
      expect(await get('a+b')).toEqual(['a+b', 'a+c']);
    } finally {
      await local.close();
    }
  });

  it('rejects requests without the master key', async () => {
    const noKey = await fetch(`${fake.url}/1.1/scan/classes/_Conversation`, { headers: { 'X-LC-Id': appId } });
    expect(noKey.status).toBe(401);
    const appKeyOnly = await fetch(`${fake.url}/1.1/scan/classes/_Conversation`, { headers: { 'X-LC-Id': appId, 'X-LC-Key': masterKey } });
    expect(appKeyOnly.status).toBe(401);
    expect(fake.counts.unauthorized).toBe(2);
  });

  it('scans a class in objectId order with a cursor until the cursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=10&cursor=${encodeURIComponent(cursor)}` : 'limit=10';
      const page = (await (await fetch(`${fake.url}/1.1/scan/classes/_Conversation?${query}`, { headers })).json()) as {
        results: Array<{ objectId: string }>;
        cursor: string | null;
      };
      seen.push(...page.results.map((r) => r.objectId));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(rows.map((r) => r.objectId));
  });

  it('answers 404 with code 101 for a class the app does not have', async () => {
    const response = await fetch(`${fake.url}/1.1/scan/classes/_SysMessage`, { headers });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 101, error: "Class or object doesn't exists." });
  });

  it('serves chat rooms only through the chatrooms endpoint', async () => {
    expect((await fetch(`${fake.url}/1.2/rtm/conversations/room1/messages`, { headers })).status).toBe(400);
    const response = await fetch(`${fake.url}/1.2/rtm/chatrooms/room1/messages`, { headers });
    expect(((await response.json()) as RestRecord[]).map((r) => r['msg-id'])).toEqual(['r1']);
  });

  it('injects 429s and 5xx at the configured rates', async () => {
    const flaky = await startFakeLeanCloud({ appId, masterKey, classes: { A: [] }, history: new Map(), faults: { rateLimitRate: 0.3, serverErrorRate: 0.2, seed: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 200; i += 1) statuses.push((await fetch(`${flaky.url}/1.1/scan/classes/A`, { headers })).status);
      const share = (match: (s: number) => boolean) => statuses.filter(match).length / statuses.length;
      expect(share((s) => s === 429)).toBeGreaterThan(0.15);
      expect(share((s) => s >= 500)).toBeGreaterThan(0.05);
      expect(share((s) => s === 200)).toBeGreaterThan(0.3);
    } finally {
      await flaky.close();
    }
  });
});
