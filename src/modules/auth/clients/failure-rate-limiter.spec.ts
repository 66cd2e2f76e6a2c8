import { FailureRateLimiter } from './failure-rate-limiter';

describe('FailureRateLimiter', () => {
  let now = 0;
  const limiter = () => new FailureRateLimiter(3, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a key try until it reaches the limit, then says how long to wait', () => {
    const l = limiter();
    for (let i = 0; i < 2; i += 1) l.recordFailure('k');
    expect(l.retryAfterSeconds('k')).toBe(0);
    l.recordFailure('k');
    expect(l.retryAfterSeconds('k')).toBe(60);
    now += 45_000;
    expect(l.retryAfterSeconds('k')).toBe(15);
    expect(l.retryAfterSeconds('other')).toBe(0);
  });

  it('opens again when the window ends, and on reset', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.recordFailure('k');
    now += 60_000;
    expect(l.retryAfterSeconds('k')).toBe(0);
    l.recordFailure('k');
    expect(l.retryAfterSeconds('k')).toBe(0);
    for (let i = 0; i < 3; i += 1) l.recordFailure('j');
    l.reset('j');
    expect(l.retryAfterSeconds('j')).toBe(0);
  });
});
