import type { CatalogSearchHit, CatalogServer } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { searchableText } from './request-arguments';

/**
 * One chat message's view of the catalog. Planning one message repeats searches (a clause and a
 * product it names often ask the same words; a follow-up re-plans the request) and each search
 * costs a re-rank, so the same question is asked once per message and records are fetched once.
 * Searches read links and paths by their kind (see searchableText).
 */
export class SearchMemo {
  private readonly searches = new Map<string, Promise<CatalogSearchHit[]>>();
  private readonly records = new Map<string, CatalogServer | undefined>();
  /** Searches actually sent to the catalog (what a message costs). */
  searchCalls = 0;
  /** New searches refused because the budget was spent. */
  refused = 0;

  constructor(
    private readonly catalog: CatalogPort,
    /** Searches this message may send; past it a new question finds nothing (asked again, a known one is still answered). */
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * A search of the whole catalog, or only of these servers when `serverIds` is given (none: no
   * search). The last search of the budget is kept for the one asked with `last` (the whole request's).
   */
  search(text: string, limit: number, { serverIds, last }: { serverIds?: readonly string[]; last?: boolean } = {}): Promise<CatalogSearchHit[]> {
    if (serverIds && serverIds.length === 0) return Promise.resolve([]);
    const query = searchableText(text);
    const scope = serverIds ? [...serverIds].sort().join(',') : '*';
    const key = `${scope}|${limit}|${query.toLowerCase()}`;
    let found = this.searches.get(key);
    if (!found && this.searchCalls >= this.budget - (last ? 0 : 1)) {
      this.refused += 1;
      return Promise.resolve([]);
    }
    if (!found) {
      this.searchCalls += 1;
      found = this.catalog.search({ text: query, limit, ...(serverIds ? { serverIds: [...serverIds] } : {}) }).then((r) => r.hits);
      this.searches.set(key, found);
    }
    return found;
  }

  /** Full records for these ids, fetching only the ones this message has not seen yet. */
  async servers(ids: string[]): Promise<Map<string, CatalogServer>> {
    const missing = [...new Set(ids)].filter((id) => !this.records.has(id));
    if (missing.length) {
      const fetched = new Map((await this.catalog.getServers(missing)).map((s) => [s.id, s]));
      for (const id of missing) this.records.set(id, fetched.get(id));
    }
    const out = new Map<string, CatalogServer>();
    for (const id of ids) {
      const record = this.records.get(id);
      if (record) out.set(id, record);
    }
    return out;
  }
}
