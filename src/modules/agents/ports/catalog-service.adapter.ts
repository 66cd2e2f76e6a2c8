import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../common/errors/domain-error';
import { CatalogService } from '../../mcp-catalog/catalog.service';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from './catalog.port';
import { lexicalSearch } from './lexical-search';
import { loadStarterCatalog } from './starter-catalog.loader';

type Searchable = { search(query: CatalogSearchQuery): Promise<CatalogSearchResult> };

const FALLBACK_CACHE_MS = 30_000;

/** The catalog port over the catalog module's CatalogService. */
@Injectable()
export class CatalogServiceAdapter extends CatalogPort {
  private fallbackPool?: { servers: CatalogServer[]; at: number };

  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    try {
      return await this.catalog.getServer(id);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  getServers(ids: string[]): Promise<CatalogServer[]> {
    return this.catalog.getServers(ids);
  }

  findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined> {
    return this.catalog.findSanctionedLaunch(serverId, command, args);
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
