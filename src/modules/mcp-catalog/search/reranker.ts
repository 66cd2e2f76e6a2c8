import { serverIdf, toolIdf, type CorpusStats } from './corpus-stats';
import type { QueryAnalysis, QueryTerm } from './query-understanding';
import { analyze } from './text-analyzer';
import type { ServerDocument, ServerField } from './server-document';

export interface RerankerOptions {
  /** BM25F field weights: a hit in the name says more than one in a long description. */
  readonly fieldWeights: Readonly<Record<ServerField, number>>;
  readonly fieldLengthNorm: Readonly<Record<ServerField, number>>;
  readonly k1: number;
  /** Weight of the best single tool: requests are usually about one action. */
  readonly toolWeight: number;
  readonly toolNameBoost: number;
  /** Weight of the 2nd..5th best tools: several matching tools mean the server covers the job. */
  readonly toolRestWeight: number;
  /** Discount for the description stand-in of servers that list no tools (weaker evidence). */
  readonly pseudoToolFactor: number;
  /** Extra factor on the stand-in for short requests (see shortRequestOptions); 1 = off. */
  readonly shortPseudoToolFactor?: number;
  /** Requests with at most this many terms get the full `shortPseudoToolFactor`. */
  readonly shortRequestTerms?: number;
  /**
   * idf exponent for long requests (short ones use 1): chatty multi-sentence
   * requests are mostly filler, so rare words must dominate there.
   */
  readonly idfPower: number;
  readonly toolLengthNorm: number;
  /** Bonus for covering most of the request's (idf-weighted) meaning. */
  readonly coverageWeight: number;
  readonly priorWeight: number;
  /** How much each sub-request's own ranking counts against the whole request. */
  readonly partWeight: number;
  /** Clause fusion: 0 = one vote per clause for its best server; >0 = soft, each clause adds (score/best)^sharpness. */
  readonly partSharpness?: number;
  /** Soft clause fusion only credits servers within this many of a clause's best. */
  readonly partTopK?: number;
  /** Bonus for request word pairs that occur as adjacent words in one tool's name/description ("list tables"). */
  readonly phraseWeight?: number;
  /**
   * Multi-step requests: each clause's (and implied step's) best server is promoted into this many top
   * places (0 = off). A multi-step task needs one server per step more than near-duplicates for one step.
   */
  readonly diversifyTop?: number;
  /** Top places never given up to a clause winner (the whole request's best stays first). */
  readonly diversifyKeep?: number;
  /** Only clause winners the whole request ranks within this many places are promoted. */
  readonly diversifyDepth?: number;
  /**
   * Only servers scoring below this share of the best one can be displaced: in a dense field (the full
   * catalog) places 2-5 hold strong alternatives the user may want more than another step's pick.
   */
  readonly diversifyDisplaceBelow?: number;
}

export const DEFAULT_RERANKER_OPTIONS: RerankerOptions = {
  fieldWeights: { name: 3, toolName: 1.5, owner: 1, category: 0.5, description: 1, toolDescription: 0.5 },
  fieldLengthNorm: { name: 0.3, toolName: 0.5, owner: 0.2, category: 0.3, description: 0.75, toolDescription: 0.75 },
  k1: 1.2,
  toolWeight: 6,
  toolNameBoost: 1,
  toolRestWeight: 0.1,
  pseudoToolFactor: 1,
  shortPseudoToolFactor: 0.7,
  idfPower: 3,
  toolLengthNorm: 0.9,
  coverageWeight: 0.3,
  priorWeight: 0.15,
  partWeight: 0.3,
  partSharpness: 2,
  partTopK: 3,
  phraseWeight: 0.5,
  diversifyTop: 5,
  diversifyKeep: 1,
  diversifyDepth: 8,
  diversifyDisplaceBelow: 0.65,
};

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

const FIELDS: readonly ServerField[] = ['name', 'toolName', 'owner', 'category', 'description', 'toolDescription'];

/**
 * One term's evidence in one server, flattened into a small-integer array: its count in each field
 * (FIELDS order), then (tool index, count in the tool's name, count in its description) per tool
 * that contains it. Built once per snapshot, so a request term costs one map lookup per server and
 * only the tools that contain it are visited.
 */
type TermEntry = number[];
const TOOL_POSTINGS_AT = FIELDS.length;

interface Counts {
  readonly terms: ReadonlyMap<string, TermEntry>;
  /** Field lengths in FIELDS order. */
  readonly fieldLength: readonly number[];
  readonly tools: readonly { readonly len: number; readonly pairs: ReadonlySet<string> }[];
}

/** Adjacent word pairs (order-free) of each sequence. */
function pairsOf(seqs: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const seq of seqs) {
    for (let i = 0; i + 1 < seq.length; i++) {
      const a = seq[i] ?? '';
      const b = seq[i + 1] ?? '';
      if (a !== b) out.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
  }
  return out;
}

