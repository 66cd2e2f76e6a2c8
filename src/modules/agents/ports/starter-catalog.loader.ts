import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogServer, CredentialRequirement, LaunchOption } from '../../mcp-catalog/catalog.types';

/**
 * Reads the starter catalog (config/*.json) straight from disk: for unit tests that need catalog
 * records without a database, and for the starter ids the temporary search fallback searches.
 */
type Json = Record<string, unknown>;

export function starterCatalogDir(): string {
  const candidates = [join(process.cwd(), 'config'), join(__dirname, '../../../../config'), join(__dirname, '../../../../../config')];
  return candidates.find((dir) => existsSync(join(dir, 'servers.json'))) ?? candidates[0];
}

export function loadStarterCatalog(dir = starterCatalogDir(), source = 'starter'): CatalogServer[] {
  const read = (name: string): Json => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json;
  const servers = (read('servers.json').servers ?? []) as Json[];
  const configs = (read('config.json').mcpServers ?? {}) as Record<string, Json>;
  const credinfo = (read('credinfo.json').credential_instructions ?? {}) as Record<string, Json>;
  return servers.map((s) => ({
    id: String(s.id),
    name: String(s.name),
    description: String(s.description ?? ''),
    categories: (s.categories as string[]) ?? [],
    repository: s.repository as string | undefined,
    source,
    tools: ((s.tools as Json[]) ?? []).map((t) => ({ name: String(t.name), description: String(t.description ?? '') })),
    launchOptions: configs[String(s.id)] ? [toLaunch(configs[String(s.id)])] : [],
    credentials: toRequirements(String(s.id), credinfo[String(s.id)] ?? {}),
    validationTool: (credinfo[String(s.id)]?.validation_tool as CatalogServer['validationTool']) ?? undefined,
  }));
}

function toLaunch(c: Json): LaunchOption {
  const env = (c.env as Record<string, string>) ?? {};
  if (c.url) return { transport: c.transport as 'streamable-http' | 'sse', url: String(c.url), headers: (c.headers as Record<string, string>) ?? {}, envTemplate: env };
  const pkg = (c.package as Json) ?? {};
  return { transport: 'stdio', command: String(c.command), args: (c.args as string[]) ?? [], envTemplate: env, packageRegistry: pkg.registry as string, packageIdentifier: pkg.identifier as string };
}

function toRequirements(serverId: string, info: Json): CredentialRequirement[] {
  const steps = (info.instructions as Record<string, string[]>) ?? {};
  const formats = (info.formats as Record<string, { pattern: string; hint?: string }>) ?? {};
  const base = (key: string) => ({ serverId, key, steps: steps[key] ?? [], pattern: formats[key]?.pattern, patternHint: formats[key]?.hint });
  const rows: CredentialRequirement[] = [];
  for (const [key, description] of Object.entries((info.required_tokens as Record<string, string>) ?? {})) {
    rows.push({ ...base(key), kind: 'token', description, required: true, secret: true, format: 'string' });
  }
  for (const [key, description] of Object.entries((info.optional_tokens as Record<string, string>) ?? {})) {
    rows.push({ ...base(key), kind: 'token', description, required: false, secret: true, format: 'string' });
  }
  for (const [key, s] of Object.entries((info.settings as Record<string, { description: string; required: boolean }>) ?? {})) {
    rows.push({ ...base(key), kind: 'setting', description: s.description, required: Boolean(s.required), secret: false, format: 'string' });
  }
  for (const [key, f] of Object.entries((info.files as Record<string, { description: string; file_type?: string; shape?: string; required?: boolean }>) ?? {})) {
    rows.push({ ...base(key), kind: 'file', description: f.description, required: f.required !== false, secret: true, format: 'file', fileType: f.file_type ?? 'json', fileShape: f.shape });
  }
  return rows;
}
