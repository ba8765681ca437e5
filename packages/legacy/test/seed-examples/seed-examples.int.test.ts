// Every code example of the AV.realtime document (the seed), run as written against the real
// server: only the app id and the server address change (see run-seed-example.ts). Each test
// asserts what the example's callbacks and listeners received. Where a test adds other
// clients (someone online to ping, someone who sends a message), it says so.
import type { RealtimeObject } from '@realtime/legacy';
import { ourRealtime } from '../helpers/implementations';
import { routerPath, startTestServer, type RunningServer } from '../helpers/legacy-test-server';
import { Recorder, callback, pause } from '../helpers/observe';
import { runSeedExample, type ExampleRun } from './run-seed-example';

jest.setTimeout(20000);

let server: RunningServer;
const opened: RealtimeObject[] = [];
const runs: ExampleRun[] = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const rt of [...opened.splice(0), ...runs.splice(0).flatMap((r) => r.realtimeObjects)]) rt.close();
  await server.close();
});

function run(block: number, patches?: Array<[string, string]>): ExampleRun {
  const result = runSeedExample(block, server, patches);
  runs.push(result);
  return result;
}

/** Another client of the same app (not part of the example), open and recording its events. */
async function counterpart(clientId: string, options: Record<string, unknown> = {}) {
  const realtime = ourRealtime();
  const rt = await new Promise<RealtimeObject>((resolve) => {
    const created = realtime({ appId: server.appId, clientId, router: routerPath(server.routerUrl), ...options }, () =>
      resolve(created),
    );
  });
  opened.push(rt);
  return { rt, events: new Recorder(rt) };
}

/** The first realtime object of a run, once it is open. */
async function openedObject(example: ExampleRun): Promise<{ rt: RealtimeObject; events: Recorder }> {
  const rt = example.realtimeObjects[0];
  const events = new Recorder(rt);
  await new Promise<void>((resolve) => rt.open(() => resolve()));
  return { rt, events };
}

/** A conversation made by someone else, for the examples that look one up by id. */
async function existingRoom(creatorId: string, members: string[], name = 'existing') {
  const creator = await counterpart(creatorId);
  const room = await new Promise<any>((resolve) => creator.rt.conv({ members, name, attr: { from: 'test' } }, resolve));
  return { creator, room };
}

describe('示例代码 (the minimal complete example)', () => {
  it('creates the conversation, adds, removes, sends, lists, counts, reads history and receives', async () => {
    const bob = await counterpart('LeanCloud02');
    const example = run(0);
    const { console } = example;
    expect(console.lines[0].text).toBe('当前 SDK 版本是 0.1.0');

    const [created] = await console.waitFor('Conversation 创建成功!');
    expect(created.data[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'LeanCloud-Room', attr: { test: 'testTitle' } });
    const cid = created.data[0].id;
    expect(console.find('实时通信服务建立成功！')).toHaveLength(1);

    const [added] = await console.waitFor('成功添加用户：');
    expect(added.data[0]).toMatchObject({ cmd: 'conv', op: 'added', cid });
    const [removed] = await console.waitFor('成功删除用户：');
    expect(removed.data[0]).toMatchObject({ cmd: 'conv', op: 'removed', cid });
    const [ack] = await console.waitFor('发送的消息服务端已收收到：');
    expect(ack.data[0]).toMatchObject({ cmd: 'ack', uid: expect.any(String), t: expect.any(Number) });
    const [members] = await console.waitFor('列出当前 Conversation 的成员列表：');
    expect([...members.data[0]].sort()).toEqual(['LeanCloud01', 'LeanCloud02', 'LeanCloud04']);
    await console.waitFor('取得当前的用户数量：3');

    // Someone in the conversation answers: both receive() and the message event see it.
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(cid, resolve));
    await callback((done) => bobRoom.send('<b>hi</b>', done));
    const [received] = await console.waitFor('当前 Conversation 收到消息：');
    // encodeHTML is on in this example.
    expect(received.data[0]).toMatchObject({ cmd: 'direct', cid, fromPeerId: 'LeanCloud02', msg: '&lt;b&gt;hi&lt;/b&gt;' });
    const [message] = await console.waitFor('某个当前用户在的 Conversation 接收到消息：');
    expect(message.data[0]).toEqual(received.data[0]);

    const [history] = await console.waitFor('查看当前 Conversation 最近的聊天记录：', 1, 6000);
    expect(history.data[0][0]).toMatchObject({ from: 'LeanCloud01', fromPeerId: 'LeanCloud01', data: { abc: 123 }, msg: { abc: 123 } });

    const joins = console.find('有用户加入某个当前用户在的 Conversation：').map((line) => line.data[0]);
    expect(joins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'members-joined', cid, m: expect.arrayContaining(['LeanCloud01', 'LeanCloud02']) }),
        expect.objectContaining({ op: 'members-joined', cid, m: ['LeanCloud03', 'LeanCloud04'] }),
      ]),
    );
    const lefts = console.find('有用户离开某个当前用户在的 Conversation：').map((line) => line.data[0]);
    expect(lefts).toEqual([expect.objectContaining({ op: 'members-left', cid, m: ['LeanCloud03'] })]);
    expect(console.find('实时通信服务被断开！')).toEqual([]);
    expect(console.find('正在重新连接')).toEqual([]);
  });
});

