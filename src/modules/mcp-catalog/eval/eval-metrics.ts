/** Per-query retrieval scores; means over a benchmark give the reported table. */
export interface RetrievalScores {
  hit1: number;
  recall5: number;
  mrr10: number;
}

export function scoreRanking(ranked: readonly string[], expected: readonly string[]): RetrievalScores {
  const want = new Set(expected);
  if (want.size === 0) return { hit1: 0, recall5: 0, mrr10: 0 };
  const hit1 = ranked.length > 0 && want.has(ranked[0] as string) ? 1 : 0;
  const recall5 = ranked.slice(0, 5).filter((id) => want.has(id)).length / want.size;
  const first = ranked.slice(0, 10).findIndex((id) => want.has(id));
  return { hit1, recall5, mrr10: first < 0 ? 0 : 1 / (first + 1) };
}

export function meanScores(list: readonly RetrievalScores[]): RetrievalScores & { n: number } {
  const n = list.length;
  const avg = (f: (s: RetrievalScores) => number): number => (n ? list.reduce((a, s) => a + f(s), 0) / n : 0);
  return { hit1: avg((s) => s.hit1), recall5: avg((s) => s.recall5), mrr10: avg((s) => s.mrr10), n };
}
