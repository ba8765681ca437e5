import { mapHistoryRecord } from '../../src/leancloud/message-mapper';

const cid = '6a0f3c2b9e1d4f0012a7b001';
const base = { 'msg-id': 'Qz3+uV_8kLm2Tn0pA1bC9w', timestamp: 1761811964120, from: 'bob', data: 'hi', 'conv-id': `${cid}00000000`, 'is-conv': true };

describe('mapHistoryRecord', () => {
  it('resolves the conversation: _q first, then to, then conv-id without its padding', () => {
    expect(mapHistoryRecord({ ...base, to: 'other', _q: { cid, endpoint: 'conversations' } }, 'base64')).toMatchObject({ ok: true, cid, notes: [] });
    expect(mapHistoryRecord({ ...base, 'conv-id': 'ab'.repeat(16), to: cid }, 'base64')).toMatchObject({ ok: true, cid, notes: ['cid-from-to'] });
    expect(mapHistoryRecord(base, 'base64')).toMatchObject({ ok: true, cid, notes: ['cid-from-conv-id'] });
  });

  it('keeps id, sender, body and times exactly, and drops from-ip', () => {
    const body = '{"_lctype":-1,"_lctext":"  spaced ","_lcattrs":{}}';
    const mapped = mapHistoryRecord({ ...base, to: cid, data: body, 'ack-at': 1761811964388, 'from-ip': '198.51.100.7' }, 'base64');
    expect(mapped).toMatchObject({ ok: true, message: { id: base['msg-id'], from: 'bob', data: body, timestamp: base.timestamp, ackAt: 1761811964388 } });
    expect(mapped.ok && Object.keys(mapped.message).sort()).toEqual(['ackAt', 'data', 'from', 'id', 'timestamp']);
  });

  it('re-serializes a body that arrived as an object and says so', () => {
    expect(mapHistoryRecord({ ...base, to: cid, data: { _lctype: -1, _lctext: 'x' } }, 'base64')).toMatchObject({
      ok: true,
      message: { data: '{"_lctype":-1,"_lctext":"x"}' },
      notes: ['cid-from-to', 'reserialized-body'],
    });
  });

  it('keeps binary bodies as base64 text, or skips them', () => {
    const binary = { ...base, to: cid, data: '//4AgMMo', bin: true };
    expect(mapHistoryRecord(binary, 'base64')).toMatchObject({ ok: true, message: { data: '//4AgMMo' }, notes: ['cid-from-to', 'binary-as-base64'] });
    expect(mapHistoryRecord(binary, 'skip')).toMatchObject({ ok: false, skip: 'binary' });
  });

  it('marks recalled messages and chat-room records', () => {
    const mapped = mapHistoryRecord({ ...base, data: '{"_lctype":-127}', _q: { cid, endpoint: 'chatrooms' } }, 'base64');
    expect(mapped).toMatchObject({ ok: true, isChatRoom: true, notes: ['recalled'] });
  });

  it('accepts camelCase keys', () => {
    expect(mapHistoryRecord({ msgId: 'x', timestamp: 1, from: 'a', data: 'd', convId: cid, ackAt: 2 }, 'base64')).toMatchObject({
      ok: true,
      cid,
      message: { id: 'x', ackAt: 2 },
    });
  });

  it('rejects records missing an id, sender, time, body or conversation', () => {
    const { 'msg-id': _id, ...noId } = base;
    const { from: _from, ...noFrom } = base;
    const { data: _data, ...noData } = base;
    const { 'conv-id': _conv, ...noConv } = base;
    for (const record of [noId, noFrom, noData, noConv, { ...base, timestamp: 'soon' }, null, [1]]) {
      expect(mapHistoryRecord(record, 'base64')).toMatchObject({ ok: false, skip: 'malformed' });
    }
  });
});
