import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseEnv } from '../config/env';
import { DATABASE_CONNECTION, DatabaseConnection } from './database-connection';
import { prepareDatabase } from './database-startup';
import { openDatabase } from './open-database';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<DatabaseConnection> => {
        const logger = new Logger('Database');
        const connection = await openDatabase(config.get(DatabaseEnv));
        try {
          const { applied } = await prepareDatabase(connection);
          if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
        } catch (error) {
          await connection.close().catch(() => undefined);
          throw error;
        }
        logger.log(`Using the ${connection.location} database`);
        return connection;
      },
    },
    PrismaService,
  ],
  exports: [PrismaService, DATABASE_CONNECTION],
})
export class DatabaseModule {}
