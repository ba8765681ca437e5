import { decodeServerFrame, encodeFrame, expectedReplyKind, replyError, ProtocolError, ServerError, isRealtimeError } from '@realtime/core';

describe('codec', () => {
  it('decodes a bare {} as a heartbeat', () => {
    expect(decodeServerFrame('{}')).toEqual({});
  });

  it('decodes a direct push and keeps unknown keys', () => {
    const frame = decodeServerFrame(JSON.stringify({ cmd: 'direct', cid: 'c', id: 'm1', fromPeerId: 'a', timestamp: 5, msg: 'hi', extra: 1 }));
    expect(frame).toMatchObject({ cmd: 'direct', cid: 'c', id: 'm1', msg: 'hi', extra: 1 });
  });

  it('decodes binary frames as UTF-8 text', () => {
    const frame = decodeServerFrame(new TextEncoder().encode('{"cmd":"logs","i":3,"logs":[]}'));
    expect(frame).toEqual({ cmd: 'logs', i: 3, logs: [] });
  });

  it.each([
    ['not json', 'nope'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['a non-string cmd', '{"cmd":5}'],
    ['a string i', '{"cmd":"ack","i":"7"}'],
    ['a direct without id', '{"cmd":"direct","cid":"c","msg":"x"}'],
    ['results that are not an array', '{"cmd":"conv","op":"results","results":{}}'],
    ['an error frame without code', '{"cmd":"error","i":1}'],
  ])('rejects %s with a ProtocolError', (_name, text) => {
    expect(() => decodeServerFrame(text)).toThrow(ProtocolError);
    try {
      decodeServerFrame(text);
    } catch (error) {
      expect(isRealtimeError(error) && error.code).toBe('PROTOCOL_ERROR');
    }
  });

  it('passes kinds it does not know (even ones named like Object members) with only the envelope checked', () => {
    for (const cmd of ['future-push', 'constructor', '__proto__', 'toString']) {
      expect(decodeServerFrame(JSON.stringify({ cmd, i: 1, extra: true }))).toMatchObject({ cmd, extra: true });
    }
    expect(() => decodeServerFrame('{"cmd":"constructor","op":5}')).toThrow(ProtocolError);
  });

  it('checks a direct push\'s optional timestamp only when present', () => {
    expect(() => decodeServerFrame('{"cmd":"direct","cid":"c","id":"m","msg":"x","timestamp":"late"}')).toThrow(ProtocolError);
    expect(decodeServerFrame('{"cmd":"direct","cid":"c","id":"m","msg":"x"}')).toMatchObject({ id: 'm' });
  });

  it('encodes frames as compact JSON without undefined fields', () => {
    expect(encodeFrame({ cmd: 'logs', cid: 'c', limit: 20, t: undefined, i: 1 })).toBe('{"cmd":"logs","cid":"c","limit":20,"i":1}');
  });

  it('names the reply kind of every request', () => {
    expect(expectedReplyKind({ cmd: 'session', op: 'open', appId: 'a', peerId: 'p' })).toBe('session-opened');
    expect(expectedReplyKind({ cmd: 'session', op: 'query', sessionPeerIds: [] })).toBe('session-query-result');
    expect(expectedReplyKind({ cmd: 'conv', op: 'start', m: [], attr: {}, transient: false })).toBe('conv-started');
    expect(expectedReplyKind({ cmd: 'conv', op: 'count', cid: 'c' })).toBe('conv-result');
    expect(expectedReplyKind({ cmd: 'conv', op: 'query', where: {}, sort: '-lm', limit: 10, skip: 0 })).toBe('conv-results');
    expect(expectedReplyKind({ cmd: 'direct', cid: 'c', msg: 'x', r: false, transient: false })).toBe('ack');
    expect(expectedReplyKind({ cmd: 'logs', cid: 'c', limit: 1 })).toBe('logs');
    expect(expectedReplyKind({ cmd: 'session', op: 'close' })).toBe('session-closed');
    expect(expectedReplyKind({ cmd: 'conv', op: 'add', cid: 'c', m: [] })).toBe('conv-added');
    expect(expectedReplyKind({ cmd: 'conv', op: 'remove', cid: 'c', m: [] })).toBe('conv-removed');
    expect(expectedReplyKind({ cmd: 'conv', op: 'update', cid: 'c', attr: {} })).toBe('conv-updated');
  });

  it('maps error replies to coded ServerErrors', () => {
    const error = replyError({ cmd: 'error', i: 2, code: 4303, reason: 'CONVERSATION_NOT_FOUND', detail: 'gone' });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'CONVERSATION_NOT_FOUND', wireCode: 4303, reason: 'CONVERSATION_NOT_FOUND', retryable: false });
    expect(replyError({ cmd: 'ack', i: 2, code: 4401 })?.code).toBe('INVALID_MESSAGING_TARGET');
    expect(replyError({ cmd: 'ack', i: 2, code: 4402, appCode: 17 })).toMatchObject({ code: 'MESSAGE_REJECTED_BY_APP', appCode: 17 });
    expect(replyError({ cmd: 'session', op: 'closed', i: 2, code: 4102 })?.code).toBe('SIGNATURE_FAILED');
    expect(replyError({ cmd: 'ack', i: 2, code: 9999 })?.code).toBe('SERVER_ERROR');
    expect(replyError({ cmd: 'ack', i: 2, uid: 'u', t: 1 })).toBeUndefined();
  });
});
