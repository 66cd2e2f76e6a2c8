import { Injectable } from '@nestjs/common';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from './catalog.port';
import { lexicalSearch } from './lexical-search';
import { loadStarterCatalog } from './starter-catalog.loader';

/** A stand-in catalog port over the starter catalog files, for unit tests that need no database. */
@Injectable()
export class StarterCatalogFallback extends CatalogPort {
  private readonly servers: Map<string, CatalogServer>;

  constructor(servers: CatalogServer[] = loadStarterCatalog()) {
    super();
    this.servers = new Map(servers.map((s) => [s.id, s]));
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    return this.servers.get(id);
  }

  async getServers(ids: string[]): Promise<CatalogServer[]> {
    return ids.map((id) => this.servers.get(id)).filter((s): s is CatalogServer => s !== undefined);
  }

  async findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined> {
    return sanctionedLaunch(this.servers.get(serverId), command, args);
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    return lexicalSearch([...this.servers.values()], query);
  }
}

/** A launch is sanctioned when the catalog lists exactly this command with exactly these args. */
export function sanctionedLaunch(server: CatalogServer | undefined, command: string, args: string[]): LaunchOption | undefined {
  return server?.launchOptions.find(
    (o) => o.transport === 'stdio' && o.command === command && o.args.length === args.length && o.args.every((a, i) => a === args[i]),
  );
}
