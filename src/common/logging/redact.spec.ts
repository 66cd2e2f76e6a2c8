import { redactSecrets, redactUrl } from './redact';

describe('log redaction', () => {
  it('hides secret-named fields at any depth and keeps the rest', () => {
    const input = {
      method: 'PUT',
      headers: { authorization: 'Bearer abc', cookie: 'sid=1', accept: 'json' },
      body: { credentials: { slack: { SLACK_BOT_TOKEN: 'xoxb-1' } }, items: [{ apiKey: 'k', name: 'n' }], password: 'p' },
    };
    expect(redactSecrets(input)).toEqual({
      method: 'PUT',
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'json' },
      body: { credentials: '[REDACTED]', items: [{ apiKey: '[REDACTED]', name: 'n' }], password: '[REDACTED]' },
    });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactSecrets(a)).toEqual({ name: 'a', self: '[Truncated]' });
  });

  it('hides secret-named query parameters in URLs', () => {
    expect(redactUrl('/cb?access_token=abc&state=1')).toBe('/cb?access_token=%5BREDACTED%5D&state=1');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
