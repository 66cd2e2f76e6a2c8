import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OFFICIAL_META } from '../../src/modules/mcp-catalog/importers/registry-entry.parser';

/** ../shared/catalog beside the repository, where developers and CI keep the real 8,818-server catalog. */
export const SHARED_CATALOG_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'catalog');
export const sharedCatalogPresent = (): boolean => existsSync(resolve(SHARED_CATALOG_DIR, 'servers.json'));

export interface RegistryEntry {
  server: Record<string, unknown>;
  _meta: Record<string, { status: string; isLatest: boolean; updatedAt: string; publishedAt: string }>;
}

type Seed = { id: string; name: string | null; description: string; repository: string | null };
type Config = { command?: string; url?: string; transport: string; env: Record<string, string>; package?: { registry: string | null; identifier: string | null } };
type Cred = { required_tokens: Record<string, string>; optional_tokens: Record<string, string>; settings: Record<string, { description: string; required: boolean }> };

/**
 * Registry API entries built from the first `count` launchable servers of the shared catalog, as the
 * official registry would publish them (server.json + official metadata).
 */
export function registryEntriesFromSharedCatalog(count: number): RegistryEntry[] {
  const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(SHARED_CATALOG_DIR, name), 'utf8')) as T;
  const servers = read<{ servers: Seed[] }>('servers.json').servers;
  const configs = read<{ mcpServers: Record<string, Config> }>('config.json').mcpServers;
  const creds = read<{ credential_instructions: Record<string, Cred> }>('credinfo.json').credential_instructions;
  return servers
    .filter((s) => configs[s.id] && (configs[s.id].url || configs[s.id].package?.registry))
    .slice(0, count)
    .map((s, i) => ({ server: toServerJson(s, configs[s.id], creds[s.id]), _meta: meta('active', new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()) }));
}

export function meta(status: string, updatedAt: string): RegistryEntry['_meta'] {
  return { [OFFICIAL_META]: { status, isLatest: true, updatedAt, publishedAt: updatedAt } };
}

function toServerJson(seed: Seed, config: Config, cred: Cred | undefined): Record<string, unknown> {
  const variables = Object.keys(config.env).map((name) => {
    const setting = cred?.settings[name];
    return { name, description: cred?.required_tokens[name] ?? cred?.optional_tokens[name] ?? setting?.description ?? '', isRequired: name in (cred?.required_tokens ?? {}) || setting?.required === true, isSecret: !setting };
  });
  return {
    name: seed.id,
    ...(seed.name ? { title: seed.name } : {}),
    description: seed.description,
    version: '1.0.0',
    ...(seed.repository ? { repository: { url: seed.repository, source: 'github' } } : {}),
    ...(config.url
      ? { remotes: [{ type: config.transport, url: config.url, headers: variables.map((v) => ({ ...v, name: v.name })) }] }
      : { packages: [{ registryType: config.package!.registry, identifier: config.package!.identifier, version: '1.0.0', transport: { type: 'stdio' }, environmentVariables: variables }] }),
  };
}

/**
 * A local stand-in for the registry API: `GET /v0.1/servers` with cursor paging and `updated_since`
 * filtering over `entries` (mutable between runs), recording each request's query.
 */
export class FakeRegistry {
  readonly requests: URLSearchParams[] = [];
  /** Return this status instead of a page when it answers true (page number counts from 1). */
  failWhen?: (query: URLSearchParams, attempt: number) => number | undefined;
  private server?: Server;
  private attempts = 0;

  constructor(public entries: RegistryEntry[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/v0.1/servers') return void res.writeHead(404).end();
    this.requests.push(url.searchParams);
    this.attempts += 1;
    const failure = this.failWhen?.(url.searchParams, this.attempts);
    if (failure) return void res.writeHead(failure, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
    const since = url.searchParams.get('updated_since');
    const visible = this.entries
      .filter((e) => !since || Object.values(e._meta)[0].updatedAt > since)
      .sort((a, b) => String(a.server.name).localeCompare(String(b.server.name)));
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 30);
    const page = visible.slice(offset, offset + limit);
    const next = offset + limit < visible.length ? String(offset + limit) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ servers: page, metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) } }));
  }
}
