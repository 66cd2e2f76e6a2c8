import type { CatalogCounts } from './catalog.repository';
import type { CatalogServer, CredentialRequirement, LaunchOption } from './catalog.types';
import { CatalogCredentialResponse, CatalogLaunchOptionResponse, CatalogServerResponse, CatalogStatsResponse } from './catalog.dto';

/** Catalog records as the HTTP contract spells them (snake_case). */
export function toServerResponse(server: CatalogServer): CatalogServerResponse {
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    categories: server.categories,
    repository: server.repository ?? null,
    source: server.source,
    tools: server.tools.map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { input_schema: t.inputSchema } : {}) })),
    credentials: server.credentials.map(toCredentialResponse),
    launch_options: server.launchOptions.map(toLaunchResponse),
    validation_tool: server.validationTool ?? null,
  };
}

function toCredentialResponse(c: CredentialRequirement): CatalogCredentialResponse {
  return {
    key: c.key,
    kind: c.kind,
    required: c.required,
    secret: c.secret,
    description: c.description,
    instructions: c.steps,
    format: c.format,
    ...(c.pattern ? { pattern: c.pattern } : {}),
    ...(c.patternHint ? { pattern_hint: c.patternHint } : {}),
    ...(c.fileType ? { file_type: c.fileType } : {}),
    ...(c.fileShape ? { file_shape: c.fileShape } : {}),
  };
}

function toLaunchResponse(o: LaunchOption): CatalogLaunchOptionResponse {
  if (o.transport === 'stdio') {
    return {
      transport: o.transport,
      command: o.command,
      args: o.args,
      env: o.envTemplate,
      ...(o.packageRegistry ? { package_registry: o.packageRegistry } : {}),
      ...(o.packageIdentifier ? { package_identifier: o.packageIdentifier } : {}),
    };
  }
  return { transport: o.transport, url: o.url, headers: o.headers, env: o.envTemplate };
}

export function toStatsResponse(counts: CatalogCounts): CatalogStatsResponse {
  return {
    servers: counts.servers,
    tools: counts.tools,
    launch_options: counts.launchOptions,
    credential_requirements: counts.credentialRequirements,
    servers_with_launch_options: counts.serversWithLaunchOptions,
    servers_needing_credentials: counts.serversNeedingCredentials,
    by_source: counts.bySource,
  };
}
