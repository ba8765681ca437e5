import type { Implementation } from '../helpers/implementations';
import type { RunningServer } from '../helpers/legacy-test-server';
import { appSigner } from '../helpers/app-signer';
import { Recorder, callback, pause, snapshot } from '../helpers/observe';

/**
 * One scenario of the differential suite: plain AV.realtime app code, run once through the
 * official 2.4.0 client and once through ours against a fresh server each time. What it
 * returns (callback values, event payloads, event order) must be equal field by field once
 * ids and times are replaced by placeholders.
 */
export type Scenario = (impl: Implementation, server: RunningServer, control: ServerControl) => Promise<unknown>;

/** What a scenario may do to its server. */
export interface ServerControl {
  /** Stops the server, waits `downMs`, and starts it again on the same port (empty storage). */
  restart(downMs: number): Promise<void>;
}

/** Events keep arriving for a moment after the last callback; collect them too. */
const SETTLE_MS = 250;

/**
 * Opens a client with its recorder attached right after `AV.realtime()` returns, where apps add
 * their listeners (2.4.0's own listeners, added when its socket opens, then run after the app's).
 * The `open` that ends the wait is dropped from the record, so scenarios see what follows it.
 */
async function client(impl: Implementation, server: RunningServer, clientId: string, options: Record<string, unknown> = {}) {
  let events!: Recorder;
  const { rt, opened } = await impl.open(server, { clientId, ...options }, (created) => (events = new Recorder(created)));
  events.events.splice(0);
  return { rt, opened: snapshot(opened), events };
}

