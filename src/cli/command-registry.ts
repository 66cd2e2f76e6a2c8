import type { Type } from '@nestjs/common';

export interface CommandGroup {
  name: string;
  description: string;
  /** The Nest module holding this group's commands; loaded only when the group runs. */
  load: () => Promise<Type>;
}

/**
 * Top-level command groups. Each runs in its own small Nest context so, for example, `db migrate`
 * does not need a migrated database and `token issue` does not need the database at all.
 */
export const COMMAND_GROUPS: CommandGroup[] = [
  { name: 'db', description: 'apply or inspect database migrations', load: async () => (await import('./db/db-cli.module')).DbCliModule },
  { name: 'token', description: 'issue development access tokens (no database needed)', load: async () => (await import('./auth/token-cli.module')).TokenCliModule },
  { name: 'clients', description: 'create, list and revoke service clients (client-credentials grant)', load: async () => (await import('./auth/clients-cli.module')).ClientsCliModule },
  { name: 'catalog', description: 'import, sync and count the MCP server catalog', load: async () => (await import('./catalog/catalog-cli.module')).CatalogCliModule },
  { name: 'keys', description: 'credential master keys: status, rotate (re-wraps every stored credential)', load: async () => (await import('./keys/keys-cli.module')).KeysCliModule },
];
