import { Injectable } from '@nestjs/common';
import { CatalogSearchService } from '../../mcp-catalog/catalog-search.service';
import { CatalogService } from '../../mcp-catalog/catalog.service';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from './catalog.port';

/**
 * Catalog records change only on import or sync; planning reads the same few records many times per
 * message, so they are kept briefly. Launch checks (findSanctionedLaunch) always ask the catalog.
 */
const RECORD_CACHE_MS = 15_000;
const RECORD_CACHE_MAX = 2_000;

/** The catalog port over the catalog module's CatalogService and CatalogSearchService. */
@Injectable()
export class CatalogServiceAdapter extends CatalogPort {
  private readonly records = new Map<string, { server: CatalogServer | undefined; at: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly searcher: CatalogSearchService,
  ) {
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

  search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    return this.searcher.search(query);
  }

  private fresh(id: string, now: number): boolean {
    const entry = this.records.get(id);
    return entry !== undefined && now - entry.at < RECORD_CACHE_MS;
  }
}
