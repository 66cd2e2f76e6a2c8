import { nameShare, productness, serverIdf, toolIdf, type CorpusStats } from './corpus-stats';
import type { QueryTerm } from './query-understanding';
import { shortRequestShare, type RerankerOptions } from './reranker-options';
import { indexOfTerm, knownTermId, type Counts } from './server-term-tables';
import { analyze, splitWords, stem } from './text-analyzer';

/**
 * A request as the re-ranker scores it: its terms with their idfs and weights worked out once, their
 * ids sorted for matching against a server's term table, and its word pairs.
 */

/** A request term with its idfs raised to the request's power, computed once per request. */
export interface PreparedTerm {
  readonly term: string;
  /** Undefined when no server holds the term. */
  readonly id: number | undefined;
  readonly weight: number;
  readonly serverIdf: number;
  readonly toolIdf: number;
  /** How much the request names a product with this term: its productness when written as a name or mostly a name, else 0. */
  readonly product: number;
}

export interface RequestPair {
  readonly a: number;
  readonly b: number;
  readonly key: string;
  readonly weight: number;
}

/** The scored terms' ids in ascending order, with each one's index in `terms`. */
interface TermLookup {
  readonly ids: Int32Array;
  readonly slots: Int32Array;
}

export interface PreparedQuery {
  readonly pairs?: readonly RequestPair[];
  /** Strongest first. */
  readonly terms: readonly PreparedTerm[];
  readonly lookup: TermLookup;
  readonly mass: number;
  /** Weight of the named-product credit for this request (see `productNameWeight`). */
  readonly productNameWeight: number;
}

/**
 * Only the strongest terms are scored: with idf raised to a power, the tail of
 * a 150-word request adds almost nothing but costs most of the time. The mass
 * still counts every term so scores stay comparable.
 */
const MAX_SCORED_TERMS = 96;

/**
 * Stems of the words a text writes as names: capitalised and not opening it or a sentence ("Use
 * Zapier to ...", "issues from GitHub").
 */
export function namedStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z][\w.-]*/g)) {
    const word = match[0];
    if (word[0] === word[0]?.toLowerCase()) continue;
    let i = match.index - 1;
    while (i >= 0 && /\s/.test(text[i] as string)) i--;
    // The first word of the text or of a sentence is capitalised whatever it is.
    if (i < 0 || '.!?:;'.includes(text[i] as string)) continue;
    for (const term of analyze(word)) stems.add(term);
  }
  return stems;
}

/**
 * A word not written as a name still names a product when most servers holding it carry it in their
 * name. In the shared catalog: "zapier" 1, "notion" 0.71, "bilibili" 0.67, but "weather" 0.55, "gmail"
 * 0.47, "email" 0.09, "database" 0.04. 0.6 measured: the named-product set in lower case 0.786 -> 0.857
 * with the dev set unchanged but one LiveMCPBench request each way; 0.4 also lost an MCPToolBench++ hit.
 */
const UNWRITTEN_NAME_MIN_PRODUCTNESS = 0.6;

/** Text in quotes, as "replace 'import os' with 'import sys'" writes it (an apostrophe opens or closes none). */
const QUOTED = /(?<![\w'"`])(['"`\u2018\u201c])(.+?)(?:['"`\u2019\u201d])(?![\w'"`])/g;

/** Stems a request's words give no sign of naming a product with, whatever the catalog says. */
export interface NotNames {
  /** Words only inside quotes: quoted text is the user's data ("sys" in 'import sys' is mostly a name in the catalog). */
  readonly quoted: ReadonlySet<string>;
  /** Words only written as a verb form ("driving" is not Google Drive): product names are not conjugated. */
  readonly conjugated: ReadonlySet<string>;
}

const VERB_FORM = /^[a-z]{3,}(?:ing|ed)$/;

export function notNames(text: string): NotNames {
  const quoted = new Set<string>();
  const outside = text.replace(QUOTED, (_match, _open: string, inner: string) => {
    for (const term of analyze(inner)) quoted.add(term);
    return ' ';
  });
  const conjugated = new Set<string>();
  const plain = new Set<string>();
  for (const word of splitWords(outside)) {
    const term = stem(word);
    quoted.delete(term);
    (VERB_FORM.test(word) && term !== word ? conjugated : plain).add(term);
  }
  for (const term of plain) conjugated.delete(term);
  return { quoted, conjugated };
}

/**
 * A lexicon alias ("google mail" -> gmail, "gmial" -> gmail, "our team chat" -> slack) is a product the
 * user named indirectly: it gets the full credit, whatever share of the catalog's mentions are names. In the
 * starter catalog "gmail" is 0.5 (the Google Workspace entry mentions it), which left the Gmail server 4th
 * for "write an email in google mail".
 */
function productTermWeight(stats: CorpusStats, q: QueryTerm, named: ReadonlySet<string>, not: NotNames): number {
  const { term } = q;
  if (not.quoted.has(term)) return 0;
  if (q.source === 'alias') return 1;
  const share = productness(stats, term);
  if (named.has(term)) return share;
  return share >= UNWRITTEN_NAME_MIN_PRODUCTNESS && !not.conjugated.has(term) ? share : 0;
}

