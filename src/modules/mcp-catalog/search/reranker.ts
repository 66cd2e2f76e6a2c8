import { serverIdf, toolIdf, type CorpusStats } from './corpus-stats';
import type { QueryAnalysis, QueryTerm } from './query-understanding';
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

type Counts = Record<ServerField, Map<string, number>> & { tools: { name: Map<string, number>; desc: Map<string, number>; len: number }[] };
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
      tools: doc.tools.map((t) => ({ name: make(t.nameTerms), desc: make(t.descriptionTerms), len: t.nameTerms.length + t.descriptionTerms.length })),
    };
    countCache.set(doc, c);
  }
  return c;
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

function scoreTools(doc: ServerDocument, terms: readonly QueryTerm[], stats: CorpusStats, o: RerankerOptions, p: number): MatchedTool[] {
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
      score += q.weight * toolIdf(stats, q.term) ** p * ((ntf * (o.k1 + 1)) / (ntf + o.k1));
      hit.push(q.term);
    }
    if (tool.pseudo) score *= o.pseudoToolFactor;
    if (score > 0) out.push({ name: tool.name, score, terms: hit });
  });
  return out.sort((a, b) => b.score - a.score);
}

function scoreDocument(doc: ServerDocument, terms: readonly QueryTerm[], stats: CorpusStats, o: RerankerOptions, idfPower?: number): TermScore {
  const counts = countsOf(doc);
  const p = idfPower ?? effectiveIdfPower(terms.length, o);
  let bm25 = 0;
  let covered = 0;
  let totalMass = 0;
  const fields = new Set<ServerField>();
  const matched: string[] = [];
  for (const q of terms) {
    const idfQ = serverIdf(stats, q.term) ** p;
    totalMass += q.weight * idfQ;
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
    covered += q.weight * idfQ;
    bm25 += q.weight * idfQ * ((pseudo * (o.k1 + 1)) / (pseudo + o.k1));
  }
  const tools = matched.length > 0 ? scoreTools(doc, terms, stats, o, p) : [];
  let best = tools[0]?.score ?? 0;
  for (let i = 1; i < Math.min(5, tools.length); i++) best += o.toolRestWeight * (tools[i]?.score ?? 0);
  const mass = Math.max(totalMass, 1e-9);
  const coverage = covered / mass;
  const score = (bm25 + o.toolWeight * best) / mass + o.coverageWeight * coverage + o.priorWeight * doc.prior;
  return { score, fields, terms: matched, tools, coverage };
}

/**
 * Each sub-request votes for its best server; the share of votes is added to
 * the whole-request score. This keeps the server that only one clause needs
 * ("...and save it as a Word file") inside the top few.
 */
function partVotes(query: QueryAnalysis, candidates: readonly ServerDocument[], stats: CorpusStats, o: RerankerOptions): Map<string, number> {
  const votes = new Map<string, number>();
  if (o.partWeight <= 0 || query.parts.length < 2) return votes;
  const parts = query.parts.filter((p) => p.terms.length >= 2);
  // A clause is judged as sharply as the whole request it came from.
  const idfPower = effectiveIdfPower(query.terms.length, o);
  for (const part of parts) {
    let best: ServerDocument | undefined;
    let bestScore = 0;
    for (const doc of candidates) {
      const s = scoreDocument(doc, part.terms, stats, o, idfPower).score;
      if (s > bestScore) { bestScore = s; best = doc; }
    }
    if (best) votes.set(best.id, (votes.get(best.id) ?? 0) + 1 / parts.length);
  }
  return votes;
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
  const scored = candidates.map((doc) => ({ doc, whole: scoreDocument(doc, query.terms, stats, options) }));
  const votes = partVotes(query, candidates, stats, options);
  const ranked = scored.map(({ doc, whole }) => ({
    id: doc.id,
    score: whole.score + options.partWeight * (votes.get(doc.id) ?? 0),
    matchedFields: FIELDS.filter((f) => whole.fields.has(f)),
    matchedTools: whole.tools.filter((t) => t.name.length > 0).slice(0, 3),
    matchedTerms: whole.terms,
  }));
  return ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