describe('防御 XSS', () => {
  it('opens with encodeHTML and escapes received text', async () => {
    const example = run(1);
    const { rt, events } = await openedObject(example);
    expect(rt.clientId).toBe('LeanCloud01');
    const { creator, room } = await existingRoom('LeanCloud02', ['LeanCloud01']);
    await callback((done) => room.send('<img src=x onerror=alert(1)>', done));
    const [message] = await events.waitFor('message');
    expect(message.msg).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(creator.events.all('error')).toEqual([]);
  });
});

describe('AV.realtime', () => {
  it('calls back and emits open once connected', async () => {
    const { console } = run(3);
    await console.waitFor('与服务器连接成功！', 2);
    expect(console.lines.map((line) => line.text)).toEqual(['与服务器连接成功！', '与服务器连接成功！']);
  });
});

describe('AV.realtime.version', () => {
  it('logs the version', () => {
    const { console } = run(5);
    expect(console.lines).toEqual([{ text: '当前版本是：0.1.0', data: [] }]);
  });
});

describe('RealtimeObject.open', () => {
  it('calls the open callback and the open listener once each', async () => {
    const { console } = run(7);
    await console.waitFor('open');
    await console.waitFor('open,too.');
    await pause(100);
    expect(console.lines.map((line) => line.text).sort()).toEqual(['open', 'open,too.']);
  });
});

describe('RealtimeObject.close', () => {
  it('closes at once, and the close listener added afterwards still hears it', async () => {
    const example = run(9);
    await example.console.waitFor('与服务器已经断开！');
    await pause(200);
    expect(example.console.lines.map((line) => line.text)).toEqual(['与服务器已经断开！']);
  });
});

describe('RealtimeObject.on', () => {
  it('hands create the started frame and join the members-joined frame', async () => {
    const example = run(11);
    const { rt } = await openedObject(example);
    const room = await new Promise<any>((resolve) => rt.conv({ members: ['LeanCloud02'] }, resolve));
    await example.console.waitFor('', 2);
    await pause(100);
    expect(example.console.values()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cmd: 'conv', op: 'started', cid: room.id, cdate: expect.any(String) }),
        expect.objectContaining({ cmd: 'conv', op: 'members-joined', cid: room.id, initBy: 'abc123', m: ['abc123', 'LeanCloud02'] }),
      ]),
    );
    expect(example.console.values()).toHaveLength(2);
  });
});

describe('RealtimeObject.once', () => {
  it('hears open once and close once', async () => {
    const example = run(13);
    const { rt } = await openedObject(example);
    await example.console.waitFor('opened');
    rt.close();
    await example.console.waitFor('closed');
    rt.open();
    await new Promise<void>((resolve) => rt.open(() => resolve()));
    rt.close();
    await pause(100);
    expect(example.console.lines.map((line) => line.text)).toEqual(['opened', 'closed']);
  });
});

describe('RealtimeObject.emit', () => {
  it('delivers the custom event data to the listener', () => {
    const { console } = run(15);
    expect(console.lines).toEqual([{ text: 'test', data: [] }]);
  });
});

describe('RealtimeObject.off', () => {
  it('removes the listener before the event is emitted', () => {
    const { console } = run(17);
    expect(console.lines).toEqual([]);
  });
});

