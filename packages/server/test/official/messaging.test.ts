// The official 2.4.0 client against the real server: send with ack, receive on a second
// client, rich-media bodies, receipts, transient messages and transient conversations.
import { useTestServer } from './helpers/use-test-server';

const fixture = useTestServer();
const MESSAGE_ID = /^[A-Za-z0-9+/_-]{22}$/;

async function aliceAndBob() {
  const alice = await fixture.open('alice');
  const bob = await fixture.open('bob');
  const conv = await alice.conv({ members: ['bob'] });
  const bobConv = (await bob.room(conv.id))!;
  return { alice, bob, conv, bobConv };
}

describe('official 2.4.0 client: messages', () => {
  it('send: the callback gets the ack with the message id and server time', async () => {
    const { conv } = await aliceAndBob();
    const before = Date.now();

    const ack = await conv.send('hello');

    expect(ack).toMatchObject({ cmd: 'ack', i: expect.any(Number), uid: expect.stringMatching(MESSAGE_ID), t: expect.any(Number) });
    expect(ack).not.toHaveProperty('code');
    expect(ack.t).toBeGreaterThanOrEqual(before - 1000);
    expect(ack.t).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('receive: a second client gets the message, and the message event the same frame', async () => {
    const { bob, conv, bobConv } = await aliceAndBob();

    const ack = await conv.send('hello bob');
    const [received] = await bobConv.waitForMessages(1);

    expect(received).toMatchObject({
      cmd: 'direct',
      cid: conv.id,
      id: ack.uid,
      fromPeerId: 'alice',
      timestamp: ack.t,
      msg: 'hello bob',
      peerId: 'bob',
    });
    expect(received.transient).toBeFalsy();
    expect(received).not.toHaveProperty('i');
    await expect(bob.events.waitFor('message', (f) => f.id === ack.uid)).resolves.toBe(received);
    // The sender's own connection does not get its message back.
    expect(conv.messages).toEqual([]);
  });

  it('delivers in both directions, in send order', async () => {
    const { conv, bobConv } = await aliceAndBob();

    for (const n of [1, 2, 3]) await conv.send(`a${n}`);
    for (const n of [1, 2]) await bobConv.send(`b${n}`);

    expect((await bobConv.waitForMessages(3)).map((m) => m.msg)).toEqual(['a1', 'a2', 'a3']);
    expect((await conv.waitForMessages(2)).map((m) => m.msg)).toEqual(['b1', 'b2']);
  });

  it('rich media and object bodies arrive decoded the way 2.4.0 decodes them', async () => {
    const { conv, bobConv } = await aliceAndBob();

    await conv.send({ text: 'look', attr: { mood: 'happy' } }, { type: 'text' });
    await conv.send(
      { text: 'photo', url: 'https://example.com/a.png', metaData: { name: 'a.png', format: 'png', height: 10, width: 20, size: 300 } },
      { type: 'image' },
    );
    await conv.send({ text: 'here', metaData: { longitude: 116.4, latitude: 39.9 } }, { type: 'location' });
    await conv.send({ plain: 'object', n: 1 });

    const [text, image, location, object] = (await bobConv.waitForMessages(4)).map((m) => m.msg);
    expect(text).toEqual({ type: 'text', text: 'look', attr: { mood: 'happy' } });
    expect(image).toMatchObject({ type: 'image', text: 'photo', url: 'https://example.com/a.png', metaData: { width: 20, height: 10 } });
    expect(location).toMatchObject({ type: 'location', text: 'here', location: { longitude: 116.4, latitude: 39.9 } });
    expect(object).toEqual({ plain: 'object', n: 1 });
  });

  it('receipt: a message sent with receipt gets an rcp once the receiver has it', async () => {
    const { alice, conv, bobConv } = await aliceAndBob();

    const ack = await conv.send('did you get it?', { receipt: true });
    await bobConv.waitForMessages(1);
    const [receipt] = await conv.waitForReceipts(1);

    expect(receipt).toMatchObject({ cmd: 'rcp', cid: conv.id, id: ack.uid, t: expect.any(Number), peerId: 'alice' });
    expect(receipt).not.toHaveProperty('i');
    expect(receipt.t).toBeGreaterThanOrEqual(ack.t);
    await expect(alice.events.waitFor('receipt', (f) => f.id === ack.uid)).resolves.toBe(receipt);
  });

  it('no receipt for a message sent without one', async () => {
    const { conv, bobConv } = await aliceAndBob();

    await conv.send('no receipt wanted');
    const receiptAck = await conv.send('receipt wanted', { receipt: true });
    await bobConv.waitForMessages(2);
    await conv.waitForReceipts(1);
    await conv.count(); // one more round trip, so a stray receipt would be here by now

    expect(conv.receipts.map((r) => r.id)).toEqual([receiptAck.uid]);
  });

  it('transient message: delivered with transient set, no ack, not kept in history', async () => {
    const { alice, conv, bobConv } = await aliceAndBob();

    const transientSerialId = conv.sendTransient('typing…');
    const [typing] = await bobConv.waitForMessages(1);
    const ack = await conv.send('the real message');
    await bobConv.waitForMessages(2);

    expect(typing).toMatchObject({ cmd: 'direct', cid: conv.id, msg: 'typing…', transient: true, fromPeerId: 'alice' });
    expect(alice.events.all('ack').map((a) => a.i)).not.toContain(transientSerialId);
    expect(alice.events.all('ack').map((a) => a.i)).toContain(ack.i);
    const history = await conv.log();
    expect(history.map((m) => m.data)).toEqual(['the real message']);
  });

  it('a body over 5 KB is refused in the ack with 4109, and the session carries on', async () => {
    const { conv, bobConv } = await aliceAndBob();

    const refused = await conv.send('x'.repeat(5121));
    const fits = await conv.send('y'.repeat(5120));

    expect(refused).toMatchObject({ cmd: 'ack', code: 4109 });
    expect(refused).not.toHaveProperty('uid');
    expect(fits).toMatchObject({ uid: expect.stringMatching(MESSAGE_ID) });
    const [received] = await bobConv.waitForMessages(1);
    expect(received.id).toBe(fits.uid);
    expect((await conv.log()).map((m) => m.msgId)).toEqual([fits.uid]);
  });
});
