import type { ServerField } from './server-document';

/** The re-ranker's weights and switches (defaults measured on the dev set; see README.md). */

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
  /**
   * Extra weight for request terms that name servers (see nameShare): a term's weight is multiplied by
   * 1 + topicalWeight x its name share. Ramped in by request length, from `topicalFromTerms` terms (off)
   * to `topicalFullAtTerms` (full): a short request is its subject and action, a longer one carries
   * filler ("give me a two-day tour based on the recent weather") that must not outweigh its subject.
   */
  readonly topicalWeight?: number;
  readonly topicalFromTerms?: number;
  readonly topicalFullAtTerms?: number;
  /**
   * Credit to the tool evidence of a server whose name holds words the request writes as names ("Take a
   * screenshot with Puppeteer", "write a daily report to Notion"), or words the catalog mostly uses as
   * names (see prepared-query): each such word counts, at this weight times its productness, as if every
   * tool of that server held it. A product's tools are about the product though their texts rarely say
   * its name; without the credit another product's tool for the request's action ("run_report") outranked
   * the product named. Short requests get it whole, fading out as `shortPseudoToolFactor` does (see
   * shortRequestShare).
   */
  readonly productNameWeight?: number;
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
  topicalWeight: 1,
  topicalFromTerms: 5,
  topicalFullAtTerms: 12,
  productNameWeight: 1,
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

/**
 * A short request names one action: a server that lists a tool for it is stronger evidence than one whose
 * description merely mentions it, so the description stand-in is discounted by `shortPseudoToolFactor`
 * (fully up to `shortRequestTerms` terms, fading out over the next 22). Long requests describe a task at
 * product level, where a description is on a par with a tool list (and many benchmark pools list no tools).
 */
const SHORT_REQUEST_RAMP = 22;

/** How far past `shortRequestTerms` a request is, 0..SHORT_REQUEST_RAMP. */
function shortRequestStep(termCount: number, o: RerankerOptions): number {
  return Math.min(SHORT_REQUEST_RAMP, Math.max(0, termCount - (o.shortRequestTerms ?? 8)));
}

/** 1 for requests of up to `shortRequestTerms` terms, falling linearly to 0 over the next 22. */
export function shortRequestShare(termCount: number, o: RerankerOptions): number {
  return 1 - shortRequestStep(termCount, o) / SHORT_REQUEST_RAMP;
}

/** One derived options object per (options, ramp step), so caches keyed by the options object keep working. */
const shortOptionsCache = new WeakMap<RerankerOptions, Map<number, RerankerOptions>>();

export function shortRequestOptions(termCount: number, o: RerankerOptions): RerankerOptions {
  const factor = o.shortPseudoToolFactor ?? 1;
  const step = shortRequestStep(termCount, o);
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
