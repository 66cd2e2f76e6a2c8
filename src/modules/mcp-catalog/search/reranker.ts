import type { CorpusStats } from './corpus-stats';
import { diversify, type StepWinner } from './diversify';
import { explainDocument, scoreDocument, type Candidate, type Explanation, type MatchedTool } from './document-scoring';
import { effectiveIdfPower, prepare, requestPairs, type PreparedQuery } from './prepared-query';
import type { QueryAnalysis } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';
import type { ServerDocument, ServerField } from './server-document';
import { countsOf, FIELDS, termIdCount } from './server-term-tables';

export { warmRerankerCache } from './server-term-tables';
export { DEFAULT_RERANKER_OPTIONS, shortRequestOptions, type RerankerOptions } from './reranker-options';
export { effectiveIdfPower, topicalWeight } from './prepared-query';
export type { MatchedTool } from './document-scoring';

export interface RankedServer {
  readonly id: string;
  readonly score: number;
  /** Fields in which some request term matched, strongest first. */
  readonly matchedFields: readonly ServerField[];
  readonly matchedTools: readonly MatchedTool[];
  readonly matchedTerms: readonly string[];
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
