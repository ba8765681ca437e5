import { RateLimiter } from '../../src/session/rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per key per minute, then refuses until the window ends', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now = 59_999;
    expect(limiter.take('a')).toBe(false);
    now = 60_000;
    expect(limiter.take('a')).toBe(true);
  });

  it('prunes ended windows without forgetting live ones', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    limiter.take('old');
    now = 30_000;
    limiter.take('live');
    now = 61_000;
    limiter.prune();
    expect(limiter.take('live')).toBe(false);
    expect(limiter.take('old')).toBe(true);
  });
});
