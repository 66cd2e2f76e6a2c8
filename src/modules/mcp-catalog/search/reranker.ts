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

type Counts = Record<ServerField, Map<string, number>> & {
  tools: { name: Map<string, number>; desc: Map<string, number>; len: number; pairs: Set<string> }[];
  /** Every term of the server (fields and tools): one lookup rejects most request words. */
  all: Set<string>;
};
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

function countsOf(doc: ServerDocument): Counts {
  let c = countCache.get(doc);
  if (!c) {
    const make = (terms: readonly string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
      return m;
    };
    c = {
      name: make(doc.fields.name), toolName: make(doc.fields.toolName), owner: make(doc.fields.owner),
      category: make(doc.fields.category), description: make(doc.fields.description), toolDescription: make(doc.fields.toolDescription),
      tools: doc.tools.map((t) => ({ name: make(t.nameTerms), desc: make(t.descriptionTerms), len: t.nameTerms.length + t.descriptionTerms.length, pairs: pairsOf([t.nameTerms, t.descriptionTerms]) })),
      all: new Set([...FIELDS.flatMap((f) => doc.fields[f]), ...doc.tools.flatMap((t) => [...t.nameTerms, ...t.descriptionTerms])]),
    };
    countCache.set(doc, c);
  }
  return c;
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
  readonly fields: Set<ServerField>;
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

function scoreTools(doc: ServerDocument, terms: readonly PreparedTerm[], stats: CorpusStats, o: RerankerOptions, pairs: readonly RequestPair[] = []): MatchedTool[] {
  const out: MatchedTool[] = [];
  const toolCounts = countsOf(doc).tools;
  doc.tools.forEach((tool, i) => {
    const c = toolCounts[i];
    if (!c) return;
    const norm = 1 - o.toolLengthNorm + (o.toolLengthNorm * c.len) / stats.avgToolLength;
    let score = 0;
    const hit: string[] = [];
    for (const q of terms) {
      const tf = o.toolNameBoost * (c.name.get(q.term) ?? 0) + (c.desc.get(q.term) ?? 0);
      if (tf === 0) continue;
      const ntf = tf / norm;
      score += q.weight * q.toolIdf * ((ntf * (o.k1 + 1)) / (ntf + o.k1));
      hit.push(q.term);
    }
    for (const p of pairs) if (c.pairs.has(p.key)) score += (o.phraseWeight ?? 0) * p.weight;
    if (tool.pseudo) score *= o.pseudoToolFactor;
    if (score > 0) out.push({ name: tool.name, score, terms: hit });
  });
  return out.sort((a, b) => b.score - a.score);
}

function scoreDocument(doc: ServerDocument, query: PreparedQuery, stats: CorpusStats, o: RerankerOptions): TermScore {
  const counts = countsOf(doc);
  let bm25 = 0;
  let covered = 0;
  const fields = new Set<ServerField>();
  const matched: string[] = [];
  const present: PreparedTerm[] = [];
  for (const q of query.terms) {
    if (!counts.all.has(q.term)) continue;
    present.push(q);
    let pseudo = 0;
    for (const f of FIELDS) {
      const tf = counts[f].get(q.term);
      if (!tf) continue;
      const b = o.fieldLengthNorm[f];
      pseudo += (o.fieldWeights[f] * tf) / (1 - b + (b * doc.fields[f].length) / stats.avgFieldLength[f]);
      fields.add(f);
    }
    if (pseudo === 0) continue;
    matched.push(q.term);
    covered += q.weight * q.serverIdf;
    bm25 += q.weight * q.serverIdf * ((pseudo * (o.k1 + 1)) / (pseudo + o.k1));
  }
  // Only terms the server contains can score a tool; long requests make this the hot loop.
  const pairs = (query.pairs ?? []).filter((p) => counts.all.has(p.a) && counts.all.has(p.b));
  const tools = present.length > 0 ? scoreTools(doc, present, stats, o, pairs) : [];
  let best = tools[0]?.score ?? 0;
  for (let i = 1; i < Math.min(5, tools.length); i++) best += o.toolRestWeight * (tools[i]?.score ?? 0);
  const coverage = covered / query.mass;
  const score = (bm25 + o.toolWeight * best) / query.mass + o.coverageWeight * coverage + o.priorWeight * doc.prior;
  return { score, fields, terms: matched, tools, coverage };
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

function partVotes(query: QueryAnalysis, shortlist: readonly ServerDocument[], all: readonly ServerDocument[], stats: CorpusStats, o: RerankerOptions): PartEvidence {
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
    const scores = pool.map((doc) => ({ id: doc.id, s: scoreDocument(doc, prepared, stats, o).score })).sort((a, b) => b.s - a.s);
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
    result.push(r.score > cap ? { ...r, score: cap } : r);
  }
  return result;
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
  options: RerankerOptions = DEFAULT_RERANKER_OPTIONS,
): RankedServer[] {
  const prepared = prepare(query.terms, stats, effectiveIdfPower(query.terms.length, options));
  const whole: PreparedQuery = (options.phraseWeight ?? 0) > 0 ? { ...prepared, pairs: requestPairs(query.text, prepared.terms) } : prepared;
  const scored = candidates.map((doc) => ({ doc, whole: scoreDocument(doc, whole, stats, options) }));
  const shortlist = [...scored].sort((a, b) => b.whole.score - a.whole.score).slice(0, PART_POOL).map((x) => x.doc);
  const { votes, winners } = partVotes(query, shortlist, candidates, stats, options);
  const ranked = scored.map(({ doc, whole }) => ({
    id: doc.id,
    score: whole.score + options.partWeight * (votes.get(doc.id) ?? 0),
    matchedFields: FIELDS.filter((f) => whole.fields.has(f)),
    matchedTools: whole.tools.filter((t) => t.name.length > 0).slice(0, 3),
    matchedTerms: whole.terms,
  }));
  return diversify(ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)), winners, options);
}

/** Builds the per-server term-count maps up front (at startup), so no request pays for them. */
export function warmRerankerCache(docs: readonly ServerDocument[]): void {
  for (const d of docs) countsOf(d);
}
