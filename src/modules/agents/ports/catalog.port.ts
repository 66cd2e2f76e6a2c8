import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';

/**
 * What agents, orchestration and chat need from the catalog. Bound to the catalog module's
 * CatalogService when it is present (see ports.module.ts); the methods are async so either a
 * synchronous or an asynchronous service fits behind it.
 */
export abstract class CatalogPort {
  abstract getServer(id: string): Promise<CatalogServer | undefined>;
  abstract getServers(ids: string[]): Promise<CatalogServer[]>;
  /** The catalog's launch option matching exactly this command and these args for the server, if any. */
  abstract findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined>;
  abstract search(query: CatalogSearchQuery): Promise<CatalogSearchResult>;
}
