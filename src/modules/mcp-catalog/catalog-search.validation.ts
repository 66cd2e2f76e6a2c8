import { CatalogSearchErrorCode as Code, CatalogSearchInvalid } from './catalog-search.errors';
import type { CatalogSearchQuery } from './catalog.types';

export const MAX_QUERY_CHARS = 2000;
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a search before any work: the limit first (cheapest, and the contract's first rule), then
 * the text. Category membership needs the catalog and is checked by the service.
 */
export function validateSearchQuery(query: CatalogSearchQuery): void {
  const { limit, text } = query;
  if (!Number.isInteger(limit) || limit < MIN_LIMIT || limit > MAX_LIMIT) {
    throw new CatalogSearchInvalid(Code.LIMIT_OUT_OF_RANGE, `limit must be an integer between ${MIN_LIMIT} and ${MAX_LIMIT}`, { min: MIN_LIMIT, max: MAX_LIMIT });
  }
  if (typeof text !== 'string' || text.trim().length === 0) throw new CatalogSearchInvalid(Code.QUERY_EMPTY, 'q must not be empty');
  if (text.length > MAX_QUERY_CHARS) {
    throw new CatalogSearchInvalid(Code.QUERY_TOO_LONG, `q must be at most ${MAX_QUERY_CHARS} characters`, { max: MAX_QUERY_CHARS, length: text.length });
  }
  // Lone surrogates (from a JS caller) or U+FFFD (bytes that were not UTF-8) mean the text is not what the user typed.
  if (LONE_SURROGATE.test(text) || text.includes('\uFFFD')) throw new CatalogSearchInvalid(Code.QUERY_NOT_UTF8, 'q must be valid UTF-8 text');
  if (query.category !== undefined && query.category.trim().length === 0) {
    throw new CatalogSearchInvalid(Code.UNKNOWN_CATEGORY, 'category must not be empty', { category: query.category });
  }
}

const PERCENT_BYTES = /%([0-9a-fA-F]{2})/g;

/**
 * Decodes one query-string value strictly: `+` is a space, percent escapes are bytes, and the bytes
 * must be UTF-8. Express's parser silently keeps malformed escapes, so the controller reads the raw
 * query string through this instead.
 */
export function decodeQueryValue(raw: string, name: string): string {
  const bytes: number[] = [];
  const text = raw.replace(/\+/g, ' ');
  let last = 0;
  for (const match of text.matchAll(PERCENT_BYTES)) {
    bytes.push(...Buffer.from(text.slice(last, match.index), 'utf8'));
    bytes.push(parseInt(match[1] as string, 16));
    last = (match.index ?? 0) + match[0].length;
  }
  bytes.push(...Buffer.from(text.slice(last), 'utf8'));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    throw new CatalogSearchInvalid(Code.QUERY_NOT_UTF8, `${name} must be valid UTF-8 (percent-encoded)`);
  }
}

/** The search parameters from a raw query string (`a=1&b=2`), decoded strictly; repeated keys are rejected. */
export function parseSearchParams(rawQueryString: string): { q?: string; limit?: string; category?: string } {
  const out: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryValue(eq < 0 ? pair : pair.slice(0, eq), 'parameter name');
    if (key !== 'q' && key !== 'limit' && key !== 'category') continue;
    if (key in out) throw new CatalogSearchInvalid(Code.BAD_PARAMETER, `${key} must be given once`, { parameter: key });
    out[key] = decodeQueryValue(eq < 0 ? '' : pair.slice(eq + 1), key);
  }
  return out;
}

/** `limit` from the query string: absent means the default; anything but a plain integer is out of range. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  if (!/^-?\d{1,6}$/.test(raw.trim())) {
    throw new CatalogSearchInvalid(Code.LIMIT_OUT_OF_RANGE, `limit must be an integer between ${MIN_LIMIT} and ${MAX_LIMIT}`, { min: MIN_LIMIT, max: MAX_LIMIT });
  }
  return Number(raw.trim());
}
