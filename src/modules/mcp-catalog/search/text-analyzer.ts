import { porterStem } from './porter-stemmer';

/**
 * Tokenisation shared by documents and queries. Both sides must go through
 * the same function, otherwise lexical scores silently drift apart.
 */

/** English function words plus request filler ("please", "could you"). */
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each either else etc ever every few for from ' +
    'further had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just let lets like may me might mine more most much must my myself need needs no nor not now of off on once only ' +
    'or other ought our ours ourselves out over own per please same shall she should so some such than that the ' +
    'their theirs them themselves then there these they this those through thus to too under until up upon us ' +
    'very via was we were what whatever when where whether which while who whom whose why will with within ' +
    'without would yet you your yours yourself yourselves hey hi thanks thank really actually basically kind ' +
    'sort maybe bit quick quickly little lot lots want wants wanted d ll m re s t ve im ive id dont cant wont'
  ).split(' '),
);

/**
 * Words that name the platform itself; every server says "MCP server", so they
 * carry no signal and would only reward verbose records. "github" is not one: it
 * is a product users ask for ("create a github issue"), and ids' registry prefixes
 * ("io.github.", "github.com/") are stripped before analysis (see idParts).
 */
const PLATFORM_WORDS = new Set(['mcp', 'server', 'servers', 'model', 'context', 'protocol', 'io', 'com', 'www', 'http', 'https']);

/**
 * Version of what `analyze` produces. Stored corpus statistics and the local vectors are
 * derived from it: statistics stored under another version are treated as absent, so the
 * next start re-computes them and re-embeds the catalog. Bump it with any change to the
 * terms `analyze` returns. 2: "github" is kept.
 */
export const ANALYZER_VERSION = 2;

export interface AnalyzeOptions {
  /** Keep platform words (used for ids/names where "server" is harmless). */
  readonly keepPlatformWords?: boolean;
}

/** Splits camelCase, snake_case, kebab-case and digit boundaries into words. */
export function splitWords(text: string): string[] {
  const spaced = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[’']s\b/g, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return spaced.split(/[^a-z0-9\u4e00-\u9fff]+/).filter((w) => w.length > 0);
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const stemCache = new Map<string, string>();

/** Memoised stemming: the catalog repeats the same few thousand words. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Text -> list of stemmed terms (with repeats, in order). */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) {
    if (STOPWORDS.has(w)) continue;
    if (!options.keepPlatformWords && PLATFORM_WORDS.has(w)) continue;
    if (w.length === 1 && !/[0-9]/.test(w)) continue;
    // Bare numbers ("45", "2024") are request parameters, not capabilities; "s3", "web3" survive.
    if (/^[0-9]+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Term -> frequency. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}