describe('RealtimeObject.conv', () => {
  it('creates a conversation: the callback runs and create gets the started frame', async () => {
    const { console } = run(19);
    await console.waitFor('Conversation created callback');
    const [created] = await console.waitFor('');
    expect(created.data[0]).toMatchObject({ cmd: 'conv', op: 'started', cid: expect.stringMatching(/^[0-9a-f]{24}$/), peerId: 'abc123' });
  });

  it('looks up the document\'s made-up id and is told the conversation does not exist', async () => {
    const { console } = run(21);
    await console.waitFor('服务器端不存在这个 conversation。');
  });

  it('with an id that exists (the id swapped in), gets id, name and attr', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123'], 'LeanCloud-Room');
    const { console } = run(21, [["'sasfalklkjdlfs123'", `'${room.id}'`]]);
    const lines = await console.waitFor('可以取到', 3);
    expect(lines).toEqual([
      { text: '可以取到 id', data: [room.id] },
      { text: '可以取到 name', data: ['LeanCloud-Room'] },
      { text: '可以取到属性', data: [{ from: 'test' }] },
    ]);
  });
});

describe('RealtimeObject.room', () => {
  it('creates a room: the callback runs and create gets the started frame', async () => {
    const { console } = run(23);
    await console.waitFor('Room created callback');
    const [created] = await console.waitFor('');
    expect(created.data[0]).toMatchObject({ cmd: 'conv', op: 'started', cid: expect.any(String) });
  });

  it('looks up the document\'s made-up id and is told the room does not exist', async () => {
    const { console } = run(25);
    await console.waitFor('服务器不存在这个 room。');
  });

  it('with an id that exists (the id swapped in), gets id, name and attr', async () => {
    const { room } = await existingRoom('LeanCloud02', [], 'lobby');
    const { console } = run(25, [["'sasfalklkjdlfs123'", `'${room.id}'`]]);
    const lines = await console.waitFor('room ', 3);
    expect(lines).toEqual([
      { text: 'room id:', data: [room.id] },
      { text: 'room name:', data: ['lobby'] },
      { text: 'room data:', data: [{ from: 'test' }] },
    ]);
  });
});

describe('RealtimeObject.query', () => {
  it('lists the conversations the client is in, once open', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123'], 'mine');
    await existingRoom('LeanCloud03', ['LeanCloud04'], 'not mine');
    const { console } = run(27);
    const [list] = await console.waitFor('');
    expect(list.data[0]).toEqual([
      expect.objectContaining({ objectId: room.id, name: 'mine', c: 'LeanCloud02', m: expect.arrayContaining(['abc123', 'LeanCloud02']) }),
    ]);
  });

  it('queries with where, sort, limit, skip and compact (skip 200 of 1 leaves none)', async () => {
    await existingRoom('LeanCloud02', ['abc123'], 'mine');
    const { console } = run(29);
    const [list] = await console.waitFor('');
    expect(list.data[0]).toEqual([]);
  });

  it('with skip 0 (swapped in), finds the room with its members', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123'], 'mine');
    const { console } = run(29, [['skip: 200', 'skip: 0']]);
    const [list] = await console.waitFor('');
    expect(list.data[0]).toEqual([expect.objectContaining({ objectId: room.id, m: expect.arrayContaining(['abc123']) })]);
  });
});

describe('RealtimeObject.ping', () => {
  it('answers which of the ids in the array are online (LeanCloud01 is, LeanCloud02 is not)', async () => {
    await counterpart('LeanCloud01');
    const { console } = run(31);
    const [online] = await console.waitFor('');
    expect(online.data[0]).toEqual(['LeanCloud01']);
  });

  it('says the user is online when LeanCloud01 is connected', async () => {
    await counterpart('LeanCloud01');
    const { console } = run(33);
    await console.waitFor('用户在线');
  });

  it('says the user is not online when nobody is connected as LeanCloud01', async () => {
    const { console } = run(33);
    await console.waitFor('用户不在线');
  });
});

