import { Module } from '@nestjs/common';
import { ConfigModule } from '../../config/config.module';
import { DatabaseModule } from '../../database/database.module';
import { CatalogCoreModule } from '../../modules/mcp-catalog/catalog-core.module';
import { CatalogReembedCommand } from './catalog-reembed.command';
import { CatalogCommand, CatalogImportCommand, CatalogStatsCommand, CatalogSyncCommand } from './catalog.command';

/** The catalog without HTTP and without the starter-catalog bootstrap: an import reports exactly what it wrote. */
@Module({
  imports: [ConfigModule, DatabaseModule, CatalogCoreModule],
  providers: [CatalogCommand, CatalogImportCommand, CatalogSyncCommand, CatalogStatsCommand, CatalogReembedCommand],
})
export class CatalogCliModule {}
