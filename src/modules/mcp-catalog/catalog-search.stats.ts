import { createHash } from 'node:crypto';
import type { CorpusStats } from './search/corpus-stats';
import type { ServerField } from './search/server-document';
import { ANALYZER_VERSION } from './search/text-analyzer';

/** CorpusStats as stored in `catalog_search_state` (maps as sorted entry lists). */
export interface StoredCorpusStats {
  fingerprint: string;
  /** The text analysis the terms come from (absent before version 2). */
  analyzerVersion: number;
  serverCount: number;
  toolCount: number;
  serverDf: Array<[string, number]>;
  toolDf: Array<[string, number]>;
  avgFieldLength: Record<ServerField, number>;
  avgToolLength: number;
}

const byTerm = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A digest of everything the local vectors depend on: equal fingerprints mean no re-embedding is needed. */
export function statsFingerprint(stats: CorpusStats): string {
  const hash = createHash('sha256');
  hash.update(`analyzer ${ANALYZER_VERSION}\n${stats.serverCount}\n`);
  for (const [term, df] of [...stats.serverDf].sort(byTerm)) hash.update(`${term}\t${df}\n`);
  return hash.digest('hex');
}

export function toStoredStats(stats: CorpusStats): StoredCorpusStats {
  return {
    fingerprint: statsFingerprint(stats),
    analyzerVersion: ANALYZER_VERSION,
    serverCount: stats.serverCount,
    toolCount: stats.toolCount,
    serverDf: [...stats.serverDf].sort(byTerm),
    toolDf: [...stats.toolDf].sort(byTerm),
    avgFieldLength: { ...stats.avgFieldLength },
    avgToolLength: stats.avgToolLength,
  };
}

/** The stored part of CorpusStats; name frequencies are read off the current documents (see the indexer). */
export type StoredStats = Omit<CorpusStats, 'nameDf'>;

/**
 * Stored statistics, or undefined when there are none usable: missing, malformed, or computed by
 * another version of the text analysis (their terms would not be the ones queries and documents
 * use now; the indexer then re-computes them and re-embeds, as on a first start).
 */
export function fromStoredStats(value: unknown): { stats: StoredStats; fingerprint: string } | undefined {
  const v = value as Partial<StoredCorpusStats> | undefined;
  if (!v || typeof v.fingerprint !== 'string' || !Array.isArray(v.serverDf) || !Array.isArray(v.toolDf) || !v.avgFieldLength) return undefined;
  if ((v.analyzerVersion ?? 1) !== ANALYZER_VERSION) return undefined;
  return {
    fingerprint: v.fingerprint,
    stats: {
      serverCount: Number(v.serverCount ?? 0),
      toolCount: Number(v.toolCount ?? 0),
      serverDf: new Map(v.serverDf),
      toolDf: new Map(v.toolDf),
      avgFieldLength: v.avgFieldLength,
      avgToolLength: Number(v.avgToolLength ?? 1),
    },
  };
}
