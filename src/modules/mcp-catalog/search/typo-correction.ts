import type { CorpusStats } from './corpus-stats';
import { noExpansion, type Expander, type QueryAnalysis, type QueryTerm } from './query-understanding';
import { isStopword, splitWords, stem } from './text-analyzer';
import { nameText } from './server-document';

/**
 * A misspelt word ("slakc", "notoin") matches nothing: the full-text stage skips it and the local
 * embedding hashes it into noise. A word the catalog does not use, one typo (see oneTypoApart) from
 * a word of a server's name, is read as that word too.
 */

/** Shorter words are too close to too many others ("tak" is one edit from "task", "take", "talk"). */
const MIN_LENGTH = 5;
/** A correction counts less than a word the user typed correctly: it is a guess. */
export const CORRECTION_WEIGHT = 0.8;
const WORD = /^[a-z]+$/;

/** Every form of the word with one letter removed. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_AT = new Map(KEY_ROWS.flatMap((row, r) => [...row].map((key, c) => [key, { r, c }] as const)));

/** Neighbouring keys on a QWERTY keyboard (a row below is offset half a key to the right). */
export function adjacentKeys(x: string, y: string): boolean {
  const a = KEY_AT.get(x);
  const b = KEY_AT.get(y);
  if (!a || !b || x === y) return false;
  if (a.r === b.r) return Math.abs(a.c - b.c) === 1;
  const [upper, lower] = a.r < b.r ? [a, b] : [b, a];
  return lower.r - upper.r === 1 && (lower.c === upper.c || lower.c === upper.c - 1);
}

/**
 * True when b is a's likely typo or the other way round: one inserted or dropped letter, two
 * neighbours swapped, or one letter replaced by a neighbouring key. Other substitutions are
 * usually another word ("sweet" is not "sheet", "joint" is not "point").
 */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const substituted = a.slice(i + 1) === b.slice(i + 1) && adjacentKeys(a[i] as string, b[i] as string);
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return substituted || swapped;
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** The word is one typo from one of `words` (see oneTypoApart); words shorter than MIN_LENGTH never are. */
export function oneTypoFromAny(word: string, words: Iterable<string>): boolean {
  if (word.length < MIN_LENGTH) return false;
  for (const w of words) if (w.length >= MIN_LENGTH - 1 && oneTypoApart(word, w)) return true;
  return false;
}

/**
 * The words of server names, as written, indexed by their one-letter deletions (the symmetric-delete
 * method): two words one edit apart share the shorter word, or a deletion of both, so a lookup is a
 * few map reads instead of a scan. Written forms, not stems, are compared: the stemmer reads
 * "sentry" as sentri but leaves "sentyr" alone, two edits apart.
 */
export interface Correction {
  /** The name word as servers write it ("outlook"). */
  readonly written: string;
  /** What the search indexes it as (its stem). */
  readonly term: string;
}

export class Vocabulary {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly stemOf = new Map<string, string>();

  /**
   * `nameTexts`: server names (see nameText), the only words a correction may turn a word
   * into. Products are what a misspelling must not lose ("slakc", "notoin"); correcting into any
   * catalog word would also turn plain English ("lunch", "heard") into tool words ("launch", "head").
   */
  constructor(
    private readonly stats: CorpusStats,
    nameTexts: Iterable<string>,
  ) {
    for (const text of nameTexts) {
      for (const word of splitWords(text)) {
        if (this.stemOf.has(word) || word.length < MIN_LENGTH - 1 || !WORD.test(word) || isStopword(word)) continue;
        const stemmed = stem(word);
        // A word the documents do not index (a platform word such as "server") would find nothing.
        if (!stats.serverDf.has(stemmed)) continue;
        this.stemOf.set(word, stemmed);
        for (const key of [word, ...deletions(word)]) {
          const list = this.byDeletion.get(key);
          if (list) list.push(word);
          else this.byDeletion.set(key, [word]);
        }
      }
    }
  }

  /**
   * The name word the written `word` most likely means (the most used among those one typo away)
   * and the term the search indexes it as, or undefined when the catalog knows the word or nothing
   * is close.
   */
  correct(word: string): Correction | undefined {
    if (word.length < MIN_LENGTH || !WORD.test(word) || this.stats.serverDf.has(stem(word))) return undefined;
    let best: { word: string; df: number } | undefined;
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (!oneTypoApart(word, candidate)) continue;
        const df = this.stats.serverDf.get(this.stemOf.get(candidate) as string) ?? 0;
        // Ties go to the alphabetically first word, so a correction never depends on map order.
        if (!best || df > best.df || (df === best.df && candidate < best.word)) best = { word: candidate, df };
      }
    }
    return best && { written: best.word, term: this.stemOf.get(best.word) as string };
  }
}

const vocabularies = new WeakMap<CorpusStats, Vocabulary>();

/** One vocabulary per corpus snapshot (its stats), built on first use from the snapshot's server names. */
export function vocabularyOf(stats: CorpusStats, servers: () => Iterable<{ id: string; name: string }>): Vocabulary {
  let vocabulary = vocabularies.get(stats);
  if (!vocabulary) vocabularies.set(stats, (vocabulary = new Vocabulary(stats, [...servers()].map(nameText))));
  return vocabulary;
}

/**
 * The analysis with, beside each unknown word the user typed, the catalog word it most likely means,
 * and what `expand` makes of that word ("outlok" is outlook, and outlook is also Microsoft 365), as
 * if it had been spelt right; all at CORRECTION_WEIGHT of their usual weight.
 */
export function correctTypos(analysis: QueryAnalysis, vocabulary: Vocabulary, expand: Expander = noExpansion): QueryAnalysis {
  const typed = new Set(analysis.terms.filter((t) => t.source === 'query').map((t) => t.term));
  const corrections = new Map<string, QueryTerm[]>();
  // Written words, not their stems (see Vocabulary); words the analysis dropped (paths, links) are skipped.
  for (const word of splitWords(analysis.text)) {
    const term = stem(word);
    if (!typed.has(term) || corrections.has(term)) continue;
    const fixed = vocabulary.correct(word);
    if (!fixed) continue;
    const expansions = expand([fixed.written]).filter((e) => e.source !== 'concept');
    corrections.set(term, [
      { term: fixed.term, weight: CORRECTION_WEIGHT, source: 'alias' },
      ...expansions.map((e) => ({ term: stem(e.term), weight: CORRECTION_WEIGHT * e.weight, source: e.source })),
    ]);
  }
  if (corrections.size === 0) return analysis;
  const add = (terms: readonly QueryTerm[]): QueryTerm[] => {
    const present = new Set(terms.map((t) => t.term));
    const extra = terms.flatMap((t) =>
      (t.source === 'query' ? corrections.get(t.term) ?? [] : []).flatMap((c) => {
        if (present.has(c.term)) return [];
        present.add(c.term);
        return [{ ...c, weight: c.weight * t.weight }];
      }),
    );
    return extra.length ? [...terms, ...extra] : [...terms];
  };
  return { ...analysis, terms: add(analysis.terms), parts: analysis.parts.map((p) => ({ ...p, terms: add(p.terms) })) };
}
