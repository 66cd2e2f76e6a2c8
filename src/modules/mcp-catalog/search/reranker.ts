import type { CorpusStats } from './corpus-stats';
import { diversify, type StepWinner } from './diversify';
import { effectiveIdfPower, matchTerms, prepare, requestPairs, type PreparedQuery, type PreparedTerm, type RequestPair } from './prepared-query';
import type { QueryAnalysis } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';
import type { ServerDocument, ServerField } from './server-document';
import { countsOf, entryEnd, entryStart, FIELDS, indexOfTerm, termIdCount, TOOL_POSTINGS_AT, type Counts } from './server-term-tables';

export { warmRerankerCache } from './server-term-tables';
export { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';
export { effectiveIdfPower, topicalWeight } from './prepared-query';

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

/**
 * Working arrays of the score-only path (a request scores every candidate several times; fresh
 * arrays for each were a good part of its garbage). Scoring is synchronous and never nests, so one
 * set serves the process; explanations, which outlive the call, get their own.
 */
const scratch = { present: [] as PreparedTerm[], held: [] as number[], scores: new Float64Array(256) };

/** Why a candidate scored: collected only when a ranked server is explained. */
interface Explanation {
  readonly fields: Set<ServerField>;
  readonly terms: string[];
  tools: MatchedTool[];
}

/** A request pair whose two words the server holds, with the index of each among its terms. */
interface HeldPair {
  readonly pair: RequestPair;
  readonly a: number;
  readonly b: number;
}

/**
 * Fills `scores` (zeroed, one slot per tool) with each tool's score from the request terms the
 * server contains (`present[k]` is its `held[k]`-th term), 0 where nothing matched. Only the tools listed
 * under a term are visited; each tool still sums its terms in request order, so scores are the same
 * as a tool-by-tool pass.
 */
function fillToolScores(
  scores: Float64Array,
  c: Candidate,
  present: readonly PreparedTerm[],
  held: readonly number[],
  stats: CorpusStats,
  o: RerankerOptions,
  pairs: readonly HeldPair[],
  hits?: (string[] | undefined)[],
): void {
  const { counts } = c;
  const { tools, table } = counts;
  for (let k = 0; k < present.length; k++) {
    const q = present[k] as PreparedTerm;
    const index = held[k] as number;
    const end = entryEnd(counts, index);
    for (let j = entryStart(counts, index) + TOOL_POSTINGS_AT; j < end; j += 3) {
      const i = table[j] as number;
      const tf = o.toolNameBoost * (table[j + 1] as number) + (table[j + 2] as number);
      if (tf === 0) continue;
      const norm = 1 - o.toolLengthNorm + (o.toolLengthNorm * (tools[i] as Counts['tools'][number]).len) / stats.avgToolLength;
      const ntf = tf / norm;
      scores[i] = (scores[i] as number) + q.weight * q.toolIdf * ((ntf * (o.k1 + 1)) / (ntf + o.k1));
      if (hits) (hits[i] ??= []).push(q.term);
    }
  }
  // Only a tool that holds both words can hold the pair: walk the two words' tool lists (both in
  // tool order) together. Such a tool already scores; each tool adds its pairs in request order.
  for (const { pair, a, b } of pairs) {
    const bonus = (o.phraseWeight ?? 0) * pair.weight;
    const aEnd = entryEnd(counts, a);
    const bEnd = entryEnd(counts, b);
    for (let x = entryStart(counts, a) + TOOL_POSTINGS_AT, y = entryStart(counts, b) + TOOL_POSTINGS_AT; x < aEnd && y < bEnd; ) {
      const ta = table[x] as number;
      const tb = table[y] as number;
      if (ta < tb) x += 3;
      else if (ta > tb) y += 3;
      else {
        if (scores[ta] !== 0 && (tools[ta] as Counts['tools'][number]).pairs.has(pair.key)) scores[ta] = (scores[ta] as number) + bonus;
        x += 3;
        y += 3;
      }
    }
  }
  for (const i of counts.pseudoTools) scores[i] = (scores[i] as number) * o.pseudoToolFactor;
}

/** The matched tools, best first (ties in tool order). */
function matchedTools(c: Candidate, scores: Float64Array, hits: readonly (string[] | undefined)[]): MatchedTool[] {
  const out: MatchedTool[] = [];
  scores.forEach((score, i) => {
    if (score > 0) out.push({ name: c.doc.tools[i]?.name ?? '', score, terms: hits[i] ?? [] });
  });
  return out.sort((a, b) => b.score - a.score);
}

/** Best tool plus `toolRestWeight` x the 2nd..5th of the first `count` scores (in descending order, as over the sorted list). */
function toolEvidence(scores: Float64Array, count: number, o: RerankerOptions): number {
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = scores[i] as number;
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


function scoreArray(tools: number, detail: boolean): Float64Array {
  if (detail) return new Float64Array(tools);
  if (scratch.scores.length < tools) scratch.scores = new Float64Array(Math.max(tools, 2 * scratch.scores.length));
  scratch.scores.fill(0, 0, tools);
  return scratch.scores;
}

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

const NO_PAIRS: readonly HeldPair[] = [];

function heldPairs(counts: Counts, pairs: readonly RequestPair[] | undefined): readonly HeldPair[] {
  if (!pairs || pairs.length === 0) return NO_PAIRS;
  const out: HeldPair[] = [];
  for (const pair of pairs) {
    const a = indexOfTerm(counts, pair.a);
    const b = a < 0 ? -1 : indexOfTerm(counts, pair.b);
    if (b >= 0) out.push({ pair, a, b });
  }
  return out;
}

/**
 * Scores one candidate. With `explain` it also records the matched fields, terms and tools there;
 * without (the ranking passes read only the score) it allocates next to nothing.
 */
function scoreDocument(c: Candidate, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions, explain?: Explanation): number {
  const { doc, counts } = c;
  const f = fieldParams(o, stats);
  const detail = explain !== undefined;
  let bm25 = 0;
  let covered = 0;
  let named = 0;
  const present = detail ? [] : scratch.present;
  const held = detail ? [] : scratch.held;
  present.length = 0;
  held.length = 0;
  matchTerms(counts, query, present, held);
  const table = counts.table;
  for (let k = 0; k < present.length; k++) {
    const q = present[k] as PreparedTerm;
    const at = entryStart(counts, held[k] as number);
    let pseudo = 0;
    for (let fi = 0; fi < TOOL_POSTINGS_AT; fi++) {
      const tf = table[at + fi] as number;
      if (!tf) continue;
      const b = f.norm[fi] as number;
      pseudo += ((f.weight[fi] as number) * tf) / (1 - b + (b * (counts.fieldLength[fi] as number)) / (f.avgLength[fi] as number));
      explain?.fields.add(FIELDS[fi] as ServerField);
    }
    if (pseudo === 0) continue;
    explain?.terms.push(q.term);
    // table[at] is the term's count in the server's name (FIELDS[0]). A product the request names is
    // what every one of that product's tools is about, though tool texts rarely repeat the name.
    if (q.product > 0 && (table[at] as number) > 0) named += q.weight * q.toolIdf * q.product;
    covered += q.weight * q.serverIdf;
    bm25 += q.weight * q.serverIdf * ((pseudo * (o.k1 + 1)) / (pseudo + o.k1));
  }
  // Only terms the server contains can score a tool; long requests make this the hot loop.
  const pairs = heldPairs(counts, query.pairs);
  const hits: (string[] | undefined)[] | undefined = detail ? [] : undefined;
  const toolCount = present.length > 0 ? counts.tools.length : 0;
  const scores = scoreArray(toolCount, detail);
  if (toolCount > 0) fillToolScores(scores, c, present, held, stats, o, pairs, hits);
  const best = toolEvidence(scores, toolCount, o) + query.productNameWeight * named;
  if (explain && hits) explain.tools = matchedTools(c, scores, hits);
  const coverage = covered / query.mass;
  return (bm25 + o.toolWeight * best) / query.mass + o.coverageWeight * coverage + o.priorWeight * doc.prior;
}

function explainDocument(c: Candidate, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions): Explanation {
  const explain: Explanation = { fields: new Set(), terms: [], tools: [] };
  scoreDocument(c, query, stats, o, explain);
  return explain;
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
    const prepared = prepare(part.terms, stats, part.implied ? 1 : idfPower, o, part.text);
    const pool = part.implied ? all : shortlist;
    const scores = pool.map((c) => ({ id: c.doc.id, s: scoreDocument(c, prepared, stats, o) })).sort((a, b) => b.s - a.s);
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
  private detail: Explanation | undefined;

  constructor(
    readonly id: string,
    readonly score: number,
    private readonly explain: () => Explanation,
  ) {}

  private get whole(): Explanation {
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

/** A candidate with its whole-request score. */
interface Scored {
  readonly c: Candidate;
  readonly score: number;
}

/**
 * Re-ranking of one request's candidates, fed as they arrive: the full-text list usually comes back
 * before the vector list, and scoring it while the vector query runs takes the whole-request pass
 * off a search's critical path. Scores are comparable across candidates of one request only.
 * Multi-part requests add each part's best evidence so a server needed by one clause is not
 * drowned by the others.
 */
export class Reranking {
  private readonly options: RerankerOptions;
  private whole: PreparedQuery | undefined;
  /** How many term ids existed when `whole` was prepared (see `prepared`). */
  private preparedAt = -1;
  private readonly scored = new Map<ServerDocument, Scored>();

  constructor(
    private readonly query: QueryAnalysis,
    private readonly stats: CorpusStats,
    baseOptions: RerankerOptions = DEFAULT_RERANKER_OPTIONS,
  ) {
    this.options = shortRequestOptions(query.terms.length, baseOptions);
  }

  /** Scores candidates ahead of `result` (any order, repeats ignored). */
  add(docs: readonly ServerDocument[]): void {
    // All counted before the request is prepared: a re-preparation drops scores taken earlier, so which
    // documents still need scoring is only known after it.
    const pool = docs.map((doc) => ({ doc, counts: countsOf(doc) }));
    const whole = this.prepared();
    for (const c of pool) if (!this.scored.has(c.doc)) this.scored.set(c.doc, { c, score: scoreDocument(c, whole, this.stats, this.options) });
  }

  /** Every candidate ranked, best first; `candidates` in the order the stages listed them (ties in the shortlist follow it). */
  result(candidates: readonly ServerDocument[]): RankedServer[] {
    const scored = this.scoredInOrder(candidates);
    const { query, stats, options } = this;
    const whole = this.prepared();
    const shortlist = [...scored].sort((a, b) => b.score - a.score).slice(0, PART_POOL).map((x) => x.c);
    const { votes, winners } = partVotes(query, shortlist, scored.map((x) => x.c), stats, options);
    const ranked = scored.map(({ c, score }) =>
      new ExplainedLater(c.doc.id, score + options.partWeight * (votes.get(c.doc.id) ?? 0), () => explainDocument(c, whole, stats, options)));
    return diversify(ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)), winners, options);
  }

  /** Every candidate with its score, in `candidates` order; with nothing added before, without the map. */
  private scoredInOrder(candidates: readonly ServerDocument[]): readonly Scored[] {
    if (this.scored.size === 0) return this.score(candidates);
    this.add(candidates);
    return candidates.map((doc) => this.scored.get(doc) as Scored);
  }

  /** Counts the documents first, then prepares the request (see `prepared`) and scores them. */
  private score(docs: readonly ServerDocument[]): Scored[] {
    const pool = docs.map((doc) => ({ doc, counts: countsOf(doc) }));
    const whole = this.prepared();
    return pool.map((c) => ({ c, score: scoreDocument(c, whole, this.stats, this.options) }));
  }

  /**
   * The whole request, prepared once candidates are counted: a term's id exists once some document
   * holding it has been counted. Documents counted since (new ids) prepare it again and drop the
   * scores taken without them; a loaded snapshot counts all its documents up front, so in service
   * this never happens.
   */
  private prepared(): PreparedQuery {
    if (this.whole && this.preparedAt === termIdCount()) return this.whole;
    const { query, stats, options } = this;
    const prepared = prepare(query.terms, stats, effectiveIdfPower(query.terms.length, options), options, query.text);
    this.whole = (options.phraseWeight ?? 0) > 0 ? { ...prepared, pairs: requestPairs(query.text, prepared.terms) } : prepared;
    this.preparedAt = termIdCount();
    this.scored.clear();
    return this.whole;
  }
}

/** Re-ranks candidates already all at hand (see Reranking). */
export function rerank(
  query: QueryAnalysis,
  candidates: readonly ServerDocument[],
  stats: CorpusStats,
  baseOptions: RerankerOptions = DEFAULT_RERANKER_OPTIONS,
): RankedServer[] {
  return new Reranking(query, stats, baseOptions).result(candidates);
}
