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
];
