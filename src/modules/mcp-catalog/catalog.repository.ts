import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { childRows, CredentialRow, toCatalogServer, toCredential, toLaunchOption } from './catalog-record.mapper';
import type { CatalogServer, CredentialRequirement, LaunchOption } from './catalog.types';

/** A record to write with the hash it is stored under. */
export interface HashedServer {
  server: CatalogServer;
  hash: string;
}

/** What the importer needs to know about records already stored: their hash, source and curated guidance. */
export interface StoredState {
  hash: string;
  source: string;
  validationTool?: CatalogServer['validationTool'];
  credentials: CredentialRequirement[];
  launchOptions: LaunchOption[];
}

export interface CatalogCounts {
  servers: number;
  tools: number;
  launchOptions: number;
  credentialRequirements: number;
  serversWithLaunchOptions: number;
  serversNeedingCredentials: number;
  bySource: Array<{ source: string; servers: number }>;
}

/** Large imports run long transactions; PGlite serialises them anyway. */
const TRANSACTION_OPTIONS = { timeout: 120_000, maxWait: 60_000 };
const WITH_CHILDREN = {
  tools: { orderBy: { position: 'asc' } },
  launchOptions: { orderBy: { position: 'asc' } },
  credentialRequirements: { orderBy: [{ required: 'desc' }, { key: 'asc' }] },
} satisfies Prisma.McpServerInclude;

@Injectable()
export class CatalogRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findStoredState(ids: string[]): Promise<Map<string, StoredState>> {
    const rows = await this.prisma.mcpServer.findMany({
      where: { id: { in: ids } },
      select: { id: true, contentHash: true, source: true, validationTool: true, credentialRequirements: true, launchOptions: { orderBy: { position: 'asc' } } },
    });
    return new Map(
      rows.map((row) => [
        row.id,
        {
          hash: row.contentHash,
          source: row.source,
          ...(row.validationTool ? { validationTool: row.validationTool as unknown as CatalogServer['validationTool'] } : {}),
          credentials: row.credentialRequirements.map((c: CredentialRow) => toCredential(c)),
          launchOptions: row.launchOptions.map(toLaunchOption),
        },
      ]),
    );
  }

  /**
   * Writes one batch in a single transaction: new servers with their children, changed servers with
   * their children replaced, and a source change for servers whose content did not change. Either
   * the whole batch is stored or none of it.
   */
  async writeBatch(added: HashedServer[], updated: HashedServer[], moved: Array<{ id: string; source: string }>): Promise<void> {
    if (added.length + updated.length + moved.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      const updatedIds = updated.map((u) => u.server.id);
      if (updatedIds.length) {
        const where = { serverId: { in: updatedIds } };
        await tx.mcpTool.deleteMany({ where });
        await tx.mcpLaunchOption.deleteMany({ where });
        await tx.mcpCredentialRequirement.deleteMany({ where });
        await tx.$executeRaw(updateServersSql(updated));
      }
      if (added.length) await tx.$executeRaw(insertServersSql(added));
      if (moved.length) await tx.$executeRaw(moveServersSql(moved));
      const children = [...added, ...updated].map(({ server }) => childRows(server));
      const tools = children.flatMap((c) => c.tools);
      if (tools.length) await tx.$executeRaw(insertToolsSql(tools));
      const launchOptions = children.flatMap((c) => c.launchOptions);
      if (launchOptions.length) await tx.$executeRaw(insertLaunchOptionsSql(launchOptions));
      const credentials = children.flatMap((c) => c.credentials);
      if (credentials.length) await tx.$executeRaw(insertCredentialsSql(credentials));
    }, TRANSACTION_OPTIONS);
  }

  /** Removes servers (children and embeddings cascade); returns the ids that existed. */
  async removeServers(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.mcpServer.findMany({ where: { id: { in: ids } }, select: { id: true } });
      await tx.mcpServer.deleteMany({ where: { id: { in: existing.map((row) => row.id) } } });
      return existing.map((row) => row.id);
    }, TRANSACTION_OPTIONS);
  }

  async findById(id: string): Promise<CatalogServer | undefined> {
    const row = await this.prisma.mcpServer.findUnique({ where: { id }, include: WITH_CHILDREN });
    return row ? toCatalogServer(row) : undefined;
  }

  async findByIds(ids: string[]): Promise<CatalogServer[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.mcpServer.findMany({ where: { id: { in: ids } }, include: WITH_CHILDREN });
    return rows.map(toCatalogServer);
  }

  async findCredentialRequirements(serverIds: string[]): Promise<CredentialRequirement[]> {
    if (serverIds.length === 0) return [];
    const rows = await this.prisma.mcpCredentialRequirement.findMany({
      where: { serverId: { in: serverIds } },
      orderBy: [{ serverId: 'asc' }, { required: 'desc' }, { key: 'asc' }],
    });
    return rows.map(toCredential);
  }

  async listIdsBySource(source: string): Promise<string[]> {
    const rows = await this.prisma.mcpServer.findMany({ where: { source }, select: { id: true }, orderBy: { id: 'asc' } });
    return rows.map((row) => row.id);
  }

  async countServers(): Promise<number> {
    return this.prisma.mcpServer.count();
  }

  async counts(): Promise<CatalogCounts> {
    const [servers, tools, launchOptions, credentialRequirements, withLaunch, needingCredentials, bySource] = await Promise.all([
      this.prisma.mcpServer.count(),
      this.prisma.mcpTool.count(),
      this.prisma.mcpLaunchOption.count(),
      this.prisma.mcpCredentialRequirement.count(),
      this.prisma.mcpServer.count({ where: { launchOptions: { some: {} } } }),
      this.prisma.mcpServer.count({ where: { credentialRequirements: { some: { required: true } } } }),
      this.prisma.mcpServer.groupBy({ by: ['source'], _count: { _all: true }, orderBy: { source: 'asc' } }),
    ]);
    return {
      servers,
      tools,
      launchOptions,
      credentialRequirements,
      serversWithLaunchOptions: withLaunch,
      serversNeedingCredentials: needingCredentials,
      bySource: bySource.map((row) => ({ source: row.source, servers: row._count._all })),
    };
  }
}

