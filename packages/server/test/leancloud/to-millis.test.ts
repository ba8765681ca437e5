import { toMillis } from '../../src/leancloud/to-millis';

describe('toMillis', () => {
  const ms = Date.UTC(2026, 10, 26, 11, 7, 38, 123);

  it('reads every LeanCloud date encoding to the same millisecond', () => {
    const iso = new Date(ms).toISOString();
    expect(toMillis(iso)).toBe(ms);
    expect(toMillis({ __type: 'Date', iso })).toBe(ms);
    expect(toMillis(ms)).toBe(ms);
    expect(toMillis(String(ms))).toBe(ms);
    expect(toMillis(new Date(ms))).toBe(ms);
  });

  it('returns undefined for what is not a time', () => {
    for (const value of [undefined, null, 'yesterday', {}, { __type: 'Date' }, { __type: 'Pointer', iso: 'x' }, Number.NaN, []]) {
      expect(toMillis(value)).toBeUndefined();
    }
  });
});
