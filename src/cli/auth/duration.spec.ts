import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([['3600', 3600], ['90s', 90], ['15m', 900], ['1h', 3600], ['7d', 604_800]])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '0', '-5m', '1w', 'soon', '1.5h'])('refuses %p', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});
