import { Injectable } from '@nestjs/common';
import { CatalogServerNotFound } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import type { CatalogServer, CredentialRequirement, LaunchOption } from './catalog.types';
import { CatalogServerResponse, CatalogStatsResponse } from './catalog.dto';
import { toServerResponse, toStatsResponse } from './catalog-response.mapper';
import { matchesLaunch } from './launch-match';
import { CredentialGuidance, StarterGuidance } from './starter-catalog';

/**
 * The catalog as other modules see it: records with their launch options and credential
 * requirements, the launch check agents rely on, and counts. Requirements that arrive without
 * instructions (most big imports) borrow the starter catalog's curated steps and format for the same
 * key name, so users are told how to get e.g. SLACK_BOT_TOKEN whichever Slack server was picked.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly guidance: StarterGuidance,
  ) {}

  async getServer(id: string): Promise<CatalogServer> {
    const server = await this.repository.findById(id);
    if (!server) throw new CatalogServerNotFound(id);
    return this.withGuidance(server);
  }

  /** The servers that exist among `ids`, in the order asked; unknown ids are left out. */
  async getServers(ids: string[]): Promise<CatalogServer[]> {
    const byId = new Map((await this.repository.findByIds([...new Set(ids)])).map((s) => [s.id, s]));
    return ids.flatMap((id) => (byId.has(id) ? [this.withGuidance(byId.get(id) as CatalogServer)] : []));
  }

  /** Requirements per known server (an empty list when it needs nothing); unknown ids are absent. */
  async getCredentialRequirements(serverIds: string[]): Promise<Map<string, CredentialRequirement[]>> {
    const servers = await this.getServers(serverIds);
    return new Map(servers.map((server) => [server.id, server.credentials]));
  }

  /** The server's launch option this exact command line corresponds to, ignoring `{KEY}` substitutions. */
  async findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined> {
    const server = await this.repository.findById(serverId);
    return server?.launchOptions.find((option) => matchesLaunch(option, command, args));
  }

  /** Curated guidance (steps, format) the starter catalog has for a credential key name, if any. */
  knownCredentialGuidance(key: string): CredentialGuidance | undefined {
    return this.guidance.get(key);
  }

  async getServerResponse(id: string): Promise<CatalogServerResponse> {
    return toServerResponse(await this.getServer(id));
  }

  async stats(): Promise<CatalogStatsResponse> {
    return toStatsResponse(await this.repository.counts());
  }

  private withGuidance(server: CatalogServer): CatalogServer {
    const credentials = server.credentials.map((credential) => {
      if (credential.steps.length > 0 && credential.pattern) return credential;
      const known = this.guidance.get(credential.key);
      if (!known) return credential;
      return {
        ...credential,
        steps: credential.steps.length > 0 ? credential.steps : known.steps,
        ...(!credential.pattern && known.pattern && credential.format === 'string' ? { pattern: known.pattern, ...(known.patternHint ? { patternHint: known.patternHint } : {}) } : {}),
        description: credential.description || known.description,
      };
    });
    return { ...server, credentials };
  }
}