describe('RoomObject.add', () => {
  it('adds one client (called before the room exists) and join reports it', async () => {
    const { console } = run(35);
    await console.waitFor('Add success.');
    await waitForValue(console, (frame) => frame.op === 'members-joined' && frame.m.includes('LeanCloud03'));
    expect(console.values()).toEqual(
      expect.arrayContaining([expect.objectContaining({ cmd: 'conv', op: 'members-joined', initBy: 'abc123', m: ['LeanCloud03'] })]),
    );
  });

  it('adds a list of clients and join reports them', async () => {
    const { console } = run(37);
    await console.waitFor('Add success.');
    await waitForValue(console, (frame) => frame.op === 'members-joined' && frame.m.length === 2 && frame.m.includes('LeanCloud04'));
  });
});

describe('RoomObject.remove', () => {
  it('removes one client and left reports it', async () => {
    const { console } = run(39);
    await console.waitFor('Remove success.');
    const frame = await waitForValue(console, (value) => value.op === 'members-left');
    expect(frame).toMatchObject({ cmd: 'conv', initBy: 'abc123', m: ['LeanCloud02'] });
  });

  it('removes a list of clients and left reports them', async () => {
    const { console } = run(41);
    await console.waitFor('Remove success.');
    const frame = await waitForValue(console, (value) => value.op === 'members-left');
    expect(frame.m).toEqual(['LeanCloud02', 'LeanCloud03']);
  });
});

describe('RoomObject.join', () => {
  it('does nothing for the document\'s made-up room id (it does not exist)', async () => {
    const { console } = run(43);
    await pause(500);
    expect(console.lines).toEqual([]);
  });

  it('with an existing room id (swapped in), joins: the callback runs and join reports it', async () => {
    const { room, creator } = await existingRoom('LeanCloud02', []);
    const { console } = run(43, [["'safjslakjlfkjla123'", `'${room.id}'`]]);
    await console.waitFor('join');
    const frame = await waitForValue(console, (value) => value.op === 'members-joined');
    expect(frame).toMatchObject({ cid: room.id, initBy: 'abc123', m: ['abc123'] });
    await creator.events.waitFor('membersjoined');
  });
});

describe('RoomObject.leave', () => {
  it('leaves the room it just created; left reports the departure', async () => {
    const { console } = run(45);
    const frame = await waitForValue(console, (value) => value.op === 'left');
    expect(frame).toMatchObject({ cmd: 'conv', op: 'left', initBy: 'abc123', peerId: 'abc123' });
  });
});

describe('RoomObject.list', () => {
  it('lists the members', async () => {
    const { console } = run(47);
    const [list] = await console.waitFor('');
    expect([...list.data[0]].sort()).toEqual(['LeanCloud02', 'LeanCloud03', 'abc123']);
  });
});

describe('RoomObject.send', () => {
  it('sends (server ack) and message reports what the others send', async () => {
    const bob = await counterpart('LeanCloud02');
    const { console, realtimeObjects } = run(49);
    await console.waitFor('server ack.');
    const [joined] = await bob.events.waitFor('invited');
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(joined.cid, resolve));
    const [first] = await bob.events.waitFor('message');
    expect(first).toMatchObject({ cid: joined.cid, fromPeerId: 'abc123', msg: { testMsg: 'abcde' } });
    await callback((done) => bobRoom.send({ reply: 'hi' }, done));
    const frame = await waitForValue(console, (value) => value.cmd === 'direct');
    expect(frame).toMatchObject({ cid: joined.cid, fromPeerId: 'LeanCloud02', msg: { reply: 'hi' } });
    expect(realtimeObjects).toHaveLength(1);
  });

  it('sends with a receipt, as text and as an image in the cross-platform format', async () => {
    const bob = await counterpart('LeanCloud02');
    const { console } = run(51);
    await console.waitFor('信息发送成功，该信息会获取阅读回执');
    await console.waitFor('图片数据发送成功！');
    const messages = await bob.events.waitFor('message', 3);
    expect(messages.map((m) => m.msg)).toEqual([
      { abc: 123 },
      { text: '文本内容', type: 'text' },
      {
        text: '图片测试',
        attr: { aaa: 123 },
        url: 'https://leancloud.cn/images/123.png',
        metaData: { name: 'logo', format: 'png', height: 123, width: 123, size: 888 },
        type: 'image',
      },
    ]);
    // Bob's client acked the first message; the receipt callback gets the rcp frame.
    const receipt = await waitForValue(console, (value) => value.cmd === 'rcp');
    expect(receipt).toMatchObject({ cid: messages[0].cid, id: messages[0].id, t: expect.any(Number) });
  });
});

