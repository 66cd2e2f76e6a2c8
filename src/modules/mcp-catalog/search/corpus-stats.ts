import type { ServerDocument, ServerField } from './server-document';

/**
 * Corpus statistics the re-ranker needs for IDF and length normalisation.
 * Computed once per catalog import; small enough to keep in memory
 * (~40k terms) or to persist as a (term, df, tool_df) table.
 */
export interface CorpusStats {
  readonly serverCount: number;
  readonly toolCount: number;
  /** Servers containing the term in any field. */
  readonly serverDf: ReadonlyMap<string, number>;
  /** Tools containing the term in name or description. */
  readonly toolDf: ReadonlyMap<string, number>;
  /** Servers whose name holds the term (see nameShare). */
  readonly nameDf: ReadonlyMap<string, number>;
  readonly avgFieldLength: Readonly<Record<ServerField, number>>;
  readonly avgToolLength: number;
}

const FIELDS: readonly ServerField[] = ['name', 'toolName', 'owner', 'category', 'description', 'toolDescription'];

export function buildCorpusStats(docs: readonly ServerDocument[]): CorpusStats {
  const serverDf = new Map<string, number>();
  const toolDf = new Map<string, number>();
  const lengthSum: Record<ServerField, number> = { name: 0, toolName: 0, owner: 0, category: 0, description: 0, toolDescription: 0 };
  let toolCount = 0;
  let toolLengthSum = 0;
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const f of FIELDS) {
      lengthSum[f] += doc.fields[f].length;
      for (const t of doc.fields[f]) seen.add(t);
    }
    for (const t of seen) serverDf.set(t, (serverDf.get(t) ?? 0) + 1);
    for (const tool of doc.tools) {
      toolCount++;
      toolLengthSum += tool.nameTerms.length + tool.descriptionTerms.length;
      for (const t of new Set([...tool.nameTerms, ...tool.descriptionTerms])) toolDf.set(t, (toolDf.get(t) ?? 0) + 1);
    }
  }
  const n = Math.max(1, docs.length);
  const avgFieldLength = { ...lengthSum };
  for (const f of FIELDS) avgFieldLength[f] = Math.max(1, lengthSum[f] / n);
  return {
    serverCount: docs.length,
    toolCount,
    serverDf,
    toolDf,
    nameDf: nameDocumentFrequencies(docs),
    avgFieldLength,
    avgToolLength: Math.max(1, toolLengthSum / Math.max(1, toolCount)),
  };
}

/** Per term, the servers whose name holds it. */
export function nameDocumentFrequencies(docs: readonly ServerDocument[]): Map<string, number> {
  const nameDf = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc.fields.name)) nameDf.set(t, (nameDf.get(t) ?? 0) + 1);
  return nameDf;
}

/**
 * Smoothing for nameShare: a term only a few servers hold is not taken for a product word because
 * one of them carries it in its name. 2 to 10 measured alike; 10 was a little better on LiveMCPBench.
 */
const NAME_SHARE_SMOOTHING = 10;

/**
 * How much a term names servers rather than merely occurring in them, 0..1: a third to a half of the
 * servers holding "weather", "slack" or "pdf" carry it in their name, almost none of those holding
 * "recent", "based" or "give". It tells a request's subject from its filler, which idf cannot:
 * filler words are often rarer in tool texts than the subject is.
 */
export function nameShare(stats: CorpusStats, term: string): number {
  return (stats.nameDf.get(term) ?? 0) / ((stats.serverDf.get(term) ?? 0) + NAME_SHARE_SMOOTHING);
}

/**
 * How much a term is a name, 0..1: the share of the servers holding it that carry it in their name,
 * unsmoothed (unlike nameShare). The product-name bonus asks it of words the request writes as names
 * or that are mostly names anyway, where a rare word in one server's name ("Zapier") is exactly the
 * evidence wanted.
 */
export function productness(stats: CorpusStats, term: string): number {
  const df = stats.serverDf.get(term) ?? 0;
  return df > 0 ? (stats.nameDf.get(term) ?? 0) / df : 0;
}

/** BM25 idf, floored so very common words still count a little rather than negatively. */
export function idf(df: number, count: number): number {
  return Math.max(0.05, Math.log(1 + (count - df + 0.5) / (df + 0.5)));
}

export function serverIdf(stats: CorpusStats, term: string): number {
  return idf(stats.serverDf.get(term) ?? 0, stats.serverCount);
}

export function toolIdf(stats: CorpusStats, term: string): number {
  return idf(stats.toolDf.get(term) ?? 0, stats.toolCount);
}
