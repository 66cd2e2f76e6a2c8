import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import { DATABASE_CONNECTION, DatabaseConnection } from './database-connection';

/**
 * The Prisma client over whichever database is open. Only repositories and src/database use it.
 * Query logging is left to debug level: SQL parameters can carry user data.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);

  constructor(@Inject(DATABASE_CONNECTION) readonly connection: DatabaseConnection) {
    super({ adapter: connection.adapter });
  }

  get mode(): DatabaseConnection['mode'] {
    return this.connection.mode;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.connection.close();
    this.logger.log(`Closed the database (${this.connection.location})`);
  }
}