describe('RoomObject.receive', () => {
  it('receives what others send in this room', async () => {
    const bob = await counterpart('LeanCloud02');
    const { console } = run(53);
    const [joined] = await bob.events.waitFor('invited');
    const bobRoom = await new Promise<any>((resolve) => bob.rt.room(joined.cid, resolve));
    await callback((done) => bobRoom.send('hello abc123', done));
    const frame = await waitForValue(console, (value) => value.cmd === 'direct');
    expect(frame).toMatchObject({ cid: joined.cid, fromPeerId: 'LeanCloud02', msg: 'hello abc123', id: expect.any(String), timestamp: expect.any(Number) });
  });
});

describe('RoomObject.receipt', () => {
  it('gets the receipt once the other side has the message', async () => {
    const bob = await counterpart('LeanCloud02');
    const { console } = run(55);
    await console.waitFor('信息发送成功，该信息会获取阅读回执');
    const [message] = await bob.events.waitFor('message');
    const receipt = await waitForValue(console, (value) => value.cmd === 'rcp');
    expect(receipt).toMatchObject({ cid: message.cid, id: message.id });
  });
});

describe('RoomObject.log', () => {
  // The document's two log examples end with `};` where `});` is meant, and the second lacks
  // the comma after `t: 1429545834932`: syntax errors as printed, fixed and nothing else.
  const closeCall: [string, string] = ['\n};\n', '\n});\n'];
  const missingComma: [string, string] = ['t: 1429545834932\n', 't: 1429545834932,\n'];

  it('does nothing for the made-up room id (it does not exist)', async () => {
    const { console } = run(57, [closeCall]);
    await pause(500);
    expect(console.lines).toEqual([]);
  });

  it('with an existing room (id swapped in, and the missing `room = object` added), logs the history', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123']);
    await callback((done) => room.send('first', done));
    await callback((done) => room.send({ second: 2 }, done));
    const { console } = run(57, [closeCall, ["'safjslakjlfkjla123'", `'${room.id}'`], ['if (object) {', 'if (object) { room = object;']]);
    const [history] = await console.waitFor('');
    expect(history.data[0]).toEqual([
      expect.objectContaining({ from: 'LeanCloud02', fromPeerId: 'LeanCloud02', data: 'first', msg: 'first', msgId: expect.any(String), timestamp: expect.any(Number) }),
      expect.objectContaining({ from: 'LeanCloud02', data: { second: 2 }, msg: { second: 2 } }),
    ]);
  });

  it('with options: nothing is older than the 2015 timestamp of the example', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123']);
    await callback((done) => room.send('new', done));
    const { console } = run(59, [closeCall, missingComma, ["'safjslakjlfkjla123'", `'${room.id}'`], ['if (object) {', 'if (object) { room = object;']]);
    const [history] = await console.waitFor('');
    expect(history.data[0]).toEqual([]);
  });

  it('with options and a current timestamp (swapped in), pages by t and limit', async () => {
    const { room } = await existingRoom('LeanCloud02', ['abc123']);
    for (const text of ['a', 'b', 'c']) await callback((done) => room.send(text, done));
    const { console } = run(59, [
      closeCall,
      ["'safjslakjlfkjla123'", `'${room.id}'`],
      ['if (object) {', 'if (object) { room = object;'],
      ['t: 1429545834932\n', `t: ${Date.now() + 1000},\n`],
      ['limit: 20', 'limit: 2'],
    ]);
    const [history] = await console.waitFor('');
    expect(history.data[0].map((entry: any) => entry.data)).toEqual(['b', 'c']);
  });
});

describe('RoomObject.count', () => {
  it('counts the members', async () => {
    const { console } = run(61);
    const [count] = await console.waitFor('');
    expect(count.data[0]).toBe(3);
  });
});

async function waitForValue(console: ExampleRun['console'], matches: (value: any) => boolean, timeoutMs = 5000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = console.values().find((value) => value && typeof value === 'object' && matches(value));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching value logged; got ${JSON.stringify(console.values())}`);
    await pause(10);
  }
}
