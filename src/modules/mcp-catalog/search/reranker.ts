import { nameShare, serverIdf, toolIdf, type CorpusStats } from './corpus-stats';
import type { QueryAnalysis, QueryTerm } from './query-understanding';
import { analyze } from './text-analyzer';
import { diversify, type StepWinner } from './diversify';
import { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';
import type { ServerDocument, ServerField } from './server-document';
import { countsOf, FIELDS, knownTermId, TOOL_POSTINGS_AT, type Counts, type TermEntry } from './server-term-tables';

export { warmRerankerCache } from './server-term-tables';
export { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';

export interface MatchedTool {
  readonly name: string;
  readonly score: number;
  readonly terms: readonly string[];
}

export interface RankedServer {
  readonly id: string;
  readonly score: number;
  /** Fields in which some request term matched, strongest first. */
  readonly matchedFields: readonly ServerField[];
  readonly matchedTools: readonly MatchedTool[];
  readonly matchedTerms: readonly string[];
}

/** A candidate with its precomputed counts (looked up once per request). */
interface Candidate {
  readonly doc: ServerDocument;
  readonly counts: Counts;
}

/** A request term with its idfs raised to the request's power, computed once per request. */
interface PreparedTerm {
  readonly term: string;
  /** Undefined when no server holds the term. */
  readonly id: number | undefined;
  readonly weight: number;
  readonly serverIdf: number;
  readonly toolIdf: number;
}

interface RequestPair {
  readonly a: number;
  readonly b: number;
  readonly key: string;
  readonly weight: number;
}

interface PreparedQuery {
  readonly pairs?: readonly RequestPair[];
  readonly terms: readonly PreparedTerm[];
  readonly mass: number;
}

/**
 * Only the strongest terms are scored: with idf raised to a power, the tail of
 * a 150-word request adds almost nothing but costs most of the time. The mass
 * still counts every term so scores stay comparable.
 */
const MAX_SCORED_TERMS = 96;

function prepare(terms: readonly QueryTerm[], stats: CorpusStats, p: number, o: RerankerOptions): PreparedQuery {
  const topical = topicalWeight(terms.length, o);
  const prepared = terms.map((q) => ({
    term: q.term,
    id: knownTermId(q.term),
    weight: topical > 0 ? q.weight * (1 + topical * nameShare(stats, q.term)) : q.weight,
    serverIdf: serverIdf(stats, q.term) ** p,
    toolIdf: toolIdf(stats, q.term) ** p,
  }));
  const mass = prepared.reduce((sum, q) => sum + q.weight * q.serverIdf, 0);
  const strongest = prepared.sort((a, b) => b.weight * b.serverIdf - a.weight * a.serverIdf).slice(0, MAX_SCORED_TERMS);
  return { terms: strongest, mass: Math.max(mass, 1e-9) };
}

interface TermScore {
  readonly score: number;
  readonly fields: ReadonlySet<ServerField>;
  readonly terms: string[];
  readonly tools: MatchedTool[];
  readonly coverage: number;
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

function requestPairs(text: string, terms: readonly PreparedTerm[]): RequestPair[] {
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
 * Each tool's score from the request terms the server contains (`entries[k]` holds `present[k]`),
 * in tool order, 0 where nothing matched. Only the tools listed under a term are visited; each
 * tool still sums its terms in request order, so scores are the same as a tool-by-tool pass.
 */
function toolScores(
  c: Candidate,
  present: readonly PreparedTerm[],
  entries: readonly TermEntry[],
  stats: CorpusStats,
  o: RerankerOptions,
  pairs: readonly RequestPair[],
  hits?: (string[] | undefined)[],
): Float64Array {
  const { tools } = c.counts;
  const scores = new Float64Array(tools.length);
  for (let k = 0; k < present.length; k++) {
    const q = present[k] as PreparedTerm;
    const e = entries[k] as TermEntry;
    for (let j = TOOL_POSTINGS_AT; j < e.length; j += 3) {
      const i = e[j] as number;
      const tf = o.toolNameBoost * (e[j + 1] as number) + (e[j + 2] as number);
      if (tf === 0) continue;
      const norm = 1 - o.toolLengthNorm + (o.toolLengthNorm * (tools[i] as Counts['tools'][number]).len) / stats.avgToolLength;
      const ntf = tf / norm;
      scores[i] = (scores[i] as number) + q.weight * q.toolIdf * ((ntf * (o.k1 + 1)) / (ntf + o.k1));
      if (hits) (hits[i] ??= []).push(q.term);
    }
  }
  // A tool holding a request pair holds both its words, so it already scores: untouched tools are skipped.
  if (pairs.length > 0) {
    for (let i = 0; i < tools.length; i++) {
      if (scores[i] === 0) continue;
      const t = tools[i] as Counts['tools'][number];
      for (const p of pairs) if (t.pairs.has(p.key)) scores[i] = (scores[i] as number) + (o.phraseWeight ?? 0) * p.weight;
    }
  }
  for (const i of c.counts.pseudoTools) scores[i] = (scores[i] as number) * o.pseudoToolFactor;
  return scores;
}

/** The matched tools, best first (ties in tool order). */
function matchedTools(c: Candidate, scores: Float64Array, hits: readonly (string[] | undefined)[]): MatchedTool[] {
  const out: MatchedTool[] = [];
  scores.forEach((score, i) => {
    if (score > 0) out.push({ name: c.doc.tools[i]?.name ?? '', score, terms: hits[i] ?? [] });
  });
  return out.sort((a, b) => b.score - a.score);
}

/** Best tool plus `toolRestWeight` x the 2nd..5th (in descending order, as over the sorted list). */
function toolEvidence(scores: Float64Array, o: RerankerOptions): number {
  const top: number[] = [];
  for (const s of scores) {
    if (!(s > 0) || (top.length === 5 && s <= (top[4] as number))) continue;
    let at = Math.min(top.length, 4);
    while (at > 0 && (top[at - 1] as number) < s) at--;
    top.splice(at, 0, s);
    if (top.length > 5) top.pop();
  }
  let best = top[0] ?? 0;
  for (let i = 1; i < top.length; i++) best += o.toolRestWeight * (top[i] as number);
  return best;
}

const NO_FIELDS: ReadonlySet<ServerField> = new Set();
const NO_TOOLS = new Float64Array(0);

/** Field weights, length norms and average lengths in FIELDS order (indexed reads in the hot loop). */
interface FieldParams {
  readonly weight: readonly number[];
  readonly norm: readonly number[];
  readonly avgLength: readonly number[];
}

const fieldParamCache = new WeakMap<RerankerOptions, WeakMap<CorpusStats, FieldParams>>();

function fieldParams(o: RerankerOptions, stats: CorpusStats): FieldParams {
  let byStats = fieldParamCache.get(o);
  if (!byStats) fieldParamCache.set(o, (byStats = new WeakMap()));
  let p = byStats.get(stats);
  if (!p) {
    p = { weight: FIELDS.map((f) => o.fieldWeights[f]), norm: FIELDS.map((f) => o.fieldLengthNorm[f]), avgLength: FIELDS.map((f) => stats.avgFieldLength[f]) };
    byStats.set(stats, p);
  }
  return p;
}

/**
 * Scores one candidate. Without `detail` (clause votes read only the score) it skips the
 * explanation: matched fields, terms and the sorted tool list.
 */
function scoreDocument(c: Candidate, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions, detail: boolean): TermScore {
  const { doc, counts } = c;
  const f = fieldParams(o, stats);
  let bm25 = 0;
  let covered = 0;
  const fields = detail ? new Set<ServerField>() : undefined;
  const matched: string[] = [];
  const present: PreparedTerm[] = [];
  const entries: TermEntry[] = [];
  for (const q of query.terms) {
    if (q.id === undefined) continue;
    const e = counts.terms.get(q.id);
    if (!e) continue;
    present.push(q);
    entries.push(e);
    let pseudo = 0;
    for (let fi = 0; fi < TOOL_POSTINGS_AT; fi++) {
      const tf = e[fi] as number;
      if (!tf) continue;
      const b = f.norm[fi] as number;
      pseudo += ((f.weight[fi] as number) * tf) / (1 - b + (b * (counts.fieldLength[fi] as number)) / (f.avgLength[fi] as number));
      fields?.add(FIELDS[fi] as ServerField);
    }
    if (pseudo === 0) continue;
    if (detail) matched.push(q.term);
    covered += q.weight * q.serverIdf;
    bm25 += q.weight * q.serverIdf * ((pseudo * (o.k1 + 1)) / (pseudo + o.k1));
  }
  // Only terms the server contains can score a tool; long requests make this the hot loop.
  const pairs = (query.pairs ?? []).filter((p) => counts.terms.has(p.a) && counts.terms.has(p.b));
  const hits: (string[] | undefined)[] | undefined = detail ? [] : undefined;
  const scores = present.length > 0 ? toolScores(c, present, entries, stats, o, pairs, hits) : NO_TOOLS;
  const best = toolEvidence(scores, o);
  const coverage = covered / query.mass;
  const score = (bm25 + o.toolWeight * best) / query.mass + o.coverageWeight * coverage + o.priorWeight * doc.prior;
  return { score, fields: fields ?? NO_FIELDS, terms: matched, tools: hits ? matchedTools(c, scores, hits) : [], coverage };
}

/**
 * Each sub-request votes for its best servers (near-ties share the vote); the
 * share of votes is added to the whole-request score. This keeps the server that only one clause needs
 * ("...and save it as a Word file") inside the top few.
 */
const PART_POOL = 50;

interface PartEvidence {
  readonly votes: Map<string, number>;
  /** Each clause's best server, in clause order; implied steps are not bound by `diversifyDepth`. */
  readonly winners: StepWinner[];
}

function partVotes(query: QueryAnalysis, shortlist: readonly Candidate[], all: readonly Candidate[], stats: CorpusStats, o: RerankerOptions): PartEvidence {
  const votes = new Map<string, number>();
  const winners: StepWinner[] = [];
  if (o.partWeight <= 0 || query.parts.length < 2) return { votes, winners };
  const parts = query.parts.filter((p) => p.terms.length >= 2);
  // Clauses only choose among servers the whole request already ranks reasonably; this bounds the cost.
  // An implied step's words barely count in the whole request, so it chooses among all candidates (it has few words).
  // A clause is judged as sharply as the whole request it came from.
  const idfPower = effectiveIdfPower(query.terms.length, o);
  const sharp = o.partSharpness ?? 0;
  const topK = o.partTopK ?? 3;
  for (const part of parts) {
    const prepared = prepare(part.terms, stats, part.implied ? 1 : idfPower, o);
    const pool = part.implied ? all : shortlist;
    const scores = pool.map((c) => ({ id: c.doc.id, s: scoreDocument(c, prepared, stats, o, false).score })).sort((a, b) => b.s - a.s);
    const bestScore = scores[0]?.s ?? 0;
    if (bestScore <= 0) continue;
    if (scores[0]) winners.push({ id: scores[0].id, implied: part.implied === true });
    // sharpness 0: one vote for the clause's best server (round one); > 0: its near-ties share the vote.
    for (const { id, s } of scores.slice(0, sharp <= 0 ? 1 : topK)) {
      if (s <= 0) break;
      votes.set(id, (votes.get(id) ?? 0) + (s / bestScore) ** sharp / parts.length);
    }
  }
  return { votes, winners };
}

/**
 * A ranked server whose explanation (fields, tools, terms) is worked out on first read: a request
 * shows a few of its hundreds of candidates, and explaining them all cost half of the ranking.
 */
class ExplainedLater implements RankedServer {
  private detail: TermScore | undefined;

  constructor(
    readonly id: string,
    readonly score: number,
    private readonly explain: () => TermScore,
  ) {}

  private get whole(): TermScore {
    return (this.detail ??= this.explain());
  }

  get matchedFields(): readonly ServerField[] {
    const { fields } = this.whole;
    return FIELDS.filter((f) => fields.has(f));
  }

  get matchedTools(): readonly MatchedTool[] {
    return this.whole.tools.filter((t) => t.name.length > 0).slice(0, 3);
  }

  get matchedTerms(): readonly string[] {
    return this.whole.terms;
  }
}

/**
 * Pure re-ranking of the database candidates. Scores are comparable across
 * candidates of one request only. Multi-part requests add each part's best
 * evidence so a server needed by one clause is not drowned by the others.
 */
export function rerank(
  query: QueryAnalysis,
  candidates: readonly ServerDocument[],
  stats: CorpusStats,
  baseOptions: RerankerOptions = DEFAULT_RERANKER_OPTIONS,
): RankedServer[] {
  // Counted first: a term's id exists once some document holding it has been counted (see prepare).
  const pool: Candidate[] = candidates.map((doc) => ({ doc, counts: countsOf(doc) }));
  const options = shortRequestOptions(query.terms.length, baseOptions);
  const prepared = prepare(query.terms, stats, effectiveIdfPower(query.terms.length, options), options);
  const whole: PreparedQuery = (options.phraseWeight ?? 0) > 0 ? { ...prepared, pairs: requestPairs(query.text, prepared.terms) } : prepared;
  const scored = pool.map((c) => ({ c, score: scoreDocument(c, whole, stats, options, false).score }));
  const shortlist = [...scored].sort((a, b) => b.score - a.score).slice(0, PART_POOL).map((x) => x.c);
  const { votes, winners } = partVotes(query, shortlist, pool, stats, options);
  const ranked = scored.map(({ c, score }) =>
    new ExplainedLater(c.doc.id, score + options.partWeight * (votes.get(c.doc.id) ?? 0), () => scoreDocument(c, whole, stats, options, true)));
  return diversify(ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)), winners, options);
}
