import type { CatalogServer, CredentialRequirement } from '../mcp-catalog/catalog.types';

/**
 * What the vault needs from the catalog: the credential requirements of some servers (a server
 * missing from the map is unknown) and one server's full record (launch options, validation tool).
 * Bound to the catalog's CatalogService; tests bind a static list.
 */
export abstract class CredentialRequirementsSource {
  abstract getCredentialRequirements(serverIds: string[]): Promise<Map<string, CredentialRequirement[]>>;
  abstract getServer(id: string): Promise<CatalogServer>;
}

/** A fixed list of catalog servers (tests, and the starter catalog before the catalog module exists). */
export class StaticRequirementsSource extends CredentialRequirementsSource {
  private readonly byId: Map<string, CatalogServer>;

  constructor(servers: CatalogServer[]) {
    super();
    this.byId = new Map(servers.map((server) => [server.id, server]));
  }

  async getCredentialRequirements(serverIds: string[]): Promise<Map<string, CredentialRequirement[]>> {
    const result = new Map<string, CredentialRequirement[]>();
    for (const id of serverIds) {
      const server = this.byId.get(id);
      if (server) result.set(id, server.credentials);
    }
    return result;
  }

  async getServer(id: string): Promise<CatalogServer> {
    const server = this.byId.get(id);
    if (!server) throw new Error(`Unknown catalog server ${id}`);
    return server;
  }
}
