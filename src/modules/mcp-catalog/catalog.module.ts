import { Module } from '@nestjs/common';
import { CatalogCoreModule } from './catalog-core.module';
import { CatalogController } from './catalog.controller';
import { CatalogSearchController } from './catalog-search.controller';
import { CatalogSearchWarmup } from './catalog-search.warmup';
import { CatalogRepository } from './catalog.repository';
import { StarterCatalogBootstrap } from './starter-catalog.bootstrap';

/** The McpCatalog module of the application: HTTP routes, the starter catalog on first start, and CatalogService. */
@Module({
  imports: [CatalogCoreModule],
  controllers: [CatalogController, CatalogSearchController],
  providers: [StarterCatalogBootstrap, CatalogRepository, CatalogSearchWarmup],
  exports: [CatalogCoreModule],
})
export class CatalogModule {}
