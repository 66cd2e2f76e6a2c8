import { CatalogSearchErrorCode as Code } from './catalog-search.errors';
import { decodeQueryValue, parseLimit, parseSearchParams, validateSearchQuery } from './catalog-search.validation';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('search input validation', () => {
  it('accepts a normal request', () => {
    expect(() => validateSearchQuery({ text: 'send an email', limit: 10 })).not.toThrow();
    expect(() => validateSearchQuery({ text: 'x'.repeat(2000), limit: 50 })).not.toThrow();
  });

  it('checks the limit first, then the text', () => {
    expect(codeOf(() => validateSearchQuery({ text: '', limit: 0 }))).toBe(Code.LIMIT_OUT_OF_RANGE);
    expect(codeOf(() => validateSearchQuery({ text: 'a', limit: 51 }))).toBe(Code.LIMIT_OUT_OF_RANGE);
    expect(codeOf(() => validateSearchQuery({ text: 'a', limit: 2.5 }))).toBe(Code.LIMIT_OUT_OF_RANGE);
    expect(codeOf(() => validateSearchQuery({ text: '   ', limit: 5 }))).toBe(Code.QUERY_EMPTY);
    expect(codeOf(() => validateSearchQuery({ text: 'x'.repeat(2001), limit: 5 }))).toBe(Code.QUERY_TOO_LONG);
  });

  it('rejects text that was not valid UTF-8', () => {
    expect(codeOf(() => validateSearchQuery({ text: 'bad \uD800 surrogate', limit: 5 }))).toBe(Code.QUERY_NOT_UTF8);
    expect(codeOf(() => validateSearchQuery({ text: 'replacement \uFFFD char', limit: 5 }))).toBe(Code.QUERY_NOT_UTF8);
    expect(() => validateSearchQuery({ text: 'emoji 😀 ok', limit: 5 })).not.toThrow();
  });

  it('rejects an empty category', () => {
    expect(codeOf(() => validateSearchQuery({ text: 'a', limit: 5, category: ' ' }))).toBe(Code.UNKNOWN_CATEGORY);
  });
});

describe('strict query-string decoding', () => {
  it('decodes percent escapes as UTF-8 bytes and + as a space', () => {
    expect(decodeQueryValue('caf%C3%A9+menu', 'q')).toBe('café menu');
    expect(decodeQueryValue('%E2%82%AC%20100', 'q')).toBe('€ 100');
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(codeOf(() => decodeQueryValue('%FF%FE', 'q'))).toBe(Code.QUERY_NOT_UTF8);
    expect(codeOf(() => decodeQueryValue('%C3', 'q'))).toBe(Code.QUERY_NOT_UTF8);
  });

  it('parses only the known parameters and rejects repeats', () => {
    expect(parseSearchParams('q=slack+bot&limit=5&category=chat&other=1')).toEqual({ q: 'slack bot', limit: '5', category: 'chat' });
    expect(parseSearchParams('')).toEqual({});
    expect(codeOf(() => parseSearchParams('q=a&q=b'))).toBe(Code.BAD_PARAMETER);
  });

  it('reads the limit: default 10, integers only', () => {
    expect(parseLimit(undefined)).toBe(10);
    expect(parseLimit('7')).toBe(7);
    expect(parseLimit('0')).toBe(0);
    expect(codeOf(() => parseLimit('ten'))).toBe(Code.LIMIT_OUT_OF_RANGE);
    expect(codeOf(() => parseLimit('1e3'))).toBe(Code.LIMIT_OUT_OF_RANGE);
  });
});
