import type { CatalogServer, CredentialKind, CredentialRequirement, LaunchOption } from './catalog.types';

/**
 * Row shapes as the repository reads them (structural, so this file needs no Prisma import) and the
 * mapping between them and catalog records.
 */
export interface ServerRow {
  id: string;
  name: string;
  description: string;
  categories: string[];
  repository: string | null;
  source: string;
  validationTool: unknown;
  tools: Array<{ name: string; description: string; inputSchema: unknown }>;
  launchOptions: LaunchRow[];
  credentialRequirements: CredentialRow[];
}

export interface LaunchRow {
  transport: string;
  command: string | null;
  args: string[];
  envTemplate: unknown;
  packageRegistry: string | null;
  packageIdentifier: string | null;
  url: string | null;
  headers: unknown;
}

export interface CredentialRow {
  serverId: string;
  key: string;
  kind: string;
  description: string;
  required: boolean;
  secret: boolean;
  format: string;
  steps: string[];
  pattern: string | null;
  patternHint: string | null;
  fileType: string | null;
  fileShape: string | null;
}

export function toCatalogServer(row: ServerRow): CatalogServer {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    categories: row.categories ?? [],
    ...(row.repository ? { repository: row.repository } : {}),
    source: row.source,
    tools: row.tools.map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}) })),
    launchOptions: row.launchOptions.map(toLaunchOption),
    credentials: row.credentialRequirements.map(toCredential),
    ...(row.validationTool ? { validationTool: row.validationTool as CatalogServer['validationTool'] } : {}),
  };
}

export function toLaunchOption(row: LaunchRow): LaunchOption {
  const envTemplate = (row.envTemplate ?? {}) as Record<string, string>;
  if (row.transport === 'stdio') {
    return {
      transport: 'stdio',
      command: row.command ?? '',
      args: row.args ?? [],
      envTemplate,
      ...(row.packageRegistry ? { packageRegistry: row.packageRegistry } : {}),
      ...(row.packageIdentifier ? { packageIdentifier: row.packageIdentifier } : {}),
    };
  }
  return { transport: row.transport as 'streamable-http' | 'sse', url: row.url ?? '', headers: (row.headers ?? {}) as Record<string, string>, envTemplate };
}

export function toCredential(row: CredentialRow): CredentialRequirement {
  return {
    serverId: row.serverId,
    key: row.key,
    kind: row.kind as CredentialKind,
    description: row.description,
    required: row.required,
    secret: row.secret,
    format: row.format === 'file' ? 'file' : 'string',
    steps: row.steps ?? [],
    ...(row.pattern ? { pattern: row.pattern } : {}),
    ...(row.patternHint ? { patternHint: row.patternHint } : {}),
    ...(row.fileType ? { fileType: row.fileType } : {}),
    ...(row.fileShape ? { fileShape: row.fileShape } : {}),
  };
}

/** Children rows for insertion, in the order the record lists them. */
export function childRows(server: CatalogServer) {
  return {
    tools: server.tools.map((t, position) => ({ serverId: server.id, name: t.name, description: t.description, inputSchema: t.inputSchema, position })),
    launchOptions: server.launchOptions.map((o, position) =>
      o.transport === 'stdio'
        ? { serverId: server.id, position, transport: o.transport, command: o.command, args: o.args, envTemplate: o.envTemplate, packageRegistry: o.packageRegistry ?? null, packageIdentifier: o.packageIdentifier ?? null }
        : { serverId: server.id, position, transport: o.transport, args: [], url: o.url, headers: o.headers, envTemplate: o.envTemplate },
    ),
    credentials: server.credentials.map((c) => ({
      serverId: server.id,
      key: c.key,
      kind: c.kind,
      description: c.description,
      required: c.required,
      secret: c.secret,
      format: c.format,
      steps: c.steps,
      pattern: c.pattern ?? null,
      patternHint: c.patternHint ?? null,
      fileType: c.fileType ?? null,
      fileShape: c.fileShape ?? null,
    })),
  };
}