/*
 * Batch writes send each table's rows as one JSON parameter expanded by jsonb_to_recordset: one
 * statement per table per batch, far faster than row-by-row inserts on PGlite, and never near the
 * bind-parameter limit.
 */
function serverRows(servers: HashedServer[]): string {
  return JSON.stringify(
    servers.map(({ server, hash }) => ({
      id: server.id,
      name: server.name,
      description: server.description,
      categories: server.categories,
      repository: server.repository ?? null,
      source: server.source,
      content_hash: hash,
      validation_tool: server.validationTool ?? null,
    })),
  );
}

const SERVER_RECORD = Prisma.sql`r(id text, name text, description text, categories text[], repository text, source text, content_hash text, validation_tool jsonb)`;

function insertServersSql(servers: HashedServer[]): Prisma.Sql {
  return Prisma.sql`INSERT INTO mcp_servers (id, name, description, categories, repository, source, content_hash, validation_tool, updated_at)
    SELECT id, name, description, categories, repository, source, content_hash, validation_tool, now() FROM jsonb_to_recordset(${serverRows(servers)}::jsonb) AS ${SERVER_RECORD}`;
}

function updateServersSql(servers: HashedServer[]): Prisma.Sql {
  return Prisma.sql`UPDATE mcp_servers s SET name = r.name, description = r.description, categories = r.categories, repository = r.repository,
      source = r.source, content_hash = r.content_hash, validation_tool = r.validation_tool, updated_at = now()
    FROM jsonb_to_recordset(${serverRows(servers)}::jsonb) AS ${SERVER_RECORD} WHERE s.id = r.id`;
}

function moveServersSql(moved: Array<{ id: string; source: string }>): Prisma.Sql {
  return Prisma.sql`UPDATE mcp_servers s SET source = r.source, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) AS r(id text, source text) WHERE s.id = r.id`;
}

type Children = ReturnType<typeof childRows>;

function insertToolsSql(tools: Children['tools']): Prisma.Sql {
  const rows = tools.map((t) => ({ server_id: t.serverId, name: t.name, description: t.description, input_schema: t.inputSchema ?? null, position: t.position }));
  return Prisma.sql`INSERT INTO mcp_tools (server_id, name, description, input_schema, position)
    SELECT server_id, name, description, input_schema, position
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(server_id text, name text, description text, input_schema jsonb, position int)`;
}

function insertLaunchOptionsSql(options: Children['launchOptions']): Prisma.Sql {
  const rows = options.map((o) => ({
    server_id: o.serverId,
    position: o.position,
    transport: o.transport,
    command: 'command' in o ? o.command : null,
    args: o.args,
    env_template: o.envTemplate,
    package_registry: 'packageRegistry' in o ? o.packageRegistry : null,
    package_identifier: 'packageIdentifier' in o ? o.packageIdentifier : null,
    url: 'url' in o ? o.url : null,
    headers: 'headers' in o ? o.headers : {},
  }));
  return Prisma.sql`INSERT INTO mcp_launch_options (id, server_id, position, transport, command, args, env_template, package_registry, package_identifier, url, headers)
    SELECT gen_random_uuid(), server_id, position, transport, command, args, env_template, package_registry, package_identifier, url, headers
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(server_id text, position int, transport text, command text, args text[],
      env_template jsonb, package_registry text, package_identifier text, url text, headers jsonb)`;
}

function insertCredentialsSql(credentials: Children['credentials']): Prisma.Sql {
  const rows = credentials.map((c) => ({
    server_id: c.serverId,
    key: c.key,
    kind: c.kind,
    description: c.description,
    required: c.required,
    secret: c.secret,
    format: c.format,
    steps: c.steps,
    pattern: c.pattern,
    pattern_hint: c.patternHint,
    file_type: c.fileType,
    file_shape: c.fileShape,
  }));
  return Prisma.sql`INSERT INTO mcp_credential_requirements (server_id, key, kind, description, required, secret, format, steps, pattern, pattern_hint, file_type, file_shape)
    SELECT server_id, key, kind, description, required, secret, format, steps, pattern, pattern_hint, file_type, file_shape
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(server_id text, key text, kind text, description text, required boolean,
      secret boolean, format text, steps text[], pattern text, pattern_hint text, file_type text, file_shape text)`;
}
