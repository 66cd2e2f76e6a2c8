import type { Expander, Expansion } from './query-understanding';
import { CONCEPTS, PRODUCT_ALIASES, SYNONYM_GROUPS } from './query-lexicon.data';
import { isStopword, stem } from './text-analyzer';

export interface ExpansionWeights {
  readonly synonym: number;
  readonly alias: number;
  readonly concept: number;
}

export const DEFAULT_EXPANSION_WEIGHTS: ExpansionWeights = { synonym: 0, alias: 0.5, concept: 0.35 };

/** Longest phrase (in words) looked up in the alias/concept tables. */
const MAX_PHRASE = 3;

/**
 * Builds the dictionary expander once (tables are keyed by stem, so
 * "asteroids" and "asteroid" share an entry). Expansions never outweigh the
 * user's own words: weights stay below 1.
 */
export function createLexiconExpander(weights: ExpansionWeights = DEFAULT_EXPANSION_WEIGHTS): Expander {
  const synonyms = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    for (const w of group) {
      const key = stem(w);
      const set = synonyms.get(key) ?? new Set<string>();
      for (const other of group) if (other !== w) set.add(other);
      synonyms.set(key, set);
    }
  }
  const keyOf = (phrase: string): string => phrase.split(/[\s.-]+/).map(stem).join(' ');
  const aliases = new Map(Object.entries(PRODUCT_ALIASES).map(([k, v]) => [keyOf(k), v] as const));
  const concepts = new Map(Object.entries(CONCEPTS).map(([k, v]) => [keyOf(k), v] as const));
  // Every proper prefix of a phrase key ("google", "google cloud" for "google cloud storage"): a phrase
  // is only extended while it can still become a key, which spares a long request most of its
  // string building.
  const prefixes = new Set<string>();
  for (const key of [...aliases.keys(), ...concepts.keys()]) {
    const parts = key.split(' ');
    for (let n = 1; n < parts.length; n++) prefixes.add(parts.slice(0, n).join(' '));
  }

  return (words: readonly string[]): Expansion[] => {
    const out: Expansion[] = [];
    const stems = words.map((w) => stem(w));
    for (let i = 0; i < stems.length; i++) {
      let key = stems[i] ?? '';
      for (let n = 1; n <= MAX_PHRASE && i + n <= stems.length; n++) {
        if (n > 1) {
          if (!prefixes.has(key)) break;
          key = `${key} ${stems[i + n - 1] ?? ''}`;
        }
        for (const t of aliases.get(key) ?? []) out.push({ term: t, weight: weights.alias, source: 'alias' });
        for (const t of concepts.get(key) ?? []) out.push({ term: t, weight: weights.concept, source: 'concept' });
      }
      const w = words[i] ?? '';
      if (isStopword(w)) continue;
      for (const t of synonyms.get(stems[i] ?? '') ?? []) out.push({ term: t, weight: weights.synonym, source: 'synonym' });
    }
    return out.filter((e) => e.weight > 0 && e.term.length > 1 && !isStopword(e.term));
  };
}
