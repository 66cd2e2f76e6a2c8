import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { AppConfig } from '../../config/app-config';
import { DatabaseEnv } from '../../config/env';
import { DatabaseConnection } from '../../database/database-connection';
import { readMigrationFiles } from '../../database/migration-files';
import { applyMigrations, migrationStatus } from '../../database/migration-runner';
import { openDatabase } from '../../database/open-database';

async function withDatabase<T>(config: AppConfig, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const connection = await openDatabase(config.get(DatabaseEnv));
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

@SubCommand({ name: 'migrate', description: 'apply pending migrations (the same files `prisma migrate deploy` applies)' })
export class DbMigrateCommand extends CommandRunner {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async run(): Promise<void> {
    await withDatabase(this.config, async (connection) => {
      const applied = await applyMigrations(connection.sql, readMigrationFiles());
      process.stdout.write(
        applied.length ? `Applied ${applied.length} migration(s) to ${connection.location}: ${applied.join(', ')}\n` : `No pending migrations on ${connection.location}\n`,
      );
    });
  }
}

@SubCommand({ name: 'status', description: 'list applied and pending migrations' })
export class DbStatusCommand extends CommandRunner {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async run(): Promise<void> {
    await withDatabase(this.config, async (connection) => {
      const status = await migrationStatus(connection.sql, readMigrationFiles());
      process.stdout.write(`Database: ${connection.location}\n`);
      for (const name of status.applied) process.stdout.write(`  applied   ${name}\n`);
      for (const name of status.pending) process.stdout.write(`  pending   ${name}\n`);
      for (const name of status.failed) process.stdout.write(`  FAILED    ${name}\n`);
      for (const name of status.modified) process.stdout.write(`  MODIFIED  ${name}\n`);
      if (status.pending.length || status.failed.length || status.modified.length) process.exitCode = 1;
    });
  }
}

@Command({ name: 'db', description: 'database migrations', subCommands: [DbMigrateCommand, DbStatusCommand] })
export class DbCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
