import { Module } from '@nestjs/common';
import { CatalogImportService } from './catalog-import.service';
import { CATALOG_SEARCH_PROVIDERS } from './catalog-search.providers';
import { CatalogSearchIndexer } from './catalog-search.indexer';
import { CatalogSearchService } from './catalog-search.service';
import { CatalogIndexer } from './catalog-indexer';
import { CatalogSyncStateRepository } from './catalog-sync-state.repository';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { RegistryClient } from './registry.client';
import { RegistrySyncService } from './registry-sync.service';
import { StarterGuidance } from './starter-catalog';

/**
 * The catalog's records, importers and sync, without HTTP or start-up work, so the CLI can use them
 * too. The search module replaces the CatalogIndexer provider with its own.
 */
@Module({
  providers: [
    CatalogRepository,
    CatalogSyncStateRepository,
    CatalogImportService,
    RegistryClient,
    RegistrySyncService,
    CatalogService,
    { provide: StarterGuidance, useFactory: () => new StarterGuidance() },
    ...CATALOG_SEARCH_PROVIDERS,
  ],
  exports: [CatalogService, CatalogImportService, RegistrySyncService, CatalogIndexer, CatalogSearchService, CatalogSearchIndexer],
})
export class CatalogCoreModule {}