const countCache = new WeakMap<ServerDocument, Counts>();

function buildCounts(doc: ServerDocument): Counts {
  const terms = new Map<string, TermEntry>();
  const entry = (t: string): TermEntry => {
    let e = terms.get(t);
    if (!e) terms.set(t, (e = FIELDS.map(() => 0)));
    return e;
  };
  FIELDS.forEach((f, i) => {
    for (const t of doc.fields[f]) (entry(t)[i] as number)++;
  });
  doc.tools.forEach((tool, i) => {
    const own = new Map<string, [number, number]>();
    for (const t of tool.nameTerms) ((own.get(t) ?? own.set(t, [0, 0]).get(t)) as [number, number])[0]++;
    for (const t of tool.descriptionTerms) ((own.get(t) ?? own.set(t, [0, 0]).get(t)) as [number, number])[1]++;
    for (const [t, [name, desc]] of own) entry(t).push(i, name, desc);
  });
  // Arrays grown by push keep spare capacity (~25 MB of heap at 8.8k servers): copy them to exact size.
  for (const [t, e] of terms) if (e.length > TOOL_POSTINGS_AT) terms.set(t, e.slice());
  const tools = doc.tools.map((t) => ({ len: t.nameTerms.length + t.descriptionTerms.length, pairs: pairsOf([t.nameTerms, t.descriptionTerms]) }));
  return { terms, fieldLength: FIELDS.map((f) => doc.fields[f].length), tools };
}

function countsOf(doc: ServerDocument): Counts {
  let c = countCache.get(doc);
  if (!c) countCache.set(doc, (c = buildCounts(doc)));
  return c;
}

/** A candidate with its precomputed counts (looked up once per request). */
interface Candidate {
  readonly doc: ServerDocument;
  readonly counts: Counts;
}

/** A request term with its idfs raised to the request's power, computed once per request. */
interface PreparedTerm {
  readonly term: string;
  readonly weight: number;
  readonly serverIdf: number;
  readonly toolIdf: number;
}

