import { impliedNeeds } from './implied-needs';
import { extractLiterals } from './request-literals';
import { analyze, splitWords, stem } from './text-analyzer';

/** One weighted search term; `source` explains where it came from (for debugging and "why"). */
export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
  readonly source: 'query' | 'alias' | 'synonym' | 'concept';
}

export interface QueryPart {
  readonly text: string;
  readonly terms: readonly QueryTerm[];
  /** A step the request implies without saying it (see `implied-needs.ts`); its words are not the user's. */
  readonly implied?: boolean;
}

export interface QueryAnalysis {
  readonly text: string;
  /** All terms of the request, merged (max weight per term). */
  readonly terms: readonly QueryTerm[];
  /** Sub-requests of a multi-part request; a single element for short requests. */
  readonly parts: readonly QueryPart[];
}

export interface Expansion {
  readonly term: string;
  readonly weight: number;
  readonly source: QueryTerm['source'];
}

/** Pluggable dictionary lookup: raw words/phrases -> expansions. */
export type Expander = (words: readonly string[]) => Expansion[];

export const noExpansion: Expander = () => [];

function mergeTerms(terms: readonly QueryTerm[]): QueryTerm[] {
  const best = new Map<string, QueryTerm>();
  const counts = new Map<string, number>();
  for (const t of terms) {
    counts.set(t.term, (counts.get(t.term) ?? 0) + (t.source === 'query' ? 1 : 0));
    const prev = best.get(t.term);
    if (!prev || prev.weight < t.weight) best.set(t.term, t);
  }
  // A word the user repeats matters more, but sub-linearly (long chatty requests repeat filler).
  return [...best.values()].map((t) => {
    const c = counts.get(t.term) ?? 0;
    return c > 1 ? { ...t, weight: t.weight * (1 + 0.3 * Math.log(c)) } : t;
  });
}

/**
 * Domain cues ("asteroid" -> space data) rescue long, chatty requests that
 * never name a product, but blur short tool-level requests ("Get pod logs"),
 * which are already precise. Below this many own terms they are skipped.
 */
export const CONCEPT_MIN_TERMS = 8;

function analyzePart(rawText: string, expand: Expander, conceptsAllowed?: boolean): QueryTerm[] {
  // Paths, URLs, selectors and snake_case names are the user's data: only their file type / site counts.
  const literals = extractLiterals(rawText);
  const text = literals.cues.length > 0 ? `${literals.text} ${literals.cues.join(' ')}` : literals.text;
  const own: QueryTerm[] = analyze(text).map((term) => ({ term, weight: 1, source: 'query' as const }));
  const allowConcepts = conceptsAllowed ?? new Set(own.map((t) => t.term)).size >= CONCEPT_MIN_TERMS;
  const expansions: QueryTerm[] = expand(splitWords(text))
    .filter((e) => allowConcepts || e.source !== 'concept')
    .map((e) => ({ term: stem(e.term), weight: e.weight, source: e.source }));
  return mergeTerms([...own, ...expansions]);
}

/**
 * Splits long requests into sentences/clauses; each part may need a different
 * server ("find the papers ... then save a Word document").
 */
export function splitRequest(text: string): string[] {
  const sentences = text
    // Commas and a bare "and" separate the steps of short multi-part tasks ("..., organize them into a mind map, and tell me ...").
    .split(/(?<=[.!?;:,])\s+|\n+|\s+(?:then|and then|after that|also|plus|finally|and)\s+/i)
    .map((s) => s.trim())
    .filter((s) => analyze(s).length > 0);
  return sentences.length > 0 ? sentences : [text];
}

/** Weight of an implied step's words in the whole request: enough to fetch candidates, not to rank. */
export const IMPLIED_TERM_WEIGHT = 0.05;

export function understandQuery(text: string, expand: Expander = noExpansion, options: { implied?: boolean } = {}): QueryAnalysis {
  const partsText = splitRequest(text);
  const own = analyzePart(text, expand);
  // Parts inherit the whole request's decision: a clause of a long request is still chatty.
  const concepts = own.filter((t) => t.source === 'query').length >= CONCEPT_MIN_TERMS;
  const split = partsText.map((p) => ({ text: p, terms: analyzePart(p, expand, concepts) }));
  const parts: QueryPart[] = split.length > 1 ? split : [{ text, terms: own }];
  const implied = (options.implied ?? true) ? impliedNeeds(text).map((t) => ({ text: t, terms: analyzePart(t, noExpansion, false), implied: true })) : [];
  if (implied.length === 0) return { text, terms: own, parts };
  const extra = implied.flatMap((p) => p.terms.map((t) => ({ term: t.term, weight: IMPLIED_TERM_WEIGHT, source: 'concept' as const })));
  return { text, terms: mergeTerms([...own, ...extra]), parts: [...parts, ...implied] };
}
