import { Injectable } from '@nestjs/common';
import { CatalogService } from '../../mcp-catalog/catalog.service';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from './catalog.port';
import { lexicalSearch } from './lexical-search';
import { loadStarterCatalog } from './starter-catalog.loader';

type Searchable = { search(query: CatalogSearchQuery): Promise<CatalogSearchResult> };

const FALLBACK_CACHE_MS = 30_000;
/**
 * Catalog records change only on import or sync; planning reads the same few records many times per
 * message, so they are kept briefly. Launch checks (findSanctionedLaunch) always ask the catalog.
 */
const RECORD_CACHE_MS = 15_000;
const RECORD_CACHE_MAX = 2_000;

/** The catalog port over the catalog module's CatalogService. */
@Injectable()
export class CatalogServiceAdapter extends CatalogPort {
  private fallbackPool?: { servers: CatalogServer[]; at: number };
  private readonly records = new Map<string, { server: CatalogServer | undefined; at: number }>();

  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    return (await this.getServers([id]))[0];
  }

  async getServers(ids: string[]): Promise<CatalogServer[]> {
    const now = Date.now();
    const missing = [...new Set(ids)].filter((id) => !this.fresh(id, now));
    if (missing.length) {
      const loaded = new Map((await this.catalog.getServers(missing)).map((s) => [s.id, s]));
      if (this.records.size + missing.length > RECORD_CACHE_MAX) this.records.clear();
      for (const id of missing) this.records.set(id, { server: loaded.get(id), at: now });
    }
    return ids.flatMap((id) => {
      const server = this.records.get(id)?.server;
      return server ? [server] : [];
    });
  }

  findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined> {
    return this.catalog.findSanctionedLaunch(serverId, command, args);
  }

  private fresh(id: string, now: number): boolean {
    const entry = this.records.get(id);
    return entry !== undefined && now - entry.at < RECORD_CACHE_MS;
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    const service = this.catalog as unknown as Partial<Searchable>;
    if (typeof service.search === 'function') return service.search.call(this.catalog, query);
    return lexicalSearch(await this.fallbackServers(), query);
  }

  /**
   * TEMPORARY, until CatalogService.search exists: the starter catalog's servers as stored in the
   * catalog, searched lexically. Cached briefly so each chat turn does not reload them.
   */
  private async fallbackServers(): Promise<CatalogServer[]> {
    if (this.fallbackPool && Date.now() - this.fallbackPool.at < FALLBACK_CACHE_MS) return this.fallbackPool.servers;
    const servers = await this.catalog.getServers(loadStarterCatalog().map((s) => s.id));
    this.fallbackPool = { servers, at: Date.now() };
    return servers;
  }
}