/** `text` is what the terms were read from: its capitalised words are the product names (see namedStems). */
export function prepare(terms: readonly QueryTerm[], stats: CorpusStats, p: number, o: RerankerOptions, text = ''): PreparedQuery {
  const topical = topicalWeight(terms.length, o);
  const productWeight = (o.productNameWeight ?? 0) * shortRequestShare(terms.length, o);
  const names = productWeight > 0 ? { named: namedStems(text), not: notNames(text) } : undefined;
  const prepared = terms.map((q) => ({
    term: q.term,
    id: knownTermId(q.term),
    weight: topical > 0 ? q.weight * (1 + topical * nameShare(stats, q.term)) : q.weight,
    serverIdf: serverIdf(stats, q.term) ** p,
    toolIdf: toolIdf(stats, q.term) ** p,
    product: names === undefined ? 0 : productTermWeight(stats, q, names.named, names.not),
  }));
  const mass = prepared.reduce((sum, q) => sum + q.weight * q.serverIdf, 0);
  const strongest = prepared.sort((a, b) => b.weight * b.serverIdf - a.weight * a.serverIdf).slice(0, MAX_SCORED_TERMS);
  return { terms: strongest, lookup: termLookup(strongest), mass: Math.max(mass, 1e-9), productNameWeight: productWeight };
}

function termLookup(terms: readonly PreparedTerm[]): TermLookup {
  const known = terms.flatMap((t, slot) => (t.id === undefined ? [] : [{ id: t.id, slot }])).sort((a, b) => a.id - b.id);
  return { ids: Int32Array.from(known, (k) => k.id), slots: Int32Array.from(known, (k) => k.slot) };
}

/** 0 up to `from` terms, 1 from `full` on, linear in between; always 1 when `full` is not above `from`. */
function lengthRamp(termCount: number, from: number, full: number): number {
  return full > from ? Math.min(1, Math.max(0, (termCount - from) / (full - from))) : 1;
}

/** 0 up to `topicalFromTerms` terms, ramping to `topicalWeight` at `topicalFullAtTerms`. */
export function topicalWeight(termCount: number, o: RerankerOptions): number {
  const weight = o.topicalWeight ?? 0;
  const from = o.topicalFromTerms ?? 0;
  return weight > 0 ? weight * lengthRamp(termCount, from, o.topicalFullAtTerms ?? from) : 0;
}

/** 1 for short requests, ramping to `idfPower` from 8 to 30 distinct terms. */
export function effectiveIdfPower(termCount: number, o: RerankerOptions): number {
  return 1 + (o.idfPower - 1) * lengthRamp(termCount, 8, 30);
}

/** Adjacent request word pairs, weighted by their idf (short requests only: long ones are mostly filler). */
const MAX_PAIR_TERMS = 16;

export function requestPairs(text: string, terms: readonly PreparedTerm[]): RequestPair[] {
  const words = analyze(text);
  if (words.length > MAX_PAIR_TERMS) return [];
  const byTerm = new Map(terms.map((t) => [t.term, t] as const));
  const out = new Map<string, RequestPair>();
  for (let i = 0; i + 1 < words.length; i++) {
    const x = words[i] ?? '';
    const y = words[i + 1] ?? '';
    if (x === y) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a} ${b}`;
    const ta = byTerm.get(a);
    const tb = byTerm.get(b);
    // A pair of words some server holds: otherwise no tool can contain it.
    if (ta?.id === undefined || tb?.id === undefined) continue;
    out.set(key, { a: ta.id, b: tb.id, key, weight: Math.min(ta.toolIdf * ta.weight, tb.toolIdf * tb.weight) });
  }
  return [...out.values()].filter((p) => p.weight > 0);
}

/**
 * The current server's match keys, one buffer for the process: matching is synchronous and never
 * nests. A typed buffer with a count (not an array emptied by `length = 0`, which drops its storage)
 * keeps the per-candidate match from allocating.
 */
let found = new Float64Array(128);

/**
 * A server with more terms than this many times the request's is searched term by term (binary
 * search per request term); a smaller one is intersected by walking both sorted id lists.
 */
const WALK_RATIO = 8;

/**
 * Writes the request terms the server holds to `present[0..count)`, and the index of each among the
 * server's terms to `held[0..count)`, in request order (the order scores are summed in); returns
 * the count. Entries past it are stale: callers read only the first `count`.
 */
export function matchTerms(counts: Counts, query: PreparedQuery, present: PreparedTerm[], held: number[]): number {
  const { ids: wanted, slots } = query.lookup;
  const ids = counts.table;
  const n = counts.termCount;
  if (wanted.length === 0 || n === 0) return 0;
  let count = 0;
  if (n > WALK_RATIO * wanted.length) {
    for (const q of query.terms) {
      const at = q.id === undefined ? -1 : indexOfTerm(counts, q.id);
      if (at < 0) continue;
      present[count] = q;
      held[count++] = at;
    }
    return count;
  }
  // Matches come out in id order; each is keyed by (request slot, position) and put back in slot order.
  if (found.length < wanted.length) found = new Float64Array(Math.max(wanted.length, 2 * found.length));
  for (let i = 0, j = 0; i < n && j < wanted.length; ) {
    const a = ids[i] as number;
    const b = wanted[j] as number;
    if (a < b) i++;
    else if (a > b) j++;
    else found[count++] = (slots[j++] as number) * n + i++;
  }
  // Insertion sort: a server matches a few of the request's terms, and a sort call allocates its work array.
  for (let k = 1; k < count; k++) {
    const key = found[k] as number;
    let at = k - 1;
    while (at >= 0 && (found[at] as number) > key) {
      found[at + 1] = found[at] as number;
      at--;
    }
    found[at + 1] = key;
  }
  for (let k = 0; k < count; k++) {
    const key = found[k] as number;
    present[k] = query.terms[Math.floor(key / n)] as PreparedTerm;
    held[k] = key % n;
  }
  return count;
}
