import { createHmac } from 'node:crypto';
import { SignatureVerifier } from '../../src/signature/signature-verifier';

const now = 1_760_000_000_000;
const verifier = new SignatureVerifier('app', 'master', 6 * 3600 * 1000, () => now);
const hmac = (text: string) => createHmac('sha1', 'master').update(text).digest('hex');

describe('SignatureVerifier', () => {
  it('accepts login signatures with seconds or ms timestamps, as numbers or strings', () => {
    const seconds = now / 1000;
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: seconds, n: 'n', s: hmac(`app:a::${seconds}:n`) })).toBeUndefined();
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: String(now), n: 'n', s: hmac(`app:a::${now}:n`) })).toBeUndefined();
  });

  it('uses t verbatim in the signed string', () => {
    const signed = hmac(`app:a::${now}:n`);
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: `0${now}`, n: 'n', s: signed })).toBe('mismatch');
  });

  it('refuses missing, stale, future and wrong signatures', () => {
    expect(verifier.check({ kind: 'login', clientId: 'a' }, undefined)).toBe('missing');
    const old = now - 6 * 3600 * 1000 - 1;
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: old, n: 'n', s: hmac(`app:a::${old}:n`) })).toBe('stale');
    const future = now + 7 * 3600 * 1000;
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: future, n: 'n', s: hmac(`app:a::${future}:n`) })).toBe('stale');
    expect(verifier.check({ kind: 'login', clientId: 'a' }, { t: 'soon', n: 'n', s: 'x' })).toBe('stale');
    expect(verifier.check({ kind: 'login', clientId: 'b' }, { t: now, n: 'n', s: hmac(`app:a::${now}:n`) })).toBe('mismatch');
  });

  it('signs start with members sorted in JavaScript order, as sent', () => {
    const members = ['b', 'B', 'a10', 'a2'];
    const text = `app:me:${[...members].sort().join(':')}:${now}:n`;
    expect(text).toContain('B:a10:a2:b');
    expect(verifier.check({ kind: 'start', clientId: 'me', members }, { t: now, n: 'n', s: hmac(text) })).toBeUndefined();
    expect(verifier.check({ kind: 'start', clientId: 'me', members: [] }, { t: now, n: 'n', s: hmac(`app:me::${now}:n`) })).toBeUndefined();
  });

  it('signs invite and kick with the conversation id and action; a self-join may sign an empty member list', () => {
    const invite = hmac(`app:me:cid:x:y:${now}:n:invite`);
    expect(verifier.check({ kind: 'invite', clientId: 'me', cid: 'cid', members: ['y', 'x'] }, { t: now, n: 'n', s: invite })).toBeUndefined();
    expect(verifier.check({ kind: 'kick', clientId: 'me', cid: 'cid', members: ['y', 'x'] }, { t: now, n: 'n', s: invite })).toBe('mismatch');
    const emptyJoin = hmac(`app:me:cid::${now}:n:invite`);
    expect(verifier.check({ kind: 'invite', clientId: 'me', cid: 'cid', members: ['me'] }, { t: now, n: 'n', s: emptyJoin })).toBeUndefined();
    expect(verifier.check({ kind: 'invite', clientId: 'me', cid: 'cid', members: ['other'] }, { t: now, n: 'n', s: hmac(`app:me:cid::${now}:n:invite`) })).toBe('mismatch');
  });
});