export const scenarios: Record<string, Scenario> = {
  async 'open: the callback and the open event get the session opened frame'(impl, server) {
    const { rt, opened } = await impl.open(server, { clientId: 'alice' });
    const seen: unknown[] = [];
    rt.on('open', (frame: unknown) => seen.push(frame));
    return { opened: snapshot(opened), later: seen };
  },

  async 'conv(options): callback room, create event, membership events on both sides'(impl, server) {
    const bob = await client(impl, server, 'bob');
    const alice = await client(impl, server, 'alice');
    const room = await callback((done) =>
      alice.rt.conv({ members: ['bob'], name: 'LeanCloud-Room', attr: { test: 'testTitle' } }, done),
    );
    await alice.events.waitFor('create');
    await bob.events.waitFor('membersjoined');
    await pause(SETTLE_MS);
    return { room, alice: alice.events.events, bob: bob.events.events };
  },

  async 'room(id): found with name and attr, null when missing; list and count'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const created = await callback<any>((done) => alice.rt.room({ members: ['bob', 'carol'], name: 'n', attr: { a: 1 } }, done));
    const found = await callback<any>((done) => alice.rt.room(created.id, done));
    const missing = await callback((done) => alice.rt.room('noneexistingroomid', done));
    const fresh = await impl.open(server, { clientId: 'dave' });
    const viaOther = await callback<any>((done) => fresh.rt.conv(created.id, done));
    const roomObject = await new Promise<any>((resolve) => fresh.rt.conv(created.id, resolve));
    const list = await callback((done) => roomObject.list(done));
    const count = await callback((done) => roomObject.count(done));
    return { found, missing, viaOther, list: [...(list as string[])].sort(), count };
  },

  async 'send and receive: strings, objects and every media type, with acks and receipts'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(room.id, resolve));
    const received: unknown[] = [];
    bobRoom.receive((frame: unknown) => received.push(snapshot(frame)));
    const receipts: unknown[] = [];
    room.receipt((frame: unknown) => receipts.push(snapshot(frame)));
    const image = {
      text: '图片测试', attr: { aaa: 123 }, url: 'https://leancloud.cn/images/123.png',
      metaData: { name: 'logo', format: 'png', height: 123, width: 123, size: 888 },
    };
    const sends: Array<[unknown, Record<string, unknown> | undefined]> = [
      ['plain text', undefined],
      [{ abc: 123 }, undefined],
      [{ text: '文本内容' }, { type: 'text' }],
      [image, { type: 'image' }],
      [{ text: 'a', url: 'https://x/a.mp3', metaData: { name: 'a', format: 'mp3', duration: 3, size: 10 } }, { type: 'audio' }],
      [{ url: 'https://x/v.mp4', metaData: { name: 'v', format: 'mp4', duration: 9, size: 99 } }, { type: 'video' }],
      [{ text: 'here', metaData: { longitude: 116.3, latitude: 39.9 } }, { type: 'location' }],
      [{ text: 'doc', metaData: { name: 'f.pdf', size: 1234 } }, { type: 'file' }],
      [{ abc: 1 }, { receipt: true }],
    ];
    const acks: unknown[] = [];
    for (const [data, options] of sends) {
      acks.push(await callback((done) => (options ? room.send(data, options, done) : room.send(data, done))));
    }
    await bob.events.waitFor('message', sends.length);
    await alice.events.waitFor('receipt', 1);
    await pause(SETTLE_MS);
    return { acks, received, receipts, bobEvents: bob.events.all('message'), aliceReceipts: alice.events.all('receipt') };
  },

  async 'transient messages: no callback, delivered with transient set'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    await bob.events.waitFor('membersjoined');
    let calledBack = false;
    room.send({ typing: true }, { transient: true }, () => (calledBack = true));
    await bob.events.waitFor('message');
    await pause(SETTLE_MS);
    return { calledBack, message: bob.events.all('message') };
  },

  async 'log: history decoded oldest first, with and without options'(impl, server) {
    const alice = await client(impl, server, 'alice', { encodeHTML: true });
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    const acks: any[] = [];
    for (const data of ['one <b>', { two: 2 }, 'three']) acks.push(await callback((done) => room.send(data, done)));
    await callback((done) => room.send({ text: '<i>four</i>' }, { type: 'text' }, done));
    const all = await callback((done) => room.log(done));
    const lastTwo = await callback((done) => room.log({ limit: 2 }, done));
    const beforeThird = await callback((done) => room.log({ t: acks[2].t, mid: acks[2].uid, limit: 20 }, done));
    return { all, lastTwo, beforeThird };
  },

  async 'add, remove, join, leave: callbacks and events for everyone involved'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const carol = await client(impl, server, 'carol');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    await bob.events.waitFor('membersjoined');
    const added = await callback((done) => room.add(['carol'], done));
    await carol.events.waitFor('invited');
    const removed = await callback((done) => room.remove('carol', done));
    await carol.events.waitFor('kicked');
    const carolRoom = await new Promise<any>((resolve) => carol.rt.room(room.id, resolve));
    const joined = await callback((done) => carolRoom.join(done));
    await alice.events.waitFor('membersjoined', 3);
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(room.id, resolve));
    const left = await callback((done) => bobRoom.leave(done));
    await alice.events.waitFor('membersleft', 2);
    await pause(SETTLE_MS);
    return {
      added, removed, joined, left,
      alice: alice.events.events, bob: bob.events.events, carol: carol.events.events,
    };
  },

  async 'query: default, where with member arrays, compact, sort, limit, skip'(impl, server) {
    const alice = await client(impl, server, 'alice');
    for (const [name, members] of [['r1', ['bob']], ['r2', ['bob', 'carol']], ['r3', []]] as const) {
      await new Promise((resolve) => alice.rt.conv({ members: [...members], name, attr: { n: name } }, resolve));
    }
    const strip = (results: any[]) =>
      results.map((r) => ({ ...r, m: r.m && [...r.m].sort() })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const mine = await callback<any[]>((done) => alice.rt.query(done));
    const withBob = await callback<any[]>((done) => alice.rt.query({ where: { m: ['alice', 'bob'] } }, done));
    const compact = await callback<any[]>((done) => alice.rt.query({ where: { name: 'r2' }, compact: true }, done));
    const sorted = await callback<any[]>((done) => alice.rt.query({ sort: 'name', limit: 2, skip: 1 }, done));
    return { mine: strip(mine), withBob: strip(withBob), compact, sorted: sorted.map((r) => r.name) };
  },

  async 'query withLastMessages: results carry the last message as sent'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'], name: 'with last' }, resolve));
    await callback((done) => room.send({ text: 'last one' }, { type: 'text' }, done));
    const results = await callback<any[]>((done) => alice.rt.query({ withLastMessages: true, compact: true }, done));
    return results;
  },

  async 'transient conversation: created, joined by another, counted, listed, history empty'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ name: 'lobby', transient: true }, resolve));
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(room.id, resolve));
    const joined = await callback((done) => bobRoom.join(done));
    const received = new Promise((resolve) => alice.rt.once('message', resolve));
    await callback((done) => bobRoom.send('hello lobby', done));
    const message = snapshot(await received);
    const count = await callback((done) => room.count(done));
    const list = await callback((done) => room.list(done));
    const history = await callback((done) => room.log(done));
    await pause(SETTLE_MS);
    return { joined, message, count, list, history, aliceEvents: alice.events.names(), bobEvents: bob.events.names() };
  },

  async 'ping: a string or an array, answering who is online'(impl, server) {
    const alice = await client(impl, server, 'alice');
    await client(impl, server, 'bob');
    return {
      one: await callback((done) => alice.rt.ping('bob', done)),
      nobody: await callback((done) => alice.rt.ping('ghost', done)),
      some: await callback((done) => alice.rt.ping(['ghost', 'bob'], done)),
      firstTwentyOnly: await callback((done) =>
        alice.rt.ping([...Array.from({ length: 20 }, (_, n) => `off${n}`), 'bob'], done),
      ),
    };
  },

  async 'encodeHTML: received text escaped, objects and attrs left alone'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob', { encodeHTML: true });
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    await bob.events.waitFor('membersjoined');
    await callback((done) => room.send('<script>alert("x") & more</script>', done));
    await callback((done) => room.send({ html: '<b>' }, done));
    await callback((done) => room.send({ text: '<b>t</b>', attr: { h: '<i>' } }, { type: 'text' }, done));
    await bob.events.waitFor('message', 3);
    return bob.events.all('message').map((m) => m.msg);
  },

  async 'update: callback frame, then the new name is what room(id) finds'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'], name: 'before' }, resolve));
    const updated = await callback((done) => room.update({ name: 'after', attr: { x: 1 } }, done));
    const found = await callback((done) => alice.rt.room(room.id, done));
    return { updated, found };
  },

  async 'a refused signature reaches the error event with the server frame; the callback never runs'(impl, server) {
    const signer = appSigner(server);
    // Signs the login properly and every conversation operation wrongly.
    const auth = (params: any, done: (result: unknown) => void) =>
      done(params.members ? { ...signer(params), signature: 'not-a-signature' } : signer(params));
    const alice = await client(impl, server, 'alice', { auth });
    let calledBack = false;
    alice.rt.conv({ members: ['bob'] }, () => (calledBack = true));
    await alice.events.waitFor('error');
    await pause(SETTLE_MS);
    return { errors: alice.events.all('error'), calledBack, creates: alice.events.all('create') };
  },

  async 'a refused send hands the error ack to the send callback'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: [] }, resolve));
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(room.id, resolve));
    // Bob is not a member: the server answers with an ack carrying a code.
    const ack = await callback<any>((done) => bobRoom.send('let me in', done));
    return { ack: { ...ack, detail: String(ack.detail).replace(room.id, '<cid>') } };
  },

  async 'offline delivery: what was sent while a member was away arrives when it opens again'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const bob = await client(impl, server, 'bob');
    const room = await new Promise<any>((resolve) => alice.rt.conv({ members: ['bob'] }, resolve));
    await bob.events.waitFor('membersjoined');
    bob.rt.close();
    await bob.events.waitFor('close');
    await pause(SETTLE_MS);
    for (const data of ['while away 1', { n: 2 }]) await callback((done) => room.send(data, done));
    let events!: Recorder;
    await impl.open(server, { clientId: 'bob' }, (rt) => (events = new Recorder(rt)));
    await events.waitFor('message', 2);
    await pause(SETTLE_MS);
    return { messages: events.all('message'), others: events.names().filter((name) => name !== 'message') };
  },

  async 'unique: creating the same unique conversation twice gives the same id'(impl, server) {
    const alice = await client(impl, server, 'alice');
    const first = await callback<any>((done) => alice.rt.conv({ members: ['bob'], unique: true, name: 'one' }, done));
    const second = await callback<any>((done) => alice.rt.conv({ members: ['bob'], unique: true, name: 'two' }, done));
    await pause(SETTLE_MS);
    return { sameId: first.id === second.id, first, second, creates: alice.events.all('create') };
  },

  async 'reconnect: close, reuse, then open again after the server restarts'(impl, server, control) {
    const alice = await client(impl, server, 'alice');
    await control.restart(300);
    // 2.4.0 retries after a fixed 5 s; ours backs off from a shorter first delay.
    await alice.events.waitFor('open', 1, 15_000);
    await pause(SETTLE_MS);
    const online = await callback((done) => alice.rt.ping('alice', done));
    return { names: alice.events.names(), reopened: alice.events.all('open'), online };
  },

  async 'close: the close event fires and no reuse follows'(impl, server) {
    const alice = await client(impl, server, 'alice');
    alice.rt.close();
    await alice.events.waitFor('close');
    await pause(SETTLE_MS);
    return { names: alice.events.names() };
  },
};
