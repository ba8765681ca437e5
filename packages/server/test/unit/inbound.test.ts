import { decodeDirect, decodeFrame, decodeLogs, decodeConvQuery } from '../../src/protocol/inbound';
import { ProtocolError } from '../../src/protocol/protocol-error';
import { PushFrame } from '../../src/protocol/outbound';

describe('inbound decoding', () => {
  it('treats any object without cmd as a heartbeat and keeps i with its type', () => {
    expect(decodeFrame('{}')).toEqual({ kind: 'heartbeat' });
    expect(decodeFrame('{"cmd":"logs","i":2017,"cid":"c"}')).toMatchObject({ kind: 'command', cmd: 'logs', i: 2017 });
    expect(decodeFrame('{"cmd":"logs","i":"2017"}')).toMatchObject({ i: '2017' });
    expect(() => decodeFrame('nope')).toThrow(ProtocolError);
  });

  it('reads direct as 2.x clients send it', () => {
    expect(decodeDirect({ cid: 'c', msg: 'hi', r: 1, transient: false })).toEqual({ cid: 'c', msg: 'hi', wantsReceipt: true, isTransient: false });
    expect(decodeDirect({ cid: 'c', msg: 'hi', r: false, transient: true })).toMatchObject({ wantsReceipt: false, isTransient: true });
    expect(decodeDirect({ cid: 'c', msg: { a: 1 } }).msg).toBe('{"a":1}');
  });

  it('reads logs with t as a number or numeric string, limit or l, and clamps limit', () => {
    expect(decodeLogs({ cid: 'c', t: '1000', mid: 'm', limit: 5 })).toEqual({ cid: 'c', limit: 5, beforeTimestamp: 1000, beforeId: 'm' });
    expect(decodeLogs({ cid: 'c', l: 7 }).limit).toBe(7);
    expect(decodeLogs({ cid: 'c', limit: 100000 }).limit).toBe(1000);
    expect(decodeLogs({ cid: 'c' }).limit).toBe(20);
  });

  it('reads conv query where as an object or a JSON string', () => {
    expect(decodeConvQuery({ where: '{"m":"a"}', sort: '-lm', limit: 10, skip: 0 }).where).toEqual({ m: 'a' });
    expect(decodeConvQuery({ where: { m: 'a' } })).toMatchObject({ limit: 10, skip: 0, flag: 0, sort: undefined });
  });
});

describe('PushFrame', () => {
  it('serializes the body once and appends each recipient’s peerId', () => {
    const frame = new PushFrame({ cmd: 'direct', msg: 'a "quoted" }' });
    expect(JSON.parse(frame.textFor('bob'))).toEqual({ cmd: 'direct', msg: 'a "quoted" }', peerId: 'bob' });
    expect(JSON.parse(frame.textFor('a"b'))).toMatchObject({ peerId: 'a"b' });
  });
});
