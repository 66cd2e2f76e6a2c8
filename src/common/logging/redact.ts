/**
 * Field names whose values are secrets or may hold them. Matching is on the key, at any depth, so a
 * new field called `slackToken` is hidden without anyone remembering to list it.
 */
const SECRET_KEY = /token|secret|passw(or)?d|key|credential|authorization|cookie|private/i;
const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of `value` with every secret-named field replaced; cycles and deep nesting are cut. */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactSecrets(item, depth + 1, seen);
  }
  return copy;
}

/** Hides the values of secret-named query parameters in a URL path such as `/x?access_token=...`. */
export function redactUrl(url: string): string {
  const index = url.indexOf('?');
  if (index < 0) return url;
  const params = new URLSearchParams(url.slice(index + 1));
  for (const key of [...params.keys()]) if (isSecretKey(key)) params.set(key, REDACTED);
  return `${url.slice(0, index)}?${params.toString()}`;
}
