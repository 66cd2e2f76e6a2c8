import type { CorpusStats } from './corpus-stats';
import { matchTerms, type PreparedQuery, type PreparedTerm, type RequestPair } from './prepared-query';
import type { RerankerOptions } from './reranker-options';
import type { ServerDocument, ServerField } from './server-document';
import { entryEnd, entryStart, FIELDS, indexOfTerm, TOOL_POSTINGS_AT, type Counts } from './server-term-tables';

/**
 * One candidate's score against a prepared request: field BM25, tool evidence, the named-product
 * credit and coverage. The score-only path runs hundreds of times per search, so it works in
 * process-wide buffers and allocates next to nothing; the re-ranker (reranker.ts) combines the scores.
 */

export interface MatchedTool {
  readonly name: string;
  readonly score: number;
  readonly terms: readonly string[];
}

/** A candidate with its precomputed counts (looked up once per request). */
export interface Candidate {
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
export interface Explanation {
  readonly fields: Set<ServerField>;
  readonly terms: string[];
  tools: MatchedTool[];
}

/**
 * The request pairs whose two words the current candidate holds, with the index of each word among
 * its terms (see heldPairs): one buffer for the process, as scoring is synchronous and never nests.
 */
const heldPairBuffer = { pairs: [] as RequestPair[], a: new Int32Array(16), b: new Int32Array(16) };

/**
 * Fills `scores` (zeroed, one slot per tool) with each tool's score from the `count` request terms the
 * server contains (`present[k]` is its `held[k]`-th term), 0 where nothing matched. Only the tools listed
 * under a term are visited; each tool still sums its terms in request order, so scores are the same
 * as a tool-by-tool pass.
 */
function fillToolScores(
  scores: Float64Array,
  c: Candidate,
  present: readonly PreparedTerm[],
  held: readonly number[],
  count: number,
  stats: CorpusStats,
  o: RerankerOptions,
  pairCount: number,
  hits?: (string[] | undefined)[],
): void {
  const { counts } = c;
  const { tools, table } = counts;
  for (let k = 0; k < count; k++) {
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
  for (let p = 0; p < pairCount; p++) {
    const pair = heldPairBuffer.pairs[p] as RequestPair;
    const a = heldPairBuffer.a[p] as number;
    const b = heldPairBuffer.b[p] as number;
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

/** The five best tool scores of the current candidate, best first (one buffer: scoring never nests). */
const topTools = new Float64Array(5);

/** Best tool plus `toolRestWeight` x the 2nd..5th of the first `count` scores (in descending order, as over the sorted list). */
function toolEvidence(scores: Float64Array, count: number, o: RerankerOptions): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[i] as number;
    if (!(s > 0) || (kept === 5 && s <= (topTools[4] as number))) continue;
    // Insert after equal scores, dropping the fifth when full.
    let at = Math.min(kept, 4);
    while (at > 0 && (topTools[at - 1] as number) < s) {
      topTools[at] = topTools[at - 1] as number;
      at--;
    }
    topTools[at] = s;
    if (kept < 5) kept++;
  }
  let best = kept > 0 ? (topTools[0] as number) : 0;
  for (let i = 1; i < kept; i++) best += o.toolRestWeight * (topTools[i] as number);
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

/** Writes the request pairs the server holds to `heldPairBuffer` and returns how many there are. */
function heldPairs(counts: Counts, pairs: readonly RequestPair[] | undefined): number {
  if (!pairs || pairs.length === 0) return 0;
  const buffer = heldPairBuffer;
  if (buffer.a.length < pairs.length) {
    buffer.a = new Int32Array(pairs.length);
    buffer.b = new Int32Array(pairs.length);
  }
  let count = 0;
  for (let p = 0; p < pairs.length; p++) {
    const pair = pairs[p] as RequestPair;
    const a = indexOfTerm(counts, pair.a);
    const b = a < 0 ? -1 : indexOfTerm(counts, pair.b);
    if (b < 0) continue;
    buffer.pairs[count] = pair;
    buffer.a[count] = a;
    buffer.b[count++] = b;
  }
  return count;
}

/**
 * Scores one candidate. With `explain` it also records the matched fields, terms and tools there;
 * without (the ranking passes read only the score) it allocates next to nothing.
 */
export function scoreDocument(c: Candidate, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions, explain?: Explanation): number {
  const { doc, counts } = c;
  const f = fieldParams(o, stats);
  const detail = explain !== undefined;
  let bm25 = 0;
  let covered = 0;
  let named = 0;
  const present = detail ? [] : scratch.present;
  const held = detail ? [] : scratch.held;
  const matched = matchTerms(counts, query, present, held);
  const table = counts.table;
  for (let k = 0; k < matched; k++) {
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
  const pairCount = heldPairs(counts, query.pairs);
  const hits: (string[] | undefined)[] | undefined = detail ? [] : undefined;
  const toolCount = matched > 0 ? counts.tools.length : 0;
  const scores = scoreArray(toolCount, detail);
  if (toolCount > 0) fillToolScores(scores, c, present, held, matched, stats, o, pairCount, hits);
  const best = toolEvidence(scores, toolCount, o) + query.productNameWeight * named;
  if (explain && hits) explain.tools = matchedTools(c, scores, hits);
  const coverage = covered / query.mass;
  return (bm25 + o.toolWeight * best) / query.mass + o.coverageWeight * coverage + o.priorWeight * doc.prior;
}

export function explainDocument(c: Candidate, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions): Explanation {
  const explain: Explanation = { fields: new Set(), terms: [], tools: [] };
  scoreDocument(c, query, stats, o, explain);
  return explain;
}
