import type { SearchableServer } from '../search/server-document';

/** Lower-cased alphanumeric runs of two or more characters: the plain tokeniser shared/README's baseline uses. */
const tokens = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);

/**
 * The reference BM25 (k1 1.2, b 0.75) over one concatenated field: name, id, description, tool names
 * and descriptions. It exists only to score the product against a known baseline in the same run.
 */
export class Bm25Baseline {
  private readonly postings = new Map<string, Array<{ doc: number; tf: number }>>();
  private readonly lengths: number[] = [];
  private readonly avgLength: number;

  constructor(private readonly servers: readonly SearchableServer[]) {
    servers.forEach((s, doc) => {
      const terms = tokens([s.name, s.id, s.description, ...s.tools.map((t) => `${t.name} ${t.description}`)].join(' '));
      this.lengths.push(terms.length);
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        const list = this.postings.get(t) ?? [];
        list.push({ doc, tf });
        this.postings.set(t, list);
      }
    });
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  /** Top `k` ids, optionally only those in `allowed`. */
  search(query: string, allowed: ReadonlySet<string> | null, k: number): string[] {
    const scores = new Map<number, number>();
    const n = this.servers.length;
    for (const t of new Set(tokens(query))) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * (this.lengths[doc] ?? 0)) / this.avgLength));
        scores.set(doc, (scores.get(doc) ?? 0) + idf * norm);
      }
    }
    return [...scores.entries()]
      .filter(([doc]) => !allowed || allowed.has((this.servers[doc] as SearchableServer).id))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([doc]) => (this.servers[doc] as SearchableServer).id);
  }
}
