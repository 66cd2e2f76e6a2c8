import { Module } from '@nestjs/common';
import { ConfigModule } from '../../config/config.module';
import { DbCommand, DbMigrateCommand, DbStatusCommand } from './db.command';

/** Works on an unmigrated database, so it opens its own connection instead of DatabaseModule's. */
@Module({
  imports: [ConfigModule],
  providers: [DbCommand, DbMigrateCommand, DbStatusCommand],
})
export class DbCliModule {}