interface RequestPair {
  readonly a: string;
  readonly b: string;
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

function prepare(terms: readonly QueryTerm[], stats: CorpusStats, p: number): PreparedQuery {
  const prepared = terms.map((q) => ({ term: q.term, weight: q.weight, serverIdf: serverIdf(stats, q.term) ** p, toolIdf: toolIdf(stats, q.term) ** p }));
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

/** 1 for short requests, ramping to `idfPower` from 8 to 30 distinct terms. */
export function effectiveIdfPower(termCount: number, o: RerankerOptions): number {
  const ramp = Math.min(1, Math.max(0, (termCount - 8) / 22));
  return 1 + (o.idfPower - 1) * ramp;
}

/** Adjacent request word pairs, weighted by their idf (short requests only: long ones are mostly filler). */
const MAX_PAIR_TERMS = 16;

function requestPairs(text: string, terms: readonly PreparedTerm[]): RequestPair[] {
  const words = analyze(text);
  if (words.length > MAX_PAIR_TERMS) return [];
  const idfOf = new Map(terms.map((t) => [t.term, t.toolIdf * t.weight] as const));
  const out = new Map<string, RequestPair>();
  for (let i = 0; i + 1 < words.length; i++) {
    const x = words[i] ?? '';
    const y = words[i + 1] ?? '';
    if (x === y) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a} ${b}`;
    out.set(key, { a, b, key, weight: Math.min(idfOf.get(a) ?? 0, idfOf.get(b) ?? 0) });
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
  for (let i = 0; i < tools.length; i++) {
    const t = tools[i] as Counts['tools'][number];
    for (const p of pairs) if (t.pairs.has(p.key)) scores[i] = (scores[i] as number) + (o.phraseWeight ?? 0) * p.weight;
    if (c.doc.tools[i]?.pseudo) scores[i] = (scores[i] as number) * o.pseudoToolFactor;
  }
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
    const e = counts.terms.get(q.term);
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
  readonly winners: { id: string; implied: boolean }[];
}

function partVotes(query: QueryAnalysis, shortlist: readonly Candidate[], all: readonly Candidate[], stats: CorpusStats, o: RerankerOptions): PartEvidence {
  const votes = new Map<string, number>();
  const winners: { id: string; implied: boolean }[] = [];
  if (o.partWeight <= 0 || query.parts.length < 2) return { votes, winners };
  const parts = query.parts.filter((p) => p.terms.length >= 2);
  // Clauses only choose among servers the whole request already ranks reasonably; this bounds the cost.
  // An implied step's words barely count in the whole request, so it chooses among all candidates (it has few words).
  // A clause is judged as sharply as the whole request it came from.
  const idfPower = effectiveIdfPower(query.terms.length, o);
  const sharp = o.partSharpness ?? 0;
  const topK = o.partTopK ?? 3;
  for (const part of parts) {
    const prepared = prepare(part.terms, stats, part.implied ? 1 : idfPower);
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
 * Gives each clause's best server a place in the top `diversifyTop` (an implied step's best too):
 * a missing winner displaces the weakest server there that is not among the first `diversifyKeep`,
 * not another clause's winner and not a close rival of the best (`diversifyDisplaceBelow`).
 */
function diversify(ranked: RankedServer[], winners: readonly { id: string; implied: boolean }[], o: RerankerOptions): RankedServer[] {
  const top = o.diversifyTop ?? 0;
  const keep = o.diversifyKeep ?? 1;
  if (top <= keep || winners.length === 0 || ranked.length <= top) return ranked;
  const depth = new Set(ranked.slice(0, o.diversifyDepth ?? ranked.length).map((r) => r.id));
  const eligible = new Set(winners.filter((w) => w.implied || depth.has(w.id)).map((w) => w.id));
  const head = ranked.slice(0, top);
  const headIds = new Set(head.map((r) => r.id));
  const bar = (o.diversifyDisplaceBelow ?? 1) * (ranked[0]?.score ?? 0);
  const displaceable = head.filter((r, i) => i >= keep && !eligible.has(r.id) && r.score < bar).reverse();
  const missing = ranked.filter((r) => eligible.has(r.id) && !headIds.has(r.id)).slice(0, displaceable.length);
  if (missing.length === 0) return ranked;
  const out = new Set(displaceable.slice(0, missing.length).map((r) => r.id));
  const kept = head.filter((r) => !out.has(r.id));
  const below = ranked.filter((r) => !headIds.has(r.id) && !missing.includes(r)).concat(head.filter((r) => out.has(r.id))).sort((x, y) => y.score - x.score);
  // Scores are capped by the server above, so the list stays sorted by score (ties keep this order).
  const result: RankedServer[] = [];
  for (const r of [...kept, ...missing, ...below]) {
    const cap = result[result.length - 1]?.score ?? r.score;
    result.push(r.score > cap ? withScore(r, cap) : r);
  }
  return result;
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

/** The same server with a lower score (a plain object: getters do not survive a spread). */
function withScore(r: RankedServer, score: number): RankedServer {
  return { id: r.id, score, matchedFields: r.matchedFields, matchedTools: r.matchedTools, matchedTerms: r.matchedTerms };
}

/**
 * A short request names one action: a server that lists a tool for it is stronger evidence than one whose
 * description merely mentions it, so the description stand-in is discounted by `shortPseudoToolFactor`
 * (fully up to `shortRequestTerms` terms, fading out over the next 22). Long requests describe a task at
 * product level, where a description is on a par with a tool list (and many benchmark pools list no tools).
 */
const SHORT_REQUEST_RAMP = 22;
/** One derived options object per (options, ramp step), so caches keyed by the options object keep working. */
const shortOptionsCache = new WeakMap<RerankerOptions, Map<number, RerankerOptions>>();

export function shortRequestOptions(termCount: number, o: RerankerOptions): RerankerOptions {
  const factor = o.shortPseudoToolFactor ?? 1;
  const step = Math.min(SHORT_REQUEST_RAMP, Math.max(0, termCount - (o.shortRequestTerms ?? 8)));
  if (factor >= 1 || step === SHORT_REQUEST_RAMP) return o;
  let byStep = shortOptionsCache.get(o);
  if (!byStep) shortOptionsCache.set(o, (byStep = new Map()));
  let derived = byStep.get(step);
  if (!derived) {
    derived = { ...o, pseudoToolFactor: o.pseudoToolFactor * (1 - (1 - factor) * (1 - step / SHORT_REQUEST_RAMP)) };
    byStep.set(step, derived);
  }
  return derived;
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
  const options = shortRequestOptions(query.terms.length, baseOptions);
  const prepared = prepare(query.terms, stats, effectiveIdfPower(query.terms.length, options));
  const whole: PreparedQuery = (options.phraseWeight ?? 0) > 0 ? { ...prepared, pairs: requestPairs(query.text, prepared.terms) } : prepared;
  const pool: Candidate[] = candidates.map((doc) => ({ doc, counts: countsOf(doc) }));
  const scored = pool.map((c) => ({ c, score: scoreDocument(c, whole, stats, options, false).score }));
  const shortlist = [...scored].sort((a, b) => b.score - a.score).slice(0, PART_POOL).map((x) => x.c);
  const { votes, winners } = partVotes(query, shortlist, pool, stats, options);
  const ranked = scored.map(({ c, score }) =>
    new ExplainedLater(c.doc.id, score + options.partWeight * (votes.get(c.doc.id) ?? 0), () => scoreDocument(c, whole, stats, options, true)));
  return diversify(ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)), winners, options);
}

/** Builds the per-server term-count maps up front (at startup), so no request pays for them. */
export function warmRerankerCache(docs: readonly ServerDocument[]): void {
  for (const d of docs) countsOf(d);
}
