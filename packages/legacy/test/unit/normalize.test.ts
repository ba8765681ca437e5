import { normalize } from '../helpers/observe';

// The differential suite compares normalized observations; this checks that normalizing keeps
// every difference that matters and hides only ids and times.
describe('normalize (differential comparison)', () => {
  it('hides id values but keeps where the same id recurs', () => {
    const a = normalize({ cid: 'x1', room: { id: 'x1' }, msg: { id: 'm1' } });
    const b = normalize({ cid: 'y9', room: { id: 'y9' }, msg: { id: 'm7' } });
    const c = normalize({ cid: 'y9', room: { id: 'other' }, msg: { id: 'm7' } });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('hides times but keeps their type', () => {
    expect(normalize({ t: 1, lm: { __type: 'Date', iso: 'a' } })).toEqual(normalize({ t: 2, lm: { __type: 'Date', iso: 'b' } }));
    expect(normalize({ t: 1 })).not.toEqual(normalize({ t: '1' }));
  });

  it('keeps every other value, key and order of arrays', () => {
    expect(normalize({ msg: 'a' })).not.toEqual(normalize({ msg: 'b' }));
    expect(normalize({ m: ['a', 'b'] })).not.toEqual(normalize({ m: ['b', 'a'] }));
    expect(normalize({ code: 4401 })).not.toEqual(normalize({ code: 4401, extra: true }));
  });
});
