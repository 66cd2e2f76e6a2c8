import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { CatalogServer, LaunchOption } from '../mcp-catalog/catalog.types';
import { AgentServerRecord, credentialRef, EnvValue } from './agent.types';
import { RequestedServer } from './agent-config.parser';
import { CredentialRejectedError, EnvKeyNotDeclaredError, LaunchNotSanctionedError } from './agents.errors';
import { CatalogPort } from './ports/catalog.port';
import { CredentialsPort } from './ports/credentials.port';

/**
 * Turns requested or planned servers into agent server records the catalog allows: the launch comes
 * from the catalog, env keys must be ones the catalog declares, and secrets become references.
 */
@Injectable()
export class AgentServersResolver {
  constructor(
    private readonly catalog: CatalogPort,
    private readonly credentials: CredentialsPort,
  ) {}

  /** For `POST /api/agents/create`: checks every server, then moves literal secrets into the store. */
  async fromRequest(principal: Principal, requested: RequestedServer[]): Promise<AgentServerRecord[]> {
    const checked: Array<{ server: CatalogServer; launch: LaunchOption; req: RequestedServer }> = [];
    for (const req of requested) {
      const server = await this.catalog.getServer(req.serverId);
      const launch = server ? await this.catalog.findSanctionedLaunch(req.serverId, req.command, req.args) : undefined;
      if (!server || !launch) throw notSanctioned(req, server);
      assertDeclared(server, launch, req.env);
      checked.push({ server, launch, req });
    }
    await this.storeLiteralSecrets(principal, checked.map((c) => ({ server: c.server, env: c.req.env })));
    return checked.map(({ server, launch, req }) => toRecord(server, launch, referenceSecrets(server, req.env)));
  }

  /** For a completed plan: the catalog's first launch option, with references for every credential. */
  async fromPlan(serverIds: string[], unavailableOptional: string[]): Promise<AgentServerRecord[]> {
    const servers = await this.catalog.getServers(serverIds);
    return servers.map((server) => {
      const launch = server.launchOptions.find((o) => o.transport === 'stdio') ?? server.launchOptions[0];
      if (!launch) throw new LaunchNotSanctionedError(`The catalog has no launch option for ${server.id}`, { mcp_server: server.id });
      const env: Record<string, EnvValue> = {};
      for (const [key, value] of Object.entries(launch.envTemplate)) if (value) env[key] = value;
      for (const c of server.credentials) if (!unavailableOptional.includes(`${server.id}/${c.key}`)) env[c.key] = credentialRef(server.id, c.key);
      return toRecord(server, launch, env);
    });
  }

  private async storeLiteralSecrets(principal: Principal, entries: Array<{ server: CatalogServer; env: Record<string, EnvValue> }>): Promise<void> {
    const byServer: Record<string, Record<string, string>> = {};
    for (const { server, env } of entries) {
      for (const [key, value] of Object.entries(env)) {
        if (typeof value === 'string' && isSecret(server, key)) (byServer[server.id] ??= {})[key] = value;
      }
    }
    if (Object.keys(byServer).length === 0) return;
    const results = await this.credentials.storeMany(principal, byServer, []);
    const refused = results.filter((r) => !r.ok).map((r) => ({ mcp_server: r.mcp_server, credential_key: r.credential_key, reason: r.reason }));
    if (refused.length) throw new CredentialRejectedError(`Refused credentials: ${refused.map((r) => `${r.mcp_server}/${r.credential_key}`).join(', ')}`, { credentials: refused });
  }
}

function isSecret(server: CatalogServer, key: string): boolean {
  return server.credentials.some((c) => c.key === key && c.secret);
}

function referenceSecrets(server: CatalogServer, env: Record<string, EnvValue>): Record<string, EnvValue> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, typeof value === 'string' && isSecret(server, key) ? credentialRef(server.id, key) : value]));
}

function assertDeclared(server: CatalogServer, launch: LaunchOption, env: Record<string, EnvValue>): void {
  const declared = new Set([...Object.keys(launch.envTemplate), ...server.credentials.map((c) => c.key)]);
  const unknown = Object.keys(env).filter((key) => !declared.has(key));
  if (unknown.length) throw new EnvKeyNotDeclaredError(`The catalog does not declare ${unknown.join(', ')} for ${server.id}`, { mcp_server: server.id, keys: unknown });
}

function notSanctioned(req: RequestedServer, server: CatalogServer | undefined): LaunchNotSanctionedError {
  const why = server ? `The catalog does not sanction this command for ${req.serverId}` : `The catalog has no server ${req.serverId}`;
  const allowed = server?.launchOptions.flatMap((o) => (o.transport === 'stdio' ? [{ command: o.command, args: o.args }] : [])) ?? [];
  return new LaunchNotSanctionedError(why, { mcp_server: req.serverId, allowed });
}

function toRecord(server: CatalogServer, launch: LaunchOption, env: Record<string, EnvValue>): AgentServerRecord {
  if (launch.transport === 'stdio') {
    return { serverId: server.id, name: server.name, transport: 'stdio', command: launch.command, args: launch.args, env, url: null, headers: {} };
  }
  return { serverId: server.id, name: server.name, transport: launch.transport, command: null, args: [], env, url: launch.url, headers: launch.headers };
}
